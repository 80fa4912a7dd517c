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
    // Both directions as one fused recurrence (g = 0 forward, g = 1 reverse) over the same input,
    // with the parameters of "rnn" so that gradients reach them under their names.
    const auto params = m_rnn->named_parameters(false);
    const auto both = [&](const std::string& name) {
        return torch::stack({params[name], params[name + "_reverse"]}); // 2 x [4H, ...]
    };
    const std::int64_t bins = x.size(1);
    const torch::Tensor h =
        fusedLstm(x.unsqueeze(0).expand({2, -1, -1, -1}), // [2, B, T, M]
                  both("weight_ih_l0"), both("weight_hh_l0"), both("bias_ih_l0"),
                  both("bias_hh_l0"), {false, true}); // [2, B, T, H]
    // Forward direction after the last bin, reverse direction after the first.
    const torch::Tensor last =
        torch::cat({h[0].select(1, bins - 1), h[1].select(1, 0)}, 1); // [B, 2H]
    ModelOutput out;
    out.logit = m_classifier->forward(last).squeeze(1); // [B, 1] -> [B]
    return out;
}

} // namespace ac
