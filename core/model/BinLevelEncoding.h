#pragma once

#include "model/FusedLstm.h"
#include "model/RecurrentEncoder.h"

#include <torch/torch.h>

#include <vector>

namespace ac
{

/**
 * The bin level shared by AttentiveChrome and LSTM-α: for every mark j, encoder j's BiLSTM over
 * that mark's bins and its bin attention, computed for all marks and both directions as ONE
 * fused recurrence (2M independent LSTMs) with the encoders' own parameters, so gradients reach
 * them under their state_dict names.
 *
 * `x` is [B, T, M] with M = encoders.size() (each encoder: input 1, bidirectional). With grad mode
 * on, the differentiable fusedLstm() is used; with grad mode off (inference), the tiled
 * fusedBiLstmAttention() that never holds every hidden state. Both return
 * embedding [B, M, 2H] and alpha [B, M, T]; they agree with torch::nn::LSTM to float precision.
 * Throws c10::Error on shapes that do not fit. Re-entrant; the encoders are only read.
 */
BinAttentionEncoding encodeBins(const std::vector<RecurrentEncoder>& encoders,
                                const torch::Tensor& x);

} // namespace ac
