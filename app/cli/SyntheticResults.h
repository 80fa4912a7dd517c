#pragma once

#include "domain/RunResults.h"

#include <cstdint>

namespace ac::cli
{

/**
 * Attention-shaped values for a cell without a trained model, for the benchmarks (bench gui,
 * bench heatmap): per gene and mark, α is a softmax over bins peaking near a random bin; β a
 * softmax over marks; p uniform. They only have to look and cost like real results: the
 * benchmarks measure drawing, not modelling. Same seed, same values.
 */
RunResults synthesiseResults(int genes, std::uint64_t seed);

} // namespace ac::cli
