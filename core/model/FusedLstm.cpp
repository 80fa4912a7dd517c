#include "model/FusedLstm.h"

#include <ATen/Parallel.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <limits>

namespace ac
{

namespace
{

// The recurrences are plain loops over raw float pointers that GCC vectorises: a small register-
// blocked matrix product per step and one fused loop over the gates. A handful of torch ops per
// time step, as a naive LibTorch LSTM does, costs more in dispatch than the arithmetic at batch 16.
// The three kernels are force-inlined into one entry point per instruction set (AVX-512 with
// 512-bit vectors, AVX2+FMA, baseline), picked once from the CPU at run time (see simdCall).
#define AC_ALWAYS_INLINE __attribute__((always_inline)) inline

/// The vector of L floats the matrix products accumulate in: 8 (one AVX2 register, two SSE
/// ones) or 16 (one AVX-512 register).
template <int L> struct Lanes;
template <> struct Lanes<8> {
    typedef float Vec __attribute__((vector_size(32)));
};
template <> struct Lanes<16> {
    typedef float Vec __attribute__((vector_size(64)));
};

/// The 8-float vector of dot().
using Vec8 = Lanes<8>::Vec;

/// Read-only matrix operand: element (r, k) at p[r · rowStride + k · colStride].
struct Operand {
    const float* p;
    std::ptrdiff_t rowStride;
    std::ptrdiff_t colStride;
};

/// One term in · w of a matrix product: in is [rows][K] (an Operand), w is [K][N], rows wStride
/// apart. K = 0 makes the term vanish.
struct ProductTerm {
    Operand in;
    int K;
    const float* w;
    std::ptrdiff_t wStride;
};

/**
 * out[r][0, N) = init[r][0, N) + Σ_terms in[r] · w for R rows, N a multiple of 2·L; init null
 * means zero, initStride 0 repeats one row (a bias), init == out accumulates. Each 2·L-column
 * block of R rows is accumulated in 2·R vectors of L floats while w streams from L1. Every
 * output is summed in the same order whatever L is, so the result does not depend on it.
 */
template <int L, int R>
AC_ALWAYS_INLINE void rowsTimesMatrix(int N, ProductTerm t1, ProductTerm t2, const float* init,
                                      std::ptrdiff_t initStride, float* out,
                                      std::ptrdiff_t outStride)
{
    using Vec = typename Lanes<L>::Vec;
    for (int n = 0; n < N; n += 2 * L) {
        Vec acc[R][2];
#pragma GCC unroll 8
        for (int r = 0; r < R; ++r) {
            if (init) {
                std::memcpy(&acc[r][0], init + r * initStride + n, sizeof(Vec));
                std::memcpy(&acc[r][1], init + r * initStride + n + L, sizeof(Vec));
            } else {
                acc[r][0] = Vec{};
                acc[r][1] = Vec{};
            }
        }
        for (const ProductTerm& term : {t1, t2}) {
            for (int k = 0; k < term.K; ++k) {
                Vec w0, w1;
                std::memcpy(&w0, term.w + k * term.wStride + n, sizeof w0);
                std::memcpy(&w1, term.w + k * term.wStride + n + L, sizeof w1);
#pragma GCC unroll 8
                for (int r = 0; r < R; ++r) {
                    const float v = term.in.p[r * term.in.rowStride + k * term.in.colStride];
                    acc[r][0] += v * w0;
                    acc[r][1] += v * w1;
                }
            }
        }
#pragma GCC unroll 8
        for (int r = 0; r < R; ++r) {
            std::memcpy(out + r * outStride + n, &acc[r][0], sizeof(Vec));
            std::memcpy(out + r * outStride + n + L, &acc[r][1], sizeof(Vec));
        }
    }
}

/// `term` restricted to the rows from r on.
AC_ALWAYS_INLINE ProductTerm fromRow(ProductTerm term, int r)
{
    term.in.p += r * term.in.rowStride;
    return term;
}

/// out[r] = init[r] + in1[r] · w1 + in2[r] · w2 for `rows` rows as in rowsTimesMatrix, any N;
/// vectors of L floats where N allows, else of 8, else scalar.
template <int L>
AC_ALWAYS_INLINE void matrixProduct(int rows, int N, ProductTerm t1, ProductTerm t2,
                                    const float* init, std::ptrdiff_t initStride, float* out,
                                    std::ptrdiff_t outStride)
{
    if constexpr (L > 8) {
        if (N % (2 * L) != 0)
            return matrixProduct<8>(rows, N, t1, t2, init, initStride, out, outStride);
    }
    if (N % (2 * L) == 0) {
        int r = 0;
        for (; r + 4 <= rows; r += 4)
            rowsTimesMatrix<L, 4>(N, fromRow(t1, r), fromRow(t2, r),
                                  init ? init + r * initStride : nullptr, initStride,
                                  out + r * outStride, outStride);
        for (; r < rows; ++r)
            rowsTimesMatrix<L, 1>(N, fromRow(t1, r), fromRow(t2, r),
                                  init ? init + r * initStride : nullptr, initStride,
                                  out + r * outStride, outStride);
        return;
    }
    for (int r = 0; r < rows; ++r) {
        float* o = out + r * outStride;
        for (int n = 0; n < N; ++n)
            o[n] = init ? init[r * initStride + n] : 0.0f;
        for (const ProductTerm& term : {t1, t2}) {
            for (int k = 0; k < term.K; ++k) {
                const float v = term.in.p[r * term.in.rowStride + k * term.in.colStride];
                const float* wk = term.w + k * term.wStride;
                for (int n = 0; n < N; ++n)
                    o[n] += v * wk[n];
            }
        }
    }
}

/// The absent second term of a product.
constexpr ProductTerm kNoTerm{{nullptr, 0, 0}, 0, nullptr, 0};

/// Σ a[j]·b[j] with 32 partial sums (four independent vector chains), so that it vectorises
/// without reassociation flags.
AC_ALWAYS_INLINE float dot(const float* a, const float* b, int n)
{
    Vec8 acc[4] = {};
    int j = 0;
    for (; j + 32 <= n; j += 32) {
#pragma GCC unroll 4
        for (int l = 0; l < 4; ++l) {
            Vec8 va, vb;
            std::memcpy(&va, a + j + 8 * l, sizeof va);
            std::memcpy(&vb, b + j + 8 * l, sizeof vb);
            acc[l] += va * vb;
        }
    }
    for (; j + 8 <= n; j += 8) {
        Vec8 va, vb;
        std::memcpy(&va, a + j, sizeof va);
        std::memcpy(&vb, b + j, sizeof vb);
        acc[0] += va * vb;
    }
    const Vec8 total = (acc[0] + acc[1]) + (acc[2] + acc[3]);
    float sum = 0.0f;
    for (int l = 0; l < 8; ++l)
        sum += total[l];
    for (; j < n; ++j)
        sum += a[j] * b[j];
    return sum;
}

// exp(-|x|), |x| clamped to 87 (NaN stays NaN): -|x| = n·ln2 + r with |r| ≤ ln2/2, exp(r) by its
// degree-6 Taylor polynomial (relative error < 2e-7), 2^n assembled in the exponent bits. Only
// bit operations and integer comparisons, so the loops around it vectorise without -ffast-math.
AC_ALWAYS_INLINE float expNegAbs(float x)
{
    std::uint32_t u;
    std::memcpy(&u, &x, sizeof u);
    u &= 0x7fffffffu;
    const std::uint32_t clamped = u < 0x42ae0000u ? u : 0x42ae0000u; // 87.0f
    u = u > 0x7f800000u ? u : clamped;
    float a;
    std::memcpy(&a, &u, sizeof a);
    const float roundMagic = 12582912.0f; // 1.5·2^23: adding and subtracting it rounds to integer
    const float n = (a * -1.44269504088896341f + roundMagic) - roundMagic;
    float r = -a - n * 0.693145751953125f; // ln2 split in a short high part and the rest
    r = r - n * 1.42860682030941723e-6f;
    const float p =
        1.0f +
        r * (1.0f +
             r * (0.5f + r * (1.0f / 6.0f +
                              r * (1.0f / 24.0f + r * (1.0f / 120.0f + r * (1.0f / 720.0f))))));
    const std::int32_t bits = (static_cast<std::int32_t>(n) + 127) << 23;
    float scale;
    std::memcpy(&scale, &bits, sizeof scale);
    return p * scale;
}

/// sigmoid(|x|) = 1 / (1 + exp(-|x|)), mirrored for x < 0; absolute error < 1e-7.
AC_ALWAYS_INLINE float fastSigmoid(float x)
{
    const float s = 1.0f / (1.0f + expNegAbs(x));
    return 0.5f + std::copysign(s - 0.5f, x);
}

/// tanh(|x|) = (1 - exp(-2|x|)) / (1 + exp(-2|x|)) with the sign of x; absolute error < 2e-7.
AC_ALWAYS_INLINE float fastTanh(float x)
{
    const float e = expNegAbs(2.0f * x);
    return std::copysign((1.0f - e) / (1.0f + e), x);
}

/**
 * Gate nonlinearities and cell update of one sequence at one step. On entry a[0, 4H) holds the
 * pre-activations, on exit the activated gates i, f, g, o. cPrev is null at the first step (zero
 * state); c may alias cPrev. The new hidden state goes to h; training also keeps tanh(c) and a
 * second copy of h (tanhC and hCopy given), inference does not (both null).
 */
AC_ALWAYS_INLINE void cellUpdate(int H, float* a, const float* cPrev, float* c, float* tanhC,
                                 float* h, float* hCopy)
{
    for (int j = 0; j < 2 * H; ++j)
        a[j] = fastSigmoid(a[j]);
    for (int j = 2 * H; j < 3 * H; ++j)
        a[j] = fastTanh(a[j]);
    for (int j = 3 * H; j < 4 * H; ++j)
        a[j] = fastSigmoid(a[j]);
    const float* gi = a;
    const float* gf = a + H;
    const float* gg = a + 2 * H;
    const float* go = a + 3 * H;
    if (cPrev) {
        for (int j = 0; j < H; ++j)
            c[j] = gf[j] * cPrev[j] + gi[j] * gg[j];
    } else {
        for (int j = 0; j < H; ++j)
            c[j] = gi[j] * gg[j];
    }
    if (tanhC && hCopy) {
        for (int j = 0; j < H; ++j) {
            tanhC[j] = fastTanh(c[j]);
            h[j] = go[j] * tanhC[j];
            hCopy[j] = h[j];
        }
    } else {
        for (int j = 0; j < H; ++j)
            h[j] = go[j] * fastTanh(c[j]);
    }
}

/**
 * Forward recurrence of one LSTM over B sequences of T steps. x [B][T][I] and out [B][T][H] are
 * in input-time order; gates [T][B][4H] (activated i, f, g, o), c, tanhC, h [T][B][H] are in step
 * order (step s is time T-1-s when `reverse`), kept for the backward pass. wIhT [I][4H] and
 * wT [H][4H] are the weights transposed, bias = b_ih + b_hh.
 */
template <int L>
AC_ALWAYS_INLINE void forwardSequences(int B, int T, int I, int H, bool reverse, const float* x,
                                       const float* wIhT, const float* wT, const float* bias,
                                       float* gates, float* c, float* tanhC, float* h, float* out)
{
    const int G4 = 4 * H;
    for (int s = 0; s < T; ++s) {
        const int t = reverse ? T - 1 - s : s;
        float* gs = gates + static_cast<std::ptrdiff_t>(s) * B * G4;
        // gates = bias + x_t · W_ihᵀ + h_{s-1} · W_hhᵀ in one pass over the gate rows.
        const ProductTerm input{{x + t * I, static_cast<std::ptrdiff_t>(T) * I, 1}, I, wIhT, G4};
        const ProductTerm recurrent =
            s ? ProductTerm{{h + static_cast<std::ptrdiff_t>(s - 1) * B * H, H, 1}, H, wT, G4}
              : kNoTerm;
        matrixProduct<L>(B, G4, input, recurrent, bias, 0, gs, G4);
        for (int b = 0; b < B; ++b) {
            const std::ptrdiff_t row = static_cast<std::ptrdiff_t>(s) * B + b;
            cellUpdate(H, gs + b * G4, s ? c + (row - B) * H : nullptr, c + row * H,
                       tanhC + row * H, h + row * H,
                       out + (static_cast<std::ptrdiff_t>(b) * T + t) * H);
        }
    }
}

/// Asks for the cache lines of p[0, n) ahead of use.
AC_ALWAYS_INLINE void prefetch(const float* p, int n)
{
    for (int i = 0; i < n; i += 16)
        __builtin_prefetch(p + i);
}

/**
 * Gradient of the gate pre-activations of one sequence at one step (da [4H]) from the gradient
 * of its hidden state (dhOut + rec) and of its cell state (dc, updated to the previous step's).
 * cPrev is null at the first step.
 */
AC_ALWAYS_INLINE void gateGradients(int H, const float* __restrict gates,
                                    const float* __restrict tc, const float* __restrict cPrev,
                                    const float* __restrict dhOut, const float* __restrict rec,
                                    float* __restrict dc, float* __restrict da)
{
    const float* gi = gates;
    const float* gf = gates + H;
    const float* gg = gates + 2 * H;
    const float* go = gates + 3 * H;
    for (int j = 0; j < H; ++j) {
        const float dhj = dhOut[j] + rec[j];
        const float dcj = dc[j] + dhj * go[j] * (1.0f - tc[j] * tc[j]);
        da[j] = dcj * gg[j] * gi[j] * (1.0f - gi[j]);
        da[2 * H + j] = dcj * gi[j] * (1.0f - gg[j] * gg[j]);
        da[3 * H + j] = dhj * tc[j] * go[j] * (1.0f - go[j]);
        dc[j] = dcj;
    }
    if (cPrev) {
        for (int j = 0; j < H; ++j) {
            da[H + j] = dc[j] * cPrev[j] * gf[j] * (1.0f - gf[j]);
            dc[j] *= gf[j];
        }
    } else {
        std::fill(da + H, da + 2 * H, 0.0f);
    }
}

/**
 * Backpropagation through time of one LSTM (the layouts of forwardSequences). From dh [B][T][H],
 * the gradient of `out`, writes dx [B][T][I] and dWihT [I][4H], dWhh [4H][H], db [4H]. wIhT is
 * W_ih transposed, w is W_hh [4H][H]. da [B][4H], rec and dc [B][H] are scratch.
 */
template <int L>
AC_ALWAYS_INLINE void backwardSequences(int B, int T, int I, int H, bool reverse, const float* x,
                                        const float* wIhT, const float* w, const float* gates,
                                        const float* c, const float* tanhC, const float* h,
                                        const float* dh, float* dx, float* dWihT, float* dWhh,
                                        float* db, float* da, float* rec, float* dc)
{
    const int G4 = 4 * H;
    std::fill(dWihT, dWihT + I * G4, 0.0f);
    std::fill(dWhh, dWhh + G4 * H, 0.0f);
    std::fill(db, db + G4, 0.0f);
    std::fill(rec, rec + B * H, 0.0f);
    std::fill(dc, dc + B * H, 0.0f);
    for (int s = T - 1; s >= 0; --s) {
        const int t = reverse ? T - 1 - s : s;
        const int tNext = reverse ? t + 1 : t - 1; // time of the step processed next
        for (int b = 0; b < B; ++b) {
            const std::ptrdiff_t row = static_cast<std::ptrdiff_t>(s) * B + b;
            // The saved forward state of a step was written long ago and is out of cache;
            // fetch the next step's rows while this one computes.
            if (s) {
                prefetch(gates + (row - B) * G4, G4);
                prefetch(tanhC + (row - B) * H, H);
                prefetch(dh + (static_cast<std::ptrdiff_t>(b) * T + tNext) * H, H);
            }
            if (s > 1) {
                prefetch(c + (row - 2 * B) * H, H);
                prefetch(h + (row - 2 * B) * H, H);
            }
            gateGradients(H, gates + row * G4, tanhC + row * H, s ? c + (row - B) * H : nullptr,
                          dh + (static_cast<std::ptrdiff_t>(b) * T + t) * H, rec + b * H,
                          dc + b * H, da + b * G4);
        }
        for (int b = 0; b < B; ++b) {
            const float* dab = da + b * G4;
            for (int j = 0; j < G4; ++j)
                db[j] += dab[j];
            for (int i = 0; i < I; ++i) {
                const std::ptrdiff_t xi = (static_cast<std::ptrdiff_t>(b) * T + t) * I + i;
                const float xv = x[xi];
                float* dwi = dWihT + i * G4;
                for (int j = 0; j < G4; ++j)
                    dwi[j] += dab[j] * xv;
                dx[xi] = dot(dab, wIhT + i * G4, G4);
            }
        }
        if (s) {
            // dW_hh += dAᵀ · h of the previous step; dh of the previous step: rec = dA · W_hh.
            const float* hPrev = h + static_cast<std::ptrdiff_t>(s - 1) * B * H;
            matrixProduct<L>(G4, H, {{da, 1, G4}, B, hPrev, H}, kNoTerm, dWhh, H, dWhh, H);
            matrixProduct<L>(B, H, {{da, G4, 1}, G4, w, H}, kNoTerm, nullptr, 0, rec, H);
        }
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

/**
 * Forward recurrence of one LSTM with input size 1 over `rows` genes, no autograd: x[r·xStride +
 * t·xStep] is gene r's input at bin t. Writes every hidden state to h [rows][T][H]; a [rows][4H]
 * and c [rows][H] are scratch.
 */
template <int L>
AC_ALWAYS_INLINE void inferSequences(int rows, int T, int H, bool reverse, const float* x,
                                     std::ptrdiff_t xStride, std::ptrdiff_t xStep, const float* wIh,
                                     const float* bias, const float* wT, float* a, float* c,
                                     float* h)
{
    const int G4 = 4 * H;
    for (int s = 0; s < T; ++s) {
        const int t = reverse ? T - 1 - s : s;
        const int tp = reverse ? t + 1 : t - 1;
        const ProductTerm input{{x + t * xStep, xStride, 1}, 1, wIh, G4};
        const ProductTerm recurrent =
            s ? ProductTerm{{h + tp * H, static_cast<std::ptrdiff_t>(T) * H, 1}, H, wT, G4}
              : kNoTerm;
        matrixProduct<L>(rows, G4, input, recurrent, bias, 0, a, G4);
        for (int r = 0; r < rows; ++r)
            cellUpdate(H, a + r * G4, s ? c + r * H : nullptr, c + r * H, nullptr,
                       h + (static_cast<std::ptrdiff_t>(r) * T + t) * H, nullptr);
    }
}

/// Bin attention of one gene and mark: alpha [T], emb [2H] from hf, hr [T][H] and context [2H].
AC_ALWAYS_INLINE void attend(int T, int H, const float* hf, const float* hr, const float* context,
                             float* score, float* alpha, float* emb)
{
    float maxScore = -std::numeric_limits<float>::infinity();
    for (int t = 0; t < T; ++t) {
        score[t] = dot(hf + t * H, context, H) + dot(hr + t * H, context + H, H);
        maxScore = std::max(maxScore, score[t]);
    }
    float sum = 0.0f;
    for (int t = 0; t < T; ++t) {
        score[t] = std::exp(score[t] - maxScore);
        sum += score[t];
    }
    std::fill(emb, emb + 2 * H, 0.0f);
    for (int t = 0; t < T; ++t) {
        const float at = score[t] / sum;
        alpha[t] = at;
        for (int k = 0; k < H; ++k) {
            emb[k] += at * hf[t * H + k];
            emb[H + k] += at * hr[t * H + k];
        }
    }
}

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define AC_X86_DISPATCH 1
template <typename Kernel, typename... Args>
__attribute__((target("arch=x86-64-v4,prefer-vector-width=512"))) void runAvx512(Args... args)
{
    Kernel::template run<16>(args...);
}

template <typename Kernel, typename... Args>
__attribute__((target("arch=x86-64-v3"))) void runAvx2(Args... args)
{
    Kernel::template run<8>(args...);
}
#endif

/// 2 = AVX-512, 1 = AVX2+FMA, 0 = baseline: the best this CPU has, capped by AC_FUSED_LSTM_SIMD.
int simdLevel()
{
    static const int level = [] {
        int best = 0;
#ifdef AC_X86_DISPATCH
        best = __builtin_cpu_supports("x86-64-v4")   ? 2
               : __builtin_cpu_supports("x86-64-v3") ? 1
                                                     : 0;
#endif
        const char* cap = std::getenv("AC_FUSED_LSTM_SIMD");
        if (cap && std::strcmp(cap, "baseline") == 0)
            return 0;
        if (cap && std::strcmp(cap, "avx2") == 0)
            return std::min(best, 1);
        return best;
    }();
    return level;
}

/// Runs Kernel::run<L>(args...) compiled for the instruction set of simdLevel(), with the
/// vector length L (floats) that suits it.
template <typename Kernel, typename... Args> void simdCall(Args... args)
{
#ifdef AC_X86_DISPATCH
    const int level = simdLevel();
    if (level == 2)
        return runAvx512<Kernel>(args...);
    if (level == 1)
        return runAvx2<Kernel>(args...);
#endif
    Kernel::template run<8>(args...);
}

struct ForwardKernel {
    template <int L, typename... Args> AC_ALWAYS_INLINE static void run(Args... args)
    {
        forwardSequences<L>(args...);
    }
};

struct BackwardKernel {
    template <int L, typename... Args> AC_ALWAYS_INLINE static void run(Args... args)
    {
        backwardSequences<L>(args...);
    }
};

struct InferKernel {
    template <int L, typename... Args> AC_ALWAYS_INLINE static void run(Args... args)
    {
        inferSequences<L>(args...);
    }
};

struct AttendKernel {
    template <int, typename... Args> AC_ALWAYS_INLINE static void run(Args... args)
    {
        attend(args...);
    }
};

/// What the forward pass keeps for the backward pass, in step order [G, T, B, .].
struct ForwardState {
    torch::Tensor gates, c, tanhC, h;
    torch::Tensor out; ///< [G, B, T, H], input-time order
};

ForwardState runForward(const torch::Tensor& x, const torch::Tensor& wIh, const torch::Tensor& wHh,
                        const torch::Tensor& bIh, const torch::Tensor& bHh,
                        const std::vector<bool>& reverse)
{
    const int64_t G = x.size(0), B = x.size(1), T = x.size(2), I = x.size(3);
    const int64_t H = wHh.size(2);
    const torch::Tensor wIhT = wIh.transpose(1, 2).contiguous(); // [G, I, 4H]
    const torch::Tensor wHhT = wHh.transpose(1, 2).contiguous(); // [G, H, 4H]
    const torch::Tensor bias = (bIh + bHh).contiguous();         // [G, 4H]
    ForwardState st;
    st.gates = torch::empty({G, T, B, 4 * H}, x.options());
    st.c = torch::empty({G, T, B, H}, x.options());
    st.tanhC = torch::empty({G, T, B, H}, x.options());
    st.h = torch::empty({G, T, B, H}, x.options());
    st.out = torch::empty({G, B, T, H}, x.options());
    const float* px = x.data_ptr<float>();
    const float* pwIhT = wIhT.data_ptr<float>();
    const float* pwHhT = wHhT.data_ptr<float>();
    const float* pb = bias.data_ptr<float>();
    float* pGates = st.gates.data_ptr<float>();
    float* pc = st.c.data_ptr<float>();
    float* pTanhC = st.tanhC.data_ptr<float>();
    float* ph = st.h.data_ptr<float>();
    float* pOut = st.out.data_ptr<float>();
    const int64_t rows = B * T;
    at::parallel_for(0, G, 1, [&](int64_t g0, int64_t g1) {
        for (int64_t g = g0; g < g1; ++g)
            simdCall<ForwardKernel>(static_cast<int>(B), static_cast<int>(T), static_cast<int>(I),
                                    static_cast<int>(H), reverse[static_cast<size_t>(g)],
                                    px + g * rows * I, pwIhT + g * I * 4 * H, pwHhT + g * H * 4 * H,
                                    pb + g * 4 * H, pGates + g * rows * 4 * H, pc + g * rows * H,
                                    pTanhC + g * rows * H, ph + g * rows * H, pOut + g * rows * H);
    });
    return st;
}

std::vector<bool> toBools(const std::vector<int64_t>& v)
{
    return std::vector<bool>(v.begin(), v.end());
}

class FusedLstmFunction : public torch::autograd::Function<FusedLstmFunction>
{
public:
    static torch::Tensor forward(torch::autograd::AutogradContext* ctx, const torch::Tensor& x,
                                 const torch::Tensor& wIh, const torch::Tensor& wHh,
                                 const torch::Tensor& bIh, const torch::Tensor& bHh,
                                 const std::vector<int64_t>& reverse)
    {
        ForwardState st = runForward(x, wIh, wHh, bIh, bHh, toBools(reverse));
        ctx->save_for_backward({x, wIh, wHh, st.gates, st.c, st.tanhC, st.h});
        ctx->saved_data["reverse"] = c10::IntArrayRef(reverse);
        return st.out;
    }

    static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx,
                                                   torch::autograd::variable_list gradOutputs)
    {
        const auto saved = ctx->get_saved_variables();
        const torch::Tensor& x = saved[0];
        const torch::Tensor& wIh = saved[1];
        const torch::Tensor& wHh = saved[2];
        const std::vector<bool> reverse = toBools(ctx->saved_data["reverse"].toIntVector());
        const int64_t G = x.size(0), B = x.size(1), T = x.size(2), I = x.size(3);
        const int64_t H = wHh.size(2);

        const torch::Tensor dh = gradOutputs[0].contiguous();
        const torch::Tensor wIhT = wIh.transpose(1, 2).contiguous(); // [G, I, 4H]
        torch::Tensor dx = torch::empty({G, B, T, I}, x.options());
        torch::Tensor dWihT = torch::empty({G, I, 4 * H}, x.options());
        torch::Tensor dWhh = torch::empty({G, 4 * H, H}, x.options());
        torch::Tensor db = torch::empty({G, 4 * H}, x.options());
        const float* px = x.data_ptr<float>();
        const float* pwIhT = wIhT.data_ptr<float>();
        const float* pwHh = wHh.data_ptr<float>();
        const float* pGates = saved[3].data_ptr<float>();
        const float* pc = saved[4].data_ptr<float>();
        const float* pTanhC = saved[5].data_ptr<float>();
        const float* ph = saved[6].data_ptr<float>();
        const float* pdh = dh.data_ptr<float>();
        float* pdx = dx.data_ptr<float>();
        float* pdWihT = dWihT.data_ptr<float>();
        float* pdWhh = dWhh.data_ptr<float>();
        float* pdb = db.data_ptr<float>();
        const int64_t rows = B * T;
        at::parallel_for(0, G, 1, [&](int64_t g0, int64_t g1) {
            std::vector<float> da(static_cast<size_t>(B * 4 * H));
            std::vector<float> rec(static_cast<size_t>(B * H));
            std::vector<float> dc(static_cast<size_t>(B * H));
            for (int64_t g = g0; g < g1; ++g)
                simdCall<BackwardKernel>(
                    static_cast<int>(B), static_cast<int>(T), static_cast<int>(I),
                    static_cast<int>(H), reverse[static_cast<size_t>(g)], px + g * rows * I,
                    pwIhT + g * I * 4 * H, pwHh + g * 4 * H * H, pGates + g * rows * 4 * H,
                    pc + g * rows * H, pTanhC + g * rows * H, ph + g * rows * H, pdh + g * rows * H,
                    pdx + g * rows * I, pdWihT + g * I * 4 * H, pdWhh + g * 4 * H * H,
                    pdb + g * 4 * H, da.data(), rec.data(), dc.data());
        });
        // The two bias gradients are equal but must not share storage (optimisers update in place).
        return {dx, dWihT.transpose(1, 2), dWhh, db, db.clone(), torch::Tensor()};
    }
};

} // namespace

const char* fusedLstmInstructionSet()
{
    static const char* const names[] = {"baseline", "avx2", "avx512"};
    return names[simdLevel()];
}

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
    const bool needGrad = torch::GradMode::is_enabled() &&
                          (x.requires_grad() || wIh.requires_grad() || wHh.requires_grad() ||
                           bIh.requires_grad() || bHh.requires_grad());
    if (!needGrad)
        return runForward(xc, wIhC, wHhC, bIh, bHh, reverse).out;
    return FusedLstmFunction::apply(xc, wIhC, wHhC, bIh, bHh,
                                    std::vector<int64_t>(reverse.begin(), reverse.end()));
}

torch::Tensor fusedBidirectional(const torch::nn::LSTM& rnn, const torch::Tensor& x)
{
    const auto params = rnn->named_parameters(false);
    const auto both = [&](const std::string& name) {
        return torch::stack({params[name], params[name + "_reverse"]}); // 2 x [4H, ...]
    };
    return fusedLstm(x.unsqueeze(0).expand({2, -1, -1, -1}), both("weight_ih_l0"),
                     both("weight_hh_l0"), both("bias_ih_l0"), both("bias_hh_l0"), {false, true});
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
    const torch::Tensor bias = (bIh + bHh).contiguous();         // [2M, 4H]
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
    const int iT = static_cast<int>(T), iH = static_cast<int>(H);
    at::parallel_for(0, tiles, 1, [&](int64_t i0, int64_t i1) {
        std::vector<float> hs(static_cast<size_t>(2 * tile * T * H)); // [direction][gene][T][H]
        std::vector<float> a(static_cast<size_t>(tile * 4 * H));
        std::vector<float> cs(static_cast<size_t>(tile * H));
        std::vector<float> score(static_cast<size_t>(T));
        float* hf = hs.data();
        float* hr = hs.data() + tile * T * H;
        for (int64_t i = i0; i < i1; ++i) {
            const int64_t n0 = i * tile;
            const int rows = static_cast<int>(std::min(tile, N - n0));
            for (int64_t m = 0; m < M; ++m) {
                for (int64_t d = 0; d < 2; ++d) {
                    const int64_t g = 2 * m + d;
                    simdCall<InferKernel>(rows, iT, iH, d == 1, px + n0 * T * M + m, T * M, M,
                                          pwIh + g * 4 * H, pb + g * 4 * H, pwT + g * H * 4 * H,
                                          a.data(), cs.data(), d ? hr : hf);
                }
                for (int r = 0; r < rows; ++r)
                    simdCall<AttendKernel>(iT, iH, hf + r * T * H, hr + r * T * H, pctx + m * 2 * H,
                                           score.data(), pAlpha + ((n0 + r) * M + m) * T,
                                           pEmb + ((n0 + r) * M + m) * 2 * H);
            }
        }
    });
    return out;
}

} // namespace ac
