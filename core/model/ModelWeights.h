#pragma once

#include "domain/WeightArray.h"

#include <QString>
#include <cstdint>

namespace torch::nn
{
class Module;
}

namespace ac
{

/// Every parameter (and buffer) of `module` under its state_dict name, as plain arrays.
Weights exportWeights(const torch::nn::Module& module);

/**
 * Copies `weights` into `module`'s parameters by name. Fails (module unchanged, `error` names the
 * first offending parameter and both shapes) when a name is missing, unknown or has another shape,
 * or when a parameter holds a NaN or infinite value. Every path that loads weights into a model
 * (import-weights, prediction, attribution, resuming training) goes through here.
 */
bool importWeights(torch::nn::Module& module, const Weights& weights, QString* error);

/// Sets every parameter to U(-range, range) from a generator seeded with `seed` (deterministic).
void initUniform(torch::nn::Module& module, double range, std::uint64_t seed);

} // namespace ac
