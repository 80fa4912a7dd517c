#include "model/Lstm.h"

namespace ac {

LstmImpl::LstmImpl(const ModelConfig& config)
    : ChromatinModelImpl(config),
      m_rnn(register_module("rnn", torch::nn::LSTM(torch::nn::LSTMOptions(config.markCount,
                                                                          config.binHidden)
                                                       .bidirectional(true)
                                                       .batch_first(true)))),
      m_classifier(register_module("fc", torch::nn::Linear(2 * config.binHidden, 1)))
{
}

ModelOutput LstmImpl::forward(const torch::Tensor& x)
{
    // h_n is [2, B, H]: index 0 the forward direction after bin T-1, 1 the backward after bin 0.
    const torch::Tensor last = std::get<0>(std::get<1>(m_rnn->forward(x)));
    const torch::Tensor both = last.permute({1, 0, 2})                // [2, B, H] -> [B, 2, H]
                                   .reshape({last.size(1), -1});      // -> [B, 2H]
    ModelOutput out;
    out.logit = m_classifier->forward(both).squeeze(1); // [B, 1] -> [B]
    return out;
}

} // namespace ac
