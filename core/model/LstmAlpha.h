#pragma once

#include "model/ChromatinModel.h"
#include "model/RecurrentEncoder.h"

#include <torch/torch.h>

#include <vector>

namespace ac
{

/**
 * LSTM-α (Singh et al. 2017, bin-level attention only): the per-mark BiLSTM encoders with bin
 * attention of AttentiveChrome ("rnn_hms.<j>", same names and shapes), then the M mark embeddings
 * concatenated and a Linear(M · 2 binHidden, 1) ("fc") to the logit. The bin level is fused as
 * in AttentiveChrome (encodeBins). No β. Not thread-safe.
 */
class LstmAlphaImpl : public ChromatinModelImpl
{
public:
    explicit LstmAlphaImpl(const ModelConfig& config);
    ModelOutput forward(const torch::Tensor& x) override;

private:
    std::vector<RecurrentEncoder> m_binEncoders;
    torch::nn::Linear m_classifier;
};

TORCH_MODULE(LstmAlpha);

} // namespace ac
