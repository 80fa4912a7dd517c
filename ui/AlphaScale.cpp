#include "AlphaScale.h"

#include <algorithm>
#include <cmath>

namespace ac
{

AlphaScale::AlphaScale(Mode mode, double parameter) : m_mode(mode), m_parameter(parameter)
{
    if (!(m_parameter > 0) || !std::isfinite(m_parameter))
        m_parameter = mode == Mode::Fixed ? 0.05 : kDefaultTimesUniform;
}

void AlphaScale::range(const std::vector<float>& values, int binCount, double* lower,
                       double* upper) const
{
    double lo = INFINITY, hi = -INFINITY;
    for (float v : values)
        if (std::isfinite(v)) {
            lo = std::min(lo, double(v));
            hi = std::max(hi, double(v));
        }
    rangeOf(lo, hi, binCount, lower, upper);
}

void AlphaScale::rangeOf(double lo, double hi, int binCount, double* lower, double* upper) const
{
    if (!(lo <= hi))
        lo = hi = 0;
    switch (m_mode) {
    case Mode::TimesUniform:
        *lower = 0;
        *upper = m_parameter / std::max(1, binCount);
        break;
    case Mode::Fixed:
        *lower = 0;
        *upper = m_parameter;
        break;
    case Mode::GeneMax:
        *lower = 0;
        *upper = std::max(hi, 0.0);
        break;
    case Mode::GeneMinMax:
        *lower = lo;
        *upper = hi;
        break;
    }
    if (!(*upper > *lower))
        *upper = *lower + 1e-6;
}

QString AlphaScale::key() const
{
    switch (m_mode) {
    case Mode::TimesUniform:
        return QStringLiteral("uniform:%1").arg(m_parameter);
    case Mode::Fixed:
        return QStringLiteral("fixed:%1").arg(m_parameter);
    case Mode::GeneMax:
        return QStringLiteral("gene-max");
    case Mode::GeneMinMax:
        return QStringLiteral("gene-min-max");
    }
    return QString();
}

AlphaScale AlphaScale::fromKey(const QString& key)
{
    const QString name = key.section(QLatin1Char(':'), 0, 0);
    const double parameter = key.section(QLatin1Char(':'), 1).toDouble();
    if (name == QLatin1String("fixed"))
        return AlphaScale(Mode::Fixed, parameter);
    if (name == QLatin1String("gene-max"))
        return AlphaScale(Mode::GeneMax, 0);
    if (name == QLatin1String("gene-min-max"))
        return AlphaScale(Mode::GeneMinMax, 0);
    return AlphaScale(Mode::TimesUniform, parameter);
}

QString AlphaScale::describe() const
{
    switch (m_mode) {
    case Mode::TimesUniform:
        return QStringLiteral("0 – %1 × uniform").arg(m_parameter);
    case Mode::Fixed:
        return QStringLiteral("0 – %1").arg(m_parameter);
    case Mode::GeneMax:
        return QStringLiteral("0 – gene max");
    case Mode::GeneMinMax:
        return QStringLiteral("gene min – max");
    }
    return QString();
}

} // namespace ac
