#include "AttentionAverages.h"

#include "domain/RunResults.h"

namespace ac
{

namespace
{

// Mean of the `width`-long rows of `data` whose label equals `want`; empty when no row matches.
std::vector<float> meanRows(const std::vector<float>& data, std::size_t width,
                            const std::vector<std::uint8_t>& labels, std::uint8_t want)
{
    std::vector<double> sum(width, 0.0);
    std::size_t n = 0;
    for (std::size_t g = 0; g < labels.size(); ++g) {
        if ((labels[g] != 0) != (want != 0))
            continue;
        const float* row = data.data() + g * width;
        for (std::size_t i = 0; i < width; ++i)
            sum[i] += row[i];
        ++n;
    }
    if (n == 0)
        return {};
    std::vector<float> out(width);
    for (std::size_t i = 0; i < width; ++i)
        out[i] = float(sum[i] / double(n));
    return out;
}

} // namespace

AttentionAverages AttentionAverages::compute(const RunResults& r,
                                             const std::vector<std::uint8_t>& labels)
{
    AttentionAverages a;
    a.markCount = r.markCount;
    a.binCount = r.binCount;
    const std::size_t genes = std::size_t(r.geneCount);
    if (labels.size() != genes)
        return a;
    for (std::uint8_t l : labels)
        (l ? a.onCount : a.offCount)++;
    const std::size_t alphaWidth = std::size_t(r.markCount) * r.binCount;
    if (r.alpha.size() == genes * alphaWidth) {
        a.alphaOn = meanRows(r.alpha, alphaWidth, labels, 1);
        a.alphaOff = meanRows(r.alpha, alphaWidth, labels, 0);
    }
    if (r.beta.size() == genes * std::size_t(r.markCount)) {
        a.betaOn = meanRows(r.beta, std::size_t(r.markCount), labels, 1);
        a.betaOff = meanRows(r.beta, std::size_t(r.markCount), labels, 0);
    }
    return a;
}

} // namespace ac
