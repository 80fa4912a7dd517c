#include "AttentionHeatmap.h"

#include "MarkAxis.h"
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

void AttentionHeatmap::growRange(const std::vector<float>& values, double* lo, double* hi)
{
    for (float v : values)
        if (std::isfinite(v)) {
            *lo = std::min(*lo, double(v));
            *hi = std::max(*hi, double(v));
        }
}

} // namespace ac
