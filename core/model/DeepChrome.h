#pragma once

#include "model/ChromatinModel.h"

#include <torch/torch.h>

namespace ac
{

/**
 * DeepChrome (Singh et al. 2016), the CNN baseline: the marks are the input channels of a
 * convolution over the bins. "conv": Conv1d(M, convFilters, convKernel, no padding) → ReLU →
 * max-pool(poolSize) → dropout(dropout) → "fc1": Linear(convFilters · pooled bins, mlpHidden) →
 * ReLU → "fc2": Linear(mlpHidden, 1). With the defaults: 50 filters of width 10 (100 → 91 bins),
 * pool 5 (→ 18), 900 → 625 → 1.
 *
 * Choices, documented: the published network ends in a further hidden layer of 125 units and a
 * two-class softmax; here, as in the AttentiveChrome comparison, one logit trained with binary
 * cross-entropy follows the 625-unit layer. Dropout acts in training mode only. No α, no β.
 * Throws c10::Error when convKernel and poolSize leave no pooled bin. Not thread-safe.
 */
class DeepChromeImpl : public ChromatinModelImpl
{
public:
    explicit DeepChromeImpl(const ModelConfig& config);
    ModelOutput forward(const torch::Tensor& x) override;

private:
    torch::nn::Conv1d m_conv;
    torch::nn::MaxPool1d m_pool;
    torch::nn::Dropout m_dropout;
    torch::nn::Linear m_hidden;
    torch::nn::Linear m_output;
};

TORCH_MODULE(DeepChrome);

} // namespace ac
