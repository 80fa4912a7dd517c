#include "model/RecurrentEncoder.h"

#include "model/FusedLstm.h"

namespace ac
{

RecurrentEncoderImpl::RecurrentEncoderImpl(std::int64_t inputSize, std::int64_t hiddenSize)
    : m_rnn(register_module("rnn", torch::nn::LSTM(torch::nn::LSTMOptions(inputSize, hiddenSize)
                                                       .bidirectional(true)
                                                       .batch_first(true)))),
      m_attention(register_module("bin_attention", ContextAttention(2 * hiddenSize)))
{
}

std::pair<torch::Tensor, torch::Tensor> RecurrentEncoderImpl::forward(const torch::Tensor& seq)
{
    // Both directions as one fused recurrence (the torch LSTM's dispatch per step cost more
    // than its arithmetic at these sizes): [2, B, L, H] -> [B, L, 2H], as m_rnn->forward returns.
    const torch::Tensor h = fusedBidirectional(m_rnn, seq);
    return m_attention->forward(torch::cat({h[0], h[1]}, 2)); // {[B, 2H], [B, L]}
}

} // namespace ac
