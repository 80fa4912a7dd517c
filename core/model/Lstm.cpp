#include "model/Lstm.h"

#include "model/FusedLstm.h"

namespace ac
{

LstmImpl::LstmImpl(const ModelConfig& config)
    : ChromatinModelImpl(config),
      m_rnn(register_module(
          "rnn", torch::nn::LSTM(torch::nn::LSTMOptions(config.markCount, config.binHidden)
                                     .bidirectional(true)
                                     .batch_first(true)))),
      m_classifier(register_module("fc", torch::nn::Linear(2 * config.binHidden, 1)))
{
}

ModelOutput LstmImpl::forward(const torch::Tensor& x)
{
    const std::int64_t bins = x.size(1);
    const torch::Tensor h = fusedBidirectional(m_rnn, x); // [2, B, T, H]
    // Forward direction after the last bin, reverse direction after the first.
    const torch::Tensor last =
        torch::cat({h[0].select(1, bins - 1), h[1].select(1, 0)}, 1); // [B, 2H]
    ModelOutput out;
    out.logit = m_classifier->forward(last).squeeze(1); // [B, 1] -> [B]
    return out;
}

} // namespace ac
