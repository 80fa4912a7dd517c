#pragma once

#include "domain/ModelConfig.h"

#include <torch/torch.h>

namespace ac
{

/// What every variant's forward pass returns.
struct ModelOutput {
    torch::Tensor logit; ///< [B] before the sigmoid
    torch::Tensor alpha; ///< [B, M, T] bin-level attention; undefined when the variant has none
    torch::Tensor beta;  ///< [B, M] mark-level attention; undefined when the variant has none
};

/**
 * Base of all model variants (AttentiveChrome and the paper's baselines).
 *
 * Input x is [B, T, M] (genes, bins, marks) in the DeepChrome column order, raw counts as stored.
 * Not thread-safe: one instance per thread. Submodules are registered under stable names, which are
 * the checkpoint keys (for AttentiveChrome, the reference PyTorch state_dict keys).
 */
class ChromatinModelImpl : public torch::nn::Module
{
public:
    explicit ChromatinModelImpl(ModelConfig config) : m_config(std::move(config)) {}
    virtual ModelOutput forward(const torch::Tensor& x) = 0;
    const ModelConfig& config() const { return m_config; }

private:
    ModelConfig m_config;
};

} // namespace ac
