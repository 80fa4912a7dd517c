#include "model/FusedLstm.h"

#include <ATen/Parallel.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

namespace ac {

namespace {

// The recurrences below are plain loops over raw float pointers, written so that GCC vectorises
// them (no calls, no branches inside the inner loops). A handful of torch ops per time step, as a
// naive LibTorch LSTM does, costs more in dispatch than the arithmetic at batch 16.

// exp(x) for |x| < 87: x = n·ln2 + r with |r| ≤ ln2/2, exp(r) by its degree-6 Taylor polynomial
// (relative error < 2e-7), 2^n assembled in the exponent bits. Vectorisable, unlike std::exp.
inline float fastExp(float x)
{
    x = std::min(std::max(x, -87.0f), 87.0f);
    const float roundMagic = 12582912.0f; // 1.5·2^23: adding and subtracting it rounds to integer
    const float n = (x * 1.44269504088896341f + roundMagic) - roundMagic;
    float r = x - n * 0.693145751953125f; // ln2 split in a short high part and the rest
    r = r - n * 1.42860682030941723e-6f;
    const float p =
        1.0f
        + r * (1.0f
               + r * (0.5f
                      + r * (1.0f / 6.0f
                             + r * (1.0f / 24.0f + r * (1.0f / 120.0f + r * (1.0f / 720.0f))))));
    const std::int32_t bits = (static_cast<std::int32_t>(n) + 127) << 23;
    float scale;
    std::memcpy(&scale, &bits, sizeof scale);
    return p * scale;
}

inline float fastSigmoid(float x) { return 1.0f / (1.0f + fastExp(-x)); }

inline float fastTanh(float x) { return 2.0f / (1.0f + fastExp(-2.0f * x)) - 1.0f; }

/**
 * One LSTM step of one sequence. On entry a[0, 4H) holds the input projection plus both biases;
 * on exit the activated gates i, f, g, o. wT is W_hh transposed, [H][4H]. hPrev/cPrev are null at
 * the first step (zero state). c may alias cPrev; tanhC may be null.
 */
inline void cellForward(int H, float* a, const float* hPrev, const float* wT, const float* cPrev,
                        float* c, float* tanhC, float* h)
{
    const int G4 = 4 * H;
    if (hPrev) {
        for (int k = 0; k < H; ++k) {
            const float hk = hPrev[k];
            const float* w = wT + static_cast<std::ptrdiff_t>(k) * G4;
            for (int j = 0; j < G4; ++j)
                a[j] += hk * w[j];
        }
    }
    for (int j = 0; j < 2 * H; ++j)
        a[j] = fastSigmoid(a[j]);
    for (int j = 2 * H; j < 3 * H; ++j)
        a[j] = fastTanh(a[j]);
    for (int j = 3 * H; j < G4; ++j)
        a[j] = fastSigmoid(a[j]);
    const float* gi = a;
    const float* gf = a + H;
    const float* gg = a + 2 * H;
    const float* go = a + 3 * H;
    for (int j = 0; j < H; ++j) {
        const float cj = (cPrev ? gf[j] * cPrev[j] : 0.0f) + gi[j] * gg[j];
        const float tc = fastTanh(cj);
        c[j] = cj;
        h[j] = go[j] * tc;
        if (tanhC)
            tanhC[j] = tc;
    }
}

void checkLstmArguments(const torch::Tensor& wIh, const torch::Tensor& wHh,
                        const torch::Tensor& bIh, const torch::Tensor& bHh, int64_t G, int64_t I)
{
    TORCH_CHECK(wHh.dim() == 3 && wHh.size(0) == G && wHh.size(1) == 4 * wHh.size(2),
                "fusedLstm: wHh must be [G, 4H, H] with G = ", G, ", got ", wHh.sizes());
    const int64_t H = wHh.size(2);
    TORCH_CHECK(wIh.dim() == 3 && wIh.size(0) == G && wIh.size(1) == 4 * H && wIh.size(2) == I,
                "fusedLstm: wIh must be [G, 4H, I] = [", G, ", ", 4 * H, ", ", I, "], got ",
                wIh.sizes());
    TORCH_CHECK(bIh.dim() == 2 && bIh.size(0) == G && bIh.size(1) == 4 * H,
                "fusedLstm: bIh must be [G, 4H], got ", bIh.sizes());
    TORCH_CHECK(bHh.dim() == 2 && bHh.size(0) == G && bHh.size(1) == 4 * H,
                "fusedLstm: bHh must be [G, 4H], got ", bHh.sizes());
    for (const torch::Tensor* t : {&wIh, &wHh, &bIh, &bHh})
        TORCH_CHECK(t->scalar_type() == torch::kFloat && t->device().is_cpu(),
                    "fusedLstm: weights must be float32 CPU tensors");
}

/// Forward recurrence. gates [G,B,T,4H] holds x·W_ihᵀ + b on entry and the activated gates on
/// exit; c, tanhC, h [G,B,T,H] are written.
void forwardKernel(int64_t G, int64_t B, int64_t T, int64_t H, const std::vector<bool>& reverse,
                   const float* wHhT, float* gates, float* c, float* tanhC, float* h)
{
    at::parallel_for(0, G, 1, [&](int64_t g0, int64_t g1) {
        for (int64_t g = g0; g < g1; ++g) {
            const bool rev = reverse[static_cast<size_t>(g)];
            const float* wT = wHhT + g * H * 4 * H;
            const int64_t base = g * B * T;
            for (int64_t s = 0; s < T; ++s) {
                const int64_t t = rev ? T - 1 - s : s;
                const int64_t tp = rev ? t + 1 : t - 1;
                for (int64_t b = 0; b < B; ++b) {
                    const int64_t row = base + b * T + t;
                    const int64_t prow = base + b * T + tp;
                    cellForward(static_cast<int>(H), gates + row * 4 * H, s ? h + prow * H : nullptr,
                                wT, s ? c + prow * H : nullptr, c + row * H, tanhC + row * H,
                                h + row * H);
                }
            }
        }
    });
}

/// Backward recurrence: from dh [G,B,T,H] (gradient of the returned hidden states) writes the
/// gradient of the gate pre-activations dA [G,B,T,4H] and hPrev [G,B,T,H], the hidden state each
/// step started from (zero at a sequence's first step), for the weight gradients.
void backwardKernel(int64_t G, int64_t B, int64_t T, int64_t H, const std::vector<bool>& reverse,
                    const float* wHh, const float* gates, const float* c, const float* tanhC,
                    const float* h, const float* dh, float* dA, float* hPrev)
{
    at::parallel_for(0, G, 1, [&](int64_t g0, int64_t g1) {
        std::vector<float> dhRec(static_cast<size_t>(B * H));
        std::vector<float> dcNext(static_cast<size_t>(B * H));
        for (int64_t g = g0; g < g1; ++g) {
            std::fill(dhRec.begin(), dhRec.end(), 0.0f);
            std::fill(dcNext.begin(), dcNext.end(), 0.0f);
            const bool rev = reverse[static_cast<size_t>(g)];
            const float* w = wHh + g * 4 * H * H;
            const int64_t base = g * B * T;
            for (int64_t s = T - 1; s >= 0; --s) {
                const int64_t t = rev ? T - 1 - s : s;
                const int64_t tp = rev ? t + 1 : t - 1;
                for (int64_t b = 0; b < B; ++b) {
                    const int64_t row = base + b * T + t;
                    const int64_t prow = base + b * T + tp;
                    const float* gi = gates + row * 4 * H;
                    const float* gf = gi + H;
                    const float* gg = gi + 2 * H;
                    const float* go = gi + 3 * H;
                    const float* tc = tanhC + row * H;
                    const float* dhOut = dh + row * H;
                    float* rec = dhRec.data() + b * H;
                    float* dc = dcNext.data() + b * H;
                    float* da = dA + row * 4 * H;
                    float* hp = hPrev + row * H;
                    const float* cp = c + prow * H;
                    for (int64_t j = 0; j < H; ++j) {
                        const float dhj = dhOut[j] + rec[j];
                        const float dcj = dc[j] + dhj * go[j] * (1.0f - tc[j] * tc[j]);
                        const float cPrev = s ? cp[j] : 0.0f;
                        da[j] = dcj * gg[j] * gi[j] * (1.0f - gi[j]);
                        da[H + j] = dcj * cPrev * gf[j] * (1.0f - gf[j]);
                        da[2 * H + j] = dcj * gi[j] * (1.0f - gg[j] * gg[j]);
                        da[3 * H + j] = dhj * tc[j] * go[j] * (1.0f - go[j]);
                        dc[j] = dcj * gf[j];
                    }
                    if (s) {
                        std::memcpy(hp, h + prow * H, static_cast<size_t>(H) * sizeof(float));
                        // dh_{prev} = dA · W_hh, W_hh row-major [4H][H].
                        std::fill(rec, rec + H, 0.0f);
                        for (int64_t j = 0; j < 4 * H; ++j) {
                            const float dj = da[j];
                            const float* wj = w + j * H;
                            for (int64_t k = 0; k < H; ++k)
                                rec[k] += dj * wj[k];
                        }
                    } else {
                        std::fill(hp, hp + H, 0.0f);
                    }
                }
            }
        }
    });
}

struct ForwardState {
    torch::Tensor gates, c, tanhC, h;
};

ForwardState runForward(const torch::Tensor& x, const torch::Tensor& wIh, const torch::Tensor& wHh,
                        const torch::Tensor& bIh, const torch::Tensor& bHh,
                        const std::vector<bool>& reverse)
{
    const int64_t G = x.size(0), B = x.size(1), T = x.size(2), I = x.size(3);
    const int64_t H = wHh.size(2);
    ForwardState st;
    // Input projection of all steps at once: [G, B·T, I] · [G, I, 4H] + bias.
    st.gates = torch::baddbmm((bIh + bHh).unsqueeze(1), x.reshape({G, B * T, I}),
                              wIh.transpose(1, 2))
                   .view({G, B, T, 4 * H})
                   .contiguous();
    const torch::Tensor wHhT = wHh.transpose(1, 2).contiguous(); // [G, H, 4H]
    st.c = torch::empty({G, B, T, H}, x.options());
    st.tanhC = torch::empty({G, B, T, H}, x.options());
    st.h = torch::empty({G, B, T, H}, x.options());
    forwardKernel(G, B, T, H, reverse, wHhT.data_ptr<float>(), st.gates.data_ptr<float>(),
                  st.c.data_ptr<float>(), st.tanhC.data_ptr<float>(), st.h.data_ptr<float>());
    return st;
}

std::vector<bool> toBools(const std::vector<int64_t>& v)
{
    return std::vector<bool>(v.begin(), v.end());
}

class FusedLstmFunction : public torch::autograd::Function<FusedLstmFunction> {
public:
    static torch::Tensor forward(torch::autograd::AutogradContext* ctx, const torch::Tensor& x,
                                 const torch::Tensor& wIh, const torch::Tensor& wHh,
                                 const torch::Tensor& bIh, const torch::Tensor& bHh,
                                 const std::vector<int64_t>& reverse)
    {
        ForwardState st = runForward(x, wIh, wHh, bIh, bHh, toBools(reverse));
        ctx->save_for_backward({x, wIh, wHh, st.gates, st.c, st.tanhC, st.h});
        ctx->saved_data["reverse"] = c10::IntArrayRef(reverse);
        return st.h;
    }

