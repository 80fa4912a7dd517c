#pragma once

#include <torch/torch.h>

#include <utility>

namespace ac
{

/**
 * Attention by a learned context vector, as in the reference AttentiveChrome code: the score of
 * each position is the dot product of its representation with the context vector (no projection,
 * no tanh), the weights are the softmax of the scores over positions, and the output is the
 * weighted sum of the representations.
 *
 * The parameter is registered as "bin_context_vector" with shape [dim, 1] (the reference
 * state_dict name and shape, also used at the mark level). Not thread-safe.
 */
class ContextAttentionImpl : public torch::nn::Module
{
public:
    explicit ContextAttentionImpl(std::int64_t dim);

    /// `h` is [B, L, dim]; returns {weighted sum [B, dim], weights [B, L]} (weights sum to 1).
    std::pair<torch::Tensor, torch::Tensor> forward(const torch::Tensor& h);

    /// The context vector parameter, [dim, 1].
    const torch::Tensor& contextVector() const { return m_context; }

private:
    torch::Tensor m_context;
};

TORCH_MODULE(ContextAttention);

} // namespace ac
