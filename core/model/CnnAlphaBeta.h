#pragma once

#include "model/ChromatinModel.h"
#include "model/ContextAttention.h"

#include <torch/torch.h>

namespace ac
{

/**
 * CNN-α,β (Singh et al. 2017): AttentiveChrome's two attention levels on a convolutional bin
 * encoder instead of the LSTMs.
 *  - "bin_conv": per mark, convFilters filters of width convKernel over that mark's bins ('same'
 *    padding, so one representation per bin), ReLU; one grouped Conv1d(M, M · F, groups M);
 *  - "bin_context_vectors" [M, F]: per-mark bin attention α (softmax over bins of h_t · w_j) and
 *    mark embedding m_j = Σ_t α_jt h_jt;
 *  - "hm_attention": mark attention β over the embeddings (bin_context_vector [F, 1]);
 *  - "fc": Linear(F, 1) on Σ_j β_j m_j.
 * Not thread-safe.
 */
class CnnAlphaBetaImpl : public ChromatinModelImpl
{
public:
    explicit CnnAlphaBetaImpl(const ModelConfig& config);
    ModelOutput forward(const torch::Tensor& x) override;

private:
    torch::nn::Conv1d m_conv;
    torch::Tensor m_binContext;
    ContextAttention m_markAttention;
    torch::nn::Linear m_classifier;
};

TORCH_MODULE(CnnAlphaBeta);

} // namespace ac
