#include "interpret/IgCompleteness.h"

#include <algorithm>
#include <cmath>

namespace ac
{

double IgCompleteness::error(int g) const
{
    return std::abs(static_cast<double>(sum[g]) - static_cast<double>(delta[g]));
}

bool IgCompleteness::isLarge(int g) const
{
    return error(g) > std::max(kAbsoluteFloor, kRelativeTolerance * std::abs(double(delta[g])));
}

double IgCompleteness::medianError() const
{
    const int n = geneCount();
    if (n == 0)
        return 0;
    std::vector<double> e(n);
    for (int g = 0; g < n; ++g)
        e[g] = error(g);
    std::sort(e.begin(), e.end());
    return n % 2 ? e[n / 2] : (e[n / 2 - 1] + e[n / 2]) / 2.0;
}

double IgCompleteness::maxError() const
{
    double m = 0;
    for (int g = 0; g < geneCount(); ++g)
        m = std::max(m, error(g));
    return m;
}

double IgCompleteness::largeFraction() const
{
    const int n = geneCount();
    int large = 0;
    for (int g = 0; g < n; ++g)
        large += isLarge(g) ? 1 : 0;
    return n > 0 ? static_cast<double>(large) / n : 0.0;
}

bool IgCompleteness::isLarge() const
{
    return largeFraction() > kLargeFraction;
}

QString IgCompleteness::summary() const
{
    return QStringLiteral("integrated gradients (%1 steps, %2 baseline): completeness "
                          "|\u03a3 attribution \u2212 (f(x) \u2212 f(x\u2080))| median %3, max %4; "
                          "%5% of %6 genes above %7 \u00d7 |f(x) \u2212 f(x\u2080)|")
        .arg(steps)
        .arg(baseline)
        .arg(medianError(), 0, 'g', 3)
        .arg(maxError(), 0, 'g', 3)
        .arg(100.0 * largeFraction(), 0, 'f', 1)
        .arg(geneCount())
        .arg(kRelativeTolerance);
}

QString IgCompleteness::warning() const
{
    if (!isLarge())
        return {};
    return QStringLiteral("warning: integrated gradients miss completeness for %1% of the genes "
                          "(more than %2% allowed): %3 steps are too few; use more (e.g. %4)")
        .arg(100.0 * largeFraction(), 0, 'f', 1)
        .arg(100.0 * kLargeFraction, 0, 'f', 0)
        .arg(steps)
        .arg(std::min(1024, std::max(64, steps * 4)));
}

} // namespace ac
