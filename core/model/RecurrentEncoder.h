#pragma once

#include "model/ContextAttention.h"

#include <torch/torch.h>

#include <utility>

namespace ac
{

/**
 * A bidirectional one-layer LSTM over a sequence followed by context-vector attention over its
 * positions: the reference code's `recurrent_encoder`. Submodules are registered as "rnn"
 * (torch LSTM: weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0 and their _reverse) and
 * "bin_attention" (bin_context_vector [2 * hidden, 1]). Not thread-safe.
 */
class RecurrentEncoderImpl : public torch::nn::Module
{
public:
    RecurrentEncoderImpl(std::int64_t inputSize, std::int64_t hiddenSize);

    /// `seq` is [B, L, inputSize]; returns {embedding [B, 2 * hidden], attention [B, L]}.
    std::pair<torch::Tensor, torch::Tensor> forward(const torch::Tensor& seq);

    torch::nn::LSTM rnn() const { return m_rnn; }
    ContextAttention attention() const { return m_attention; }

private:
    torch::nn::LSTM m_rnn;
    ContextAttention m_attention;
};

TORCH_MODULE(RecurrentEncoder);

} // namespace ac