    static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx,
                                                   torch::autograd::variable_list gradOutputs)
    {
        const auto saved = ctx->get_saved_variables();
        const torch::Tensor& x = saved[0];
        const torch::Tensor& wIh = saved[1];
        const torch::Tensor& wHh = saved[2];
        const torch::Tensor& gates = saved[3];
        const torch::Tensor& c = saved[4];
        const torch::Tensor& tanhC = saved[5];
        const torch::Tensor& h = saved[6];
        const std::vector<bool> reverse = toBools(ctx->saved_data["reverse"].toIntVector());
        const int64_t G = x.size(0), B = x.size(1), T = x.size(2), I = x.size(3);
        const int64_t H = wHh.size(2);

        const torch::Tensor dh = gradOutputs[0].contiguous();
        torch::Tensor dA = torch::empty({G, B, T, 4 * H}, x.options());
        torch::Tensor hPrev = torch::empty({G, B, T, H}, x.options());
        backwardKernel(G, B, T, H, reverse, wHh.data_ptr<float>(), gates.data_ptr<float>(),
                       c.data_ptr<float>(), tanhC.data_ptr<float>(), h.data_ptr<float>(),
                       dh.data_ptr<float>(), dA.data_ptr<float>(), hPrev.data_ptr<float>());

        const torch::Tensor dA2 = dA.view({G, B * T, 4 * H});
        const torch::Tensor dAT = dA2.transpose(1, 2); // [G, 4H, B·T]
        const torch::Tensor dWhh = torch::bmm(dAT, hPrev.view({G, B * T, H}));
        const torch::Tensor dWih = torch::bmm(dAT, x.reshape({G, B * T, I}));
        const torch::Tensor db = dA2.sum(1); // [G, 4H]
        const torch::Tensor dx = torch::bmm(dA2, wIh).view({G, B, T, I});
        return {dx, dWih, dWhh, db, db, torch::Tensor()};
    }
};

} // namespace

