#include "AttentionHeatmap.h"

#include "MarkAxis.h"
#include "PlotPalette.h"
#include "QcpInclude.h"

#include <algorithm>
#include <cmath>

namespace ac
{

QCPColorMap* AttentionHeatmap::create(QCPAxisRect* rect, const QStringList& markNames,
                                      int markCount, int binCount, int windowStart, int binSize)
{
    QCPAxis* y = rect->axis(QCPAxis::atLeft);
    QCPAxis* x = rect->axis(QCPAxis::atBottom);
    MarkAxis::setupRows(y, markNames, markCount);
    x->grid()->setVisible(false);
    x->setRange(windowStart, windowStart + double(binCount) * binSize);
    auto* map = new QCPColorMap(x, y);
    map->setInterpolate(false);
    setShape(map, markCount, binCount, windowStart, binSize);
    return map;
}

void AttentionHeatmap::setShape(QCPColorMap* map, int markCount, int binCount, int windowStart,
                                int binSize)
{
    QCPColorMapData* d = map->data();
    d->setSize(binCount, markCount);
    d->setRange(QCPRange(windowStart + 0.5 * binSize, windowStart + (binCount - 0.5) * binSize),
                QCPRange(0, markCount - 1));
}

bool AttentionHeatmap::fill(QCPColorMap* map, const std::vector<float>& values)
{
    QCPColorMapData* d = map->data();
    const int bins = d->keySize();
    const int marks = d->valueSize();
    if (values.size() != std::size_t(marks) * bins) {
        d->fill(std::nan(""));
        return false;
    }
    for (int m = 0; m < marks; ++m)
        for (int b = 0; b < bins; ++b)
            d->setCell(b, m, values[std::size_t(m) * bins + b]);
    return true;
}

QCPColorScale* AttentionHeatmap::createScale(QCPAxisRect* rect, const QString& label,
                                             QCPMarginGroup* group)
{
    QCustomPlot* plot = rect->parentPlot();
    auto* scale = new QCPColorScale(plot);
    scale->setType(QCPAxis::atRight);
    scale->axis()->setLabel(label);
    scale->setBarWidth(10);
    if (!group)
        group = new QCPMarginGroup(plot);
    rect->setMarginGroup(QCP::msTop | QCP::msBottom, group);
    scale->setMarginGroup(QCP::msTop | QCP::msBottom, group);
    return scale;
}

namespace
{

// The share of the colour bar above a fixed range.
constexpr double kAboveBand = 0.08;

// A round step giving about four ticks over `span`.
double roundStep(double span)
{
    const double raw = span / 4;
    const double mag = std::pow(10.0, std::floor(std::log10(raw)));
    for (double f : {1.0, 2.0, 2.5, 5.0})
        if (f * mag >= raw)
            return f * mag;
    return 10 * mag;
}

} // namespace

QSharedPointer<QCPAxisTickerText> AttentionHeatmap::scaleTicker(double lower, double upper,
                                                                double uniform, double bandTop,
                                                                bool stacked)
{
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    const double span = upper - lower;
    const bool showUniform = uniform > 0 && uniform > lower && uniform <= upper;
    const double step = roundStep(span);
    for (double t = std::ceil(lower / step - 1e-9) * step; t <= upper + 1e-9 * span; t += step) {
        // Round ticks next to the uniform one would print over it.
        if (showUniform && std::abs(t - uniform) < 0.12 * span)
            continue;
        ticker->addTick(std::abs(t) < 1e-12 * span ? 0.0 : t, QString::number(t, 'g', 3));
    }
    if (showUniform)
        ticker->addTick(uniform, QStringLiteral("%1%2uniform")
                                     .arg(uniform, 0, 'g', 3)
                                     .arg(stacked ? QLatin1Char('\n') : QLatin1Char(' ')));
    if (bandTop > upper)
        ticker->addTick((upper + bandTop) / 2, QStringLiteral("above"));
    return ticker;
}

void AttentionHeatmap::applySequential(QCPColorMap* map, const QString& gradientName, double lower,
                                       double upper, bool markAbove, double uniform)
{
    // Values above `upper` fall into the top band of the gradient (and of the colour bar).
    const double top = markAbove ? upper + (upper - lower) * kAboveBand / (1 - kAboveBand) : upper;
    map->setGradient(PlotPalette::gradient(gradientName, markAbove ? kAboveBand : 0));
    map->setDataRange(QCPRange(lower, top));
    if (QCPColorScale* scale = map->colorScale())
        scale->axis()->setTicker(scaleTicker(lower, upper, uniform, top,
                                             scale->axis()->orientation() == Qt::Horizontal));
}

void AttentionHeatmap::applyDiverging(QCPColorMap* map, const std::vector<float>& values)
{
    double lo = 0, hi = 0;
    growRange(values, &lo, &hi);
    double m = std::max(-lo, hi);
    if (!(m > 0))
        m = 1e-6;
    map->setGradient(PlotPalette::divergingGradient());
    map->setDataRange(QCPRange(-m, m));
    if (QCPColorScale* scale = map->colorScale())
        scale->axis()->setTicker(scaleTicker(-m, m, 0, -m));
}

void AttentionHeatmap::keepWidthSteady(QCPColorScale* scale)
{
    // Wide enough for the longest tick label a scale prints ("0.0125 uniform", "-0.000125")
    // and the rotated axis label, so a new gene's labels never shift the plots beside it.
    QCPAxis* axis = scale->axis();
    const QFontMetrics ticks(axis->tickLabelFont());
    const QFontMetrics label(axis->labelFont());
    const int width = ticks.horizontalAdvance(QStringLiteral("0.0125 uniform")) + label.height() +
                      axis->tickLabelPadding() + axis->labelPadding() + axis->offset() + 6;
    axis->axisRect()->setMinimumMargins(QMargins(0, 0, width, 0));
}

void AttentionHeatmap::growRange(const std::vector<float>& values, double* lo, double* hi)
{
    for (float v : values)
        if (std::isfinite(v)) {
            *lo = std::min(*lo, double(v));
            *hi = std::max(*hi, double(v));
        }
}

} // namespace ac
