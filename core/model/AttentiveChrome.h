#pragma once

#include "model/ChromatinModel.h"
#include "model/RecurrentEncoder.h"

#include <torch/torch.h>

#include <vector>

namespace ac
{

/**
 * LSTM-α,β (AttentiveChrome, Singh et al. 2017), arithmetic and parameter names exactly those of
 * the reference PyTorch code:
 *  - "rnn_hms.<j>": per mark j a BiLSTM over the bins (input 1, hidden binHidden) and bin-level
 *    attention (α, context vector [2 binHidden, 1]) giving the mark embedding;
 *  - "hm_level_rnn_1": a BiLSTM over the mark embeddings (hidden markHidden) and mark-level
 *    attention (β, context vector [2 markHidden, 1]);
 *  - "fdiff1_1": Linear(2 markHidden, 1) to the logit.
 * The input is used as given (raw counts, no transform), as the reference does. The M per-mark
 * BiLSTMs run as one fused recurrence (encodeBins); the arithmetic stays the reference's (parity
 * test). Not thread-safe.
 */
class AttentiveChromeImpl : public ChromatinModelImpl
{
public:
    explicit AttentiveChromeImpl(const ModelConfig& config);
    ModelOutput forward(const torch::Tensor& x) override;

private:
    std::vector<RecurrentEncoder> m_binEncoders;
    RecurrentEncoder m_markEncoder;
    torch::nn::Linear m_classifier;
};

TORCH_MODULE(AttentiveChrome);

} // namespace ac
