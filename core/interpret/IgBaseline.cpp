#include "interpret/IgBaseline.h"

#include <algorithm>
#include <cstring>
#include <random>

namespace ac
{

namespace
{

// FNV-1a over the bytes of the gene's values: the shuffled baseline depends on the gene only.
std::uint64_t hashValues(const float* values, std::size_t n)
{
    std::uint64_t h = 1469598103934665603ull;
    const auto* bytes = reinterpret_cast<const unsigned char*>(values);
    for (std::size_t i = 0; i < n * sizeof(float); ++i) {
        h ^= bytes[i];
        h *= 1099511628211ull;
    }
    return h;
}

} // namespace

IgBaseline IgBaseline::shuffled(std::uint64_t seed)
{
    IgBaseline b;
    b.m_kind = IgBaselineKind::Shuffled;
    b.m_seed = seed;
    return b;
}

IgBaseline IgBaseline::mean(std::vector<float> mean)
{
    IgBaseline b;
    b.m_kind = IgBaselineKind::TrainingMean;
    b.m_mean = std::move(mean);
    return b;
}

IgBaseline IgBaseline::forCell(IgBaselineKind kind, const CellData& cell)
{
    switch (kind) {
    case IgBaselineKind::Zero:
        return IgBaseline();
    case IgBaselineKind::Shuffled:
        return shuffled();
    case IgBaselineKind::TrainingMean:
        return mean(trainingMean(cell));
    }
    return IgBaseline();
}

std::vector<float> IgBaseline::trainingMean(const CellData& cell)
{
    const std::size_t size = static_cast<std::size_t>(cell.binCount) * cell.markCount;
    const bool anyTrain =
        std::find(cell.splits.begin(), cell.splits.end(), Split::Train) != cell.splits.end();
    std::vector<double> sum(size, 0.0);
    int n = 0;
    for (int g = 0; g < cell.geneCount(); ++g) {
        if (anyTrain &&
            (g >= static_cast<int>(cell.splits.size()) || cell.splits[g] != Split::Train))
            continue;
        const float* v = cell.geneValues(g);
        for (std::size_t i = 0; i < size; ++i)
            sum[i] += v[i];
        ++n;
    }
    std::vector<float> mean(size, 0.0f);
    for (std::size_t i = 0; i < size && n > 0; ++i)
        mean[i] = static_cast<float>(sum[i] / n);
    return mean;
}

QString IgBaseline::key(IgBaselineKind kind)
{
    switch (kind) {
    case IgBaselineKind::Zero:
        return QStringLiteral("zero");
    case IgBaselineKind::Shuffled:
        return QStringLiteral("shuffled");
    case IgBaselineKind::TrainingMean:
        return QStringLiteral("mean");
    }
    return {};
}

QString IgBaseline::name(IgBaselineKind kind)
{
    switch (kind) {
    case IgBaselineKind::Zero:
        return QStringLiteral("zero");
    case IgBaselineKind::Shuffled:
        return QStringLiteral("bins shuffled per gene");
    case IgBaselineKind::TrainingMean:
        return QStringLiteral("training-set mean");
    }
    return {};
}

bool IgBaseline::parse(const QString& key, IgBaselineKind* out)
{
    const QString k = key.trimmed().toLower();
    for (IgBaselineKind kind :
         {IgBaselineKind::Zero, IgBaselineKind::Shuffled, IgBaselineKind::TrainingMean})
        if (k == IgBaseline::key(kind)) {
            *out = kind;
            return true;
        }
    return false;
}

bool IgBaseline::fits(int binCount, int markCount) const
{
    return m_kind != IgBaselineKind::TrainingMean ||
           m_mean.size() == static_cast<std::size_t>(binCount) * markCount;
}

void IgBaseline::fill(const float* values, int binCount, int markCount, float* out) const
{
    const std::size_t size = static_cast<std::size_t>(binCount) * markCount;
    switch (m_kind) {
    case IgBaselineKind::Zero:
        std::fill(out, out + size, 0.0f);
        return;
    case IgBaselineKind::TrainingMean:
        std::copy(m_mean.begin(), m_mean.begin() + static_cast<std::ptrdiff_t>(size), out);
        return;
    case IgBaselineKind::Shuffled: {
        // Fisher–Yates per mark with a generator of our own, so the permutation is the same with
        // every standard library.
        std::mt19937_64 rng(m_seed ^ hashValues(values, size));
        std::vector<int> order(binCount);
        for (int m = 0; m < markCount; ++m) {
            for (int b = 0; b < binCount; ++b)
                order[b] = b;
            for (int i = binCount - 1; i > 0; --i)
                std::swap(order[i], order[rng() % static_cast<std::uint64_t>(i + 1)]);
            for (int b = 0; b < binCount; ++b)
                out[b * markCount + m] = values[order[b] * markCount + m];
        }
        return;
    }
    }
}

} // namespace ac
