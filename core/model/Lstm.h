#pragma once

#include "model/ChromatinModel.h"

#include <torch/torch.h>

namespace ac
{

/**
 * LSTM baseline of Singh et al. 2017 ("an LSTM directly on the input matrix X, no attention"):
 * one BiLSTM over the bins with all M marks as the input features of a bin ("rnn", input M,
 * hidden binHidden), the last hidden state of each direction (forward after the last bin,
 * backward after the first) concatenated and a Linear(2 binHidden, 1) ("fc") to the logit.
 * The two directions run as one fused recurrence (fusedLstm) with the parameters of "rnn" (a
 * torch LSTM module that holds them under the usual names). No α, no β. Not thread-safe.
 */
class LstmImpl : public ChromatinModelImpl
{
public:
    explicit LstmImpl(const ModelConfig& config);
    ModelOutput forward(const torch::Tensor& x) override;

private:
    torch::nn::LSTM m_rnn;
    torch::nn::Linear m_classifier;
};

TORCH_MODULE(Lstm);

} // namespace ac