torch::Tensor fusedLstm(const torch::Tensor& x, const torch::Tensor& wIh, const torch::Tensor& wHh,
                        const torch::Tensor& bIh, const torch::Tensor& bHh,
                        const std::vector<bool>& reverse)
{
    TORCH_CHECK(x.dim() == 4, "fusedLstm: x must be [G, B, T, I], got ", x.sizes());
    TORCH_CHECK(x.scalar_type() == torch::kFloat && x.device().is_cpu(),
                "fusedLstm: x must be a float32 CPU tensor");
    const int64_t G = x.size(0);
    checkLstmArguments(wIh, wHh, bIh, bHh, G, x.size(3));
    TORCH_CHECK(static_cast<int64_t>(reverse.size()) == G, "fusedLstm: reverse has ",
                reverse.size(), " entries for G = ", G);
    const torch::Tensor xc = x.contiguous();
    const torch::Tensor wIhC = wIh.contiguous();
    const torch::Tensor wHhC = wHh.contiguous();
    const bool needGrad = torch::GradMode::is_enabled()
        && (x.requires_grad() || wIh.requires_grad() || wHh.requires_grad() || bIh.requires_grad()
            || bHh.requires_grad());
    if (!needGrad)
        return runForward(xc, wIhC, wHhC, bIh, bHh, reverse).h;
    return FusedLstmFunction::apply(xc, wIhC, wHhC, bIh, bHh,
                                    std::vector<int64_t>(reverse.begin(), reverse.end()));
}

