#include "model/ContextAttention.h"

namespace ac
{

ContextAttentionImpl::ContextAttentionImpl(std::int64_t dim)
    : m_context(register_parameter("bin_context_vector", torch::empty({dim, 1})))
{
}

std::pair<torch::Tensor, torch::Tensor> ContextAttentionImpl::forward(const torch::Tensor& h)
{
    const torch::Tensor scores = torch::matmul(h, m_context).squeeze(2); // [B, L, 1] -> [B, L]
    const torch::Tensor weights = torch::softmax(scores, 1);             // [B, L], over positions
    const torch::Tensor sum = torch::bmm(weights.unsqueeze(1), h)        // [B, 1, L] x [B, L, D]
                                  .squeeze(1);                           // -> [B, D]
    return {sum, weights};
}

} // namespace ac
