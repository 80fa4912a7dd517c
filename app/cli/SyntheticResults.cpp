#include "SyntheticResults.h"

#include <cmath>
#include <random>

namespace ac::cli
{

RunResults synthesiseResults(int genes, std::uint64_t seed)
{
    RunResults r;
    r.geneCount = genes;
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<float> u(0.0f, 1.0f);
    r.p.resize(std::size_t(genes));
    r.alpha.resize(std::size_t(genes) * 500);
    r.beta.resize(std::size_t(genes) * 5);
    for (int g = 0; g < genes; ++g) {
        r.p[std::size_t(g)] = u(rng);
        float betaSum = 0;
        for (int m = 0; m < 5; ++m) {
            float* a = r.alpha.data() + (std::size_t(g) * 5 + m) * 100;
            const float peak = 30.0f + 40.0f * u(rng);
            float sum = 0;
            for (int b = 0; b < 100; ++b) {
                a[b] = std::exp(-std::pow((b - peak) / 8.0f, 2.0f) * 2.0f + 0.3f * u(rng));
                sum += a[b];
            }
            for (int b = 0; b < 100; ++b)
                a[b] /= sum;
            r.beta[std::size_t(g) * 5 + m] = std::exp(2.0f * u(rng));
            betaSum += r.beta[std::size_t(g) * 5 + m];
        }
        for (int m = 0; m < 5; ++m)
            r.beta[std::size_t(g) * 5 + m] /= betaSum;
    }
    return r;
}

} // namespace ac::cli
