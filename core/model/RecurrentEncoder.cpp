#include "model/RecurrentEncoder.h"

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
    const torch::Tensor states = std::get<0>(m_rnn->forward(seq)); // [B, L, 2H], both directions
    return m_attention->forward(states);                           // {[B, 2H], [B, L]}
}

} // namespace ac