BinAttentionEncoding fusedBiLstmAttention(const torch::Tensor& x, const torch::Tensor& wIh,
                                          const torch::Tensor& wHh, const torch::Tensor& bIh,
                                          const torch::Tensor& bHh, const torch::Tensor& context)
{
    TORCH_CHECK(x.dim() == 3, "fusedBiLstmAttention: x must be [N, T, M], got ", x.sizes());
    TORCH_CHECK(x.scalar_type() == torch::kFloat && x.device().is_cpu(),
                "fusedBiLstmAttention: x must be a float32 CPU tensor");
    const int64_t N = x.size(0), T = x.size(1), M = x.size(2);
    checkLstmArguments(wIh, wHh, bIh, bHh, 2 * M, 1);
    const int64_t H = wHh.size(2);
    TORCH_CHECK(context.numel() == M * 2 * H && context.scalar_type() == torch::kFloat,
                "fusedBiLstmAttention: context must be float32 [M, 2H] = [", M, ", ", 2 * H,
                "], got ", context.sizes());

    torch::NoGradGuard noGrad;
    const torch::Tensor xc = x.contiguous();
    const torch::Tensor wIhC = wIh.contiguous();
    const torch::Tensor wHhT = wHh.transpose(1, 2).contiguous(); // [2M, H, 4H]
    const torch::Tensor bias = (bIh + bHh).contiguous();          // [2M, 4H]
    const torch::Tensor ctx = context.reshape({M, 2 * H}).contiguous();
    BinAttentionEncoding out;
    out.embedding = torch::empty({N, M, 2 * H}, x.options());
    out.alpha = torch::empty({N, M, T}, x.options());

    const float* px = xc.data_ptr<float>();
    const float* pwIh = wIhC.data_ptr<float>();
    const float* pwT = wHhT.data_ptr<float>();
    const float* pb = bias.data_ptr<float>();
    const float* pctx = ctx.data_ptr<float>();
    float* pEmb = out.embedding.data_ptr<float>();
    float* pAlpha = out.alpha.data_ptr<float>();

    // Genes go in tiles small enough that both directions' hidden states of a tile stay in cache
    // (2 · 16 · T · H floats = 400 kB at T = 100, H = 32); the attention then reduces the tile.
    const int64_t tile = 16;
    const int64_t tiles = (N + tile - 1) / tile;
    at::parallel_for(0, tiles, 1, [&](int64_t i0, int64_t i1) {
        std::vector<float> hs(static_cast<size_t>(2 * tile * T * H)); // [dir][gene][T][H]
        std::vector<float> cs(static_cast<size_t>(tile * H));
        std::vector<float> a(static_cast<size_t>(4 * H));
        std::vector<float> score(static_cast<size_t>(T));
        for (int64_t i = i0; i < i1; ++i) {
            const int64_t n0 = i * tile;
            const int64_t rows = std::min(tile, N - n0);
            for (int64_t m = 0; m < M; ++m) {
                for (int64_t d = 0; d < 2; ++d) {
                    const int64_t g = 2 * m + d;
                    const float* wih = pwIh + g * 4 * H;
                    const float* b = pb + g * 4 * H;
                    const float* wT = pwT + g * H * 4 * H;
                    float* hd = hs.data() + d * tile * T * H;
                    for (int64_t s = 0; s < T; ++s) {
                        const int64_t t = d ? T - 1 - s : s;
                        const int64_t tp = d ? t + 1 : t - 1;
                        for (int64_t r = 0; r < rows; ++r) {
                            const float xv = px[((n0 + r) * T + t) * M + m];
                            for (int64_t j = 0; j < 4 * H; ++j)
                                a[static_cast<size_t>(j)] = xv * wih[j] + b[j];
                            float* cr = cs.data() + r * H;
                            cellForward(static_cast<int>(H), a.data(),
                                        s ? hd + (r * T + tp) * H : nullptr, wT,
                                        s ? cr : nullptr, cr, nullptr, hd + (r * T + t) * H);
                        }
                    }
                }
                const float* cf = pctx + m * 2 * H;
                const float* cr = cf + H;
                for (int64_t r = 0; r < rows; ++r) {
                    const float* hf = hs.data() + r * T * H;
                    const float* hr = hs.data() + (tile + r) * T * H;
                    float maxScore = -std::numeric_limits<float>::infinity();
                    for (int64_t t = 0; t < T; ++t) {
                        float sc = 0.0f;
                        for (int64_t k = 0; k < H; ++k)
                            sc += hf[t * H + k] * cf[k] + hr[t * H + k] * cr[k];
                        score[static_cast<size_t>(t)] = sc;
                        maxScore = std::max(maxScore, sc);
                    }
                    float sum = 0.0f;
                    for (int64_t t = 0; t < T; ++t) {
                        const float e = std::exp(score[static_cast<size_t>(t)] - maxScore);
                        score[static_cast<size_t>(t)] = e;
                        sum += e;
                    }
                    float* alpha = pAlpha + ((n0 + r) * M + m) * T;
                    float* emb = pEmb + ((n0 + r) * M + m) * 2 * H;
                    std::fill(emb, emb + 2 * H, 0.0f);
                    for (int64_t t = 0; t < T; ++t) {
                        const float at = score[static_cast<size_t>(t)] / sum;
                        alpha[t] = at;
                        for (int64_t k = 0; k < H; ++k) {
                            emb[k] += at * hf[t * H + k];
                            emb[H + k] += at * hr[t * H + k];
                        }
                    }
                }
            }
        }
    });
    return out;
}

} // namespace ac
