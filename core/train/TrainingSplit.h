#pragma once

#include "domain/CellData.h"
#include "domain/Split.h"
#include "model/ChromatinModel.h"

#include <torch/torch.h>

#include <cstdint>
#include <vector>

namespace ac
{

/**
 * The genes of one split of a cell as tensors, for training and evaluation. Owns its data (a
 * copy: the cell may go away). Use from one thread.
 */
struct TrainingSplit {
    torch::Tensor x; ///< [N, T, M]
    torch::Tensor y; ///< [N] float 0/1
    std::vector<std::uint8_t> labels;

    /// The genes of `cell` in `split`, in the cell's order; `cell` must be consistent (as many
    /// labels and splits as genes, genes × bins × marks values).
    static TrainingSplit gather(const CellData& cell, Split split);

    std::int64_t size() const { return x.size(0); }

    /// Probabilities of every gene and the mean BCE against `y` in `*loss` (NaN for no genes),
    /// with `model` in eval mode and no autograd.
    std::vector<float> evaluate(ChromatinModelImpl& model, double* loss) const;
};

} // namespace ac
