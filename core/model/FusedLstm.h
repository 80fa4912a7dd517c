#pragma once

#include <torch/torch.h>

#include <vector>

namespace ac
{

/**
 * G independent single-layer LSTMs run as one fused recurrence, with autograd.
 *
 * Each LSTM g has its own weights (PyTorch layout and gate order i, f, g, o):
 *   x [G, B, T, I], wIh [G, 4H, I], wHh [G, 4H, H], bIh [G, 4H], bHh [G, 4H].
 * `reverse[g]` runs LSTM g from t = T-1 down to 0 (the backward half of a bidirectional LSTM,
 * fed the same, not reversed, input). Zero initial state. Returns every hidden state
 * h [G, B, T, H], indexed by input time for both directions, so a bidirectional layer's output
 * at t is cat(h[2j][.,t], h[2j+1][.,t]) exactly as torch::nn::LSTM(bidirectional) returns it.
 *
 * Gradients flow to x and all four weight tensors (hand-written backpropagation through time;
 * no double backward). float32 CPU tensors only; throws c10::Error on other dtypes or shapes.
 * The G recurrences run in parallel over at::get_num_threads() threads (torch's OpenMP pool;
 * no BLAS inside); the call itself is re-entrant (no shared state). Cost is linear in G·B·T;
 * the forward keeps about 7·H floats per (g, b, t) for the backward pass.
 *
 * Per step, each LSTM does one register-blocked product h·W_hhᵀ and one fused loop over the
 * gates (vectorised exp-based sigmoid/tanh, absolute error < 2e-7); results match
 * torch::nn::LSTM to ~1e-6. Kernels are built for AVX-512, AVX2 and baseline x86-64 and chosen
 * at run time (fusedLstmInstructionSet()).
 */
torch::Tensor fusedLstm(const torch::Tensor& x, const torch::Tensor& wIh, const torch::Tensor& wHh,
                        const torch::Tensor& bIh, const torch::Tensor& bHh,
                        const std::vector<bool>& reverse);

/**
 * The bidirectional one-layer `rnn` (batch_first) over x [B, T, I] as one fusedLstm call (g = 0
 * forward, g = 1 reverse, the same input), with the module's own parameters so that gradients
 * reach them under their names. Returns h [2, B, T, H] in input-time order for both directions;
 * cat(h[0], h[1], -1) is what `rnn->forward(x)` returns as its output.
 */
torch::Tensor fusedBidirectional(const torch::nn::LSTM& rnn, const torch::Tensor& x);

/// What the bin level of AttentiveChrome computes for a set of genes.
struct BinAttentionEncoding {
    torch::Tensor embedding; ///< [N, M, 2H] Σ_t α_t · cat(h_fwd_t, h_rev_t) per mark
    torch::Tensor alpha;     ///< [N, M, T] softmax_t(cat(h_fwd_t, h_rev_t) · context_m)
};

/**
 * Inference (no autograd) of M bidirectional LSTMs with input size 1, each followed by bin
 * attention, for any number of genes N, without keeping the hidden states of all genes.
 *
 * x [N, T, M] (mark m's LSTM reads x[., ., m]); weights stacked per mark and direction,
 * g = 2m (forward) and 2m + 1 (reverse): wIh [2M, 4H, 1], wHh [2M, 4H, H], bIh/bHh [2M, 4H];
 * context [M, 2H] (mark m's bin context vector). Genes are processed in small tiles whose hidden
 * states stay in cache, over at::get_num_threads() threads. Result tensors are new and owned by
 * the caller. float32 CPU only; throws c10::Error on bad shapes. Re-entrant.
 */
BinAttentionEncoding fusedBiLstmAttention(const torch::Tensor& x, const torch::Tensor& wIh,
                                          const torch::Tensor& wHh, const torch::Tensor& bIh,
                                          const torch::Tensor& bHh, const torch::Tensor& context);

/**
 * The instruction set the kernels run with on this CPU: "avx512", "avx2" or "baseline" (x86-64
 * SSE2, also any non-x86 build). The environment variable AC_FUSED_LSTM_SIMD=avx2 or =baseline
 * caps it, read once per process (the tests run every path this way). Thread-safe.
 */
const char* fusedLstmInstructionSet();

} // namespace ac
