#include "HeatmapFigure.h"

#include "AttentionHeatmap.h"
#include "PlotExport.h"
#include "PlotPalette.h"
#include "QcpInclude.h"

#include <algorithm>
#include <cmath>

namespace ac
{

namespace
{

/// `order`'s rows of a genes × bins matrix averaged down to `outRows` rows (bins skipped where
/// a gene has no data; NaN when none has), outRows × bins.
std::vector<float> downsample(const std::vector<float>& values, const std::vector<int>& order,
                              int bins, int outRows)
{
    const std::size_t n = order.size(), b = std::size_t(bins);
    std::vector<float> out(std::size_t(outRows) * b, std::numeric_limits<float>::quiet_NaN());
    std::vector<float> sum(b);
    std::vector<int> count(b);
    for (int r = 0; r < outRows; ++r) {
        const std::size_t first = std::size_t(r) * n / std::size_t(outRows);
        const std::size_t last = std::size_t(r + 1) * n / std::size_t(outRows);
        std::fill(sum.begin(), sum.end(), 0.0f);
        std::fill(count.begin(), count.end(), 0);
        for (std::size_t i = first; i < last; ++i) {
            const float* row = values.data() + std::size_t(order[i]) * b;
            for (std::size_t k = 0; k < b; ++k) { // branch-free, so it vectorises
                const bool present = !std::isnan(row[k]);
                sum[k] += present ? row[k] : 0.0f;
                count[k] += present;
            }
        }
        for (std::size_t k = 0; k < b; ++k)
            if (count[k] > 0)
                out[std::size_t(r) * b + k] = sum[k] / float(count[k]);
    }
    return out;
}

QCPAxisRect* addProfileRect(QCustomPlot* plot, const GeneHeatmap& h, const HeatmapLayout& layout,
                            int panel)
{
    auto* rect = new QCPAxisRect(plot);
    const double half = h.binSize() / 2.0;
    for (std::size_t g = 0; g < layout.groups.size(); ++g) {
        QCPGraph* graph =
            plot->addGraph(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
        const std::vector<float>& mean = layout.groups[g].meanProfiles[std::size_t(panel)];
        QVector<double> x, y;
        for (int b = 0; b < h.binCount(); ++b) {
            x << h.windowStart() + b * h.binSize() + half;
            y << (std::isfinite(mean[std::size_t(b)]) ? double(mean[std::size_t(b)]) : qQNaN());
        }
        graph->setData(x, y, true);
        // Past ten groups the colours come round again, dashed: no two groups look alike.
        QPen pen(PlotPalette::seriesColour(int(g)), 1.5);
        if (int(g) >= PlotPalette::kSeriesColours)
            pen.setStyle(Qt::DashLine);
        graph->setPen(pen);
        graph->setName(QStringLiteral("%1 (%L2)")
                           .arg(layout.groups[g].label)
                           .arg(layout.groups[g].genes.size()));
    }
    rect->axis(QCPAxis::atBottom)
        ->setRange(h.windowStart(), h.windowStart() + h.binCount() * h.binSize());
    rect->axis(QCPAxis::atBottom)->setTickLabels(false);
    rect->axis(QCPAxis::atLeft)->rescale();
    rect->axis(QCPAxis::atLeft)->ticker()->setTickCount(3); // a short panel: few labels
    rect->axis(QCPAxis::atTop)->setVisible(true);
    rect->axis(QCPAxis::atTop)->setTicks(false);
    rect->axis(QCPAxis::atTop)->setLabel(h.panels()[std::size_t(panel)].name);
    return rect;
}

/// Group names at the middle of their rows, lines between groups. A group gets its name and size
/// on two lines when its rows are at least that high (`pixelsPerRow`, an estimate made before
/// the layout), its name alone when one line fits, else no label (the legend names it): small
/// groups' labels must not print over each other.
void markGroups(QCustomPlot* plot, QCPAxisRect* rect, const HeatmapLayout& layout, bool labels,
                double pixelsPerRow)
{
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    const double line = QFontMetrics(rect->axis(QCPAxis::atLeft)->tickLabelFont()).height();
    int top = 0;
    for (std::size_t g = 0; g < layout.groups.size(); ++g) {
        const int n = int(layout.groups[g].genes.size());
        const double height = n * pixelsPerRow;
        if (height >= 2.2 * line)
            ticker->addTick(top + n / 2.0,
                            QStringLiteral("%1\n%L2").arg(layout.groups[g].label).arg(n));
        else if (height >= 1.1 * line)
            ticker->addTick(top + n / 2.0, layout.groups[g].label);
        if (g > 0) {
            auto* line = new QCPItemStraightLine(plot);
            line->setClipAxisRect(rect);
            line->point1->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
            line->point2->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
            line->point1->setCoords(0, top);
            line->point2->setCoords(1, top);
            line->setPen(QPen(Qt::black, 1.5));
        }
        top += n;
    }
    QCPAxis* left = rect->axis(QCPAxis::atLeft);
    left->setTicker(ticker);
    left->setTickLabels(labels);
    left->setSubTicks(false);
    left->grid()->setVisible(false);
}

} // namespace

HeatmapFigure::HeatmapFigure(QCustomPlot* plot) : m_plot(plot)
{
    m_plot->setAutoAddPlottableToLegend(false); // one legend, of the first panel's groups
}

void HeatmapFigure::showMessage(const QString& message)
{
    m_plot->clearPlottables();
    m_plot->clearItems();
    m_plot->plotLayout()->clear();
    m_mapRects.clear();
    m_order.clear();
    m_plot->plotLayout()->addElement(0, 0, new QCPTextElement(m_plot, message));
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void HeatmapFigure::draw(const GeneHeatmap& h, const HeatmapLayout& layout,
                         const QString& gradientName, int maxRows, bool replot)
{
    m_plot->clearPlottables();
    m_plot->clearItems();
    m_plot->plotLayout()->clear();
    m_mapRects.clear();
    m_order = layout.order();
    m_imageRows = std::clamp(maxRows, 1, std::max(1, int(m_order.size())));
    auto* legend = new QCPLegend;
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    legend->setWrap(6);
    legend->setBorderPen(Qt::NoPen);
    legend->setFont(QFont(QStringLiteral("sans"), 8));
    m_plot->plotLayout()->addElement(0, 0, legend);
    // The panels in a grid of their own under the legend, so the legend never widens a column.
    auto* grid = new QCPLayoutGrid;
    m_plot->plotLayout()->addElement(1, 0, grid);
    for (int p = 0; p < int(h.panels().size()); ++p) {
        auto* group = new QCPMarginGroup(m_plot);
        QCPAxisRect* profile = addProfileRect(m_plot, h, layout, p);
        if (p == 0)
            for (int g = 0; g < m_plot->graphCount(); ++g)
                legend->addItem(new QCPPlottableLegendItem(legend, m_plot->graph(g)));
        QCPAxisRect* rect = addMapRect(h, p, gradientName);
        QCPColorScale* scale = static_cast<QCPColorMap*>(rect->plottables().value(0))->colorScale();
        profile->setMarginGroup(QCP::msLeft | QCP::msRight, group);
        rect->setMarginGroup(QCP::msLeft | QCP::msRight, group);
        scale->setMarginGroup(QCP::msLeft | QCP::msRight, group);
        grid->addElement(0, p, profile);
        grid->addElement(1, p, rect);
        grid->addElement(2, p, scale);
        m_mapRects.push_back(rect);
    }
    // Lines between groups once the heatmaps are in the layout (an item needs an axis rect).
    // The heatmaps take about 60 % of the plot's height (legend, profiles, colour bars above and
    // below them); that estimate decides which group labels fit.
    const double pixelsPerRow = 0.6 * m_plot->height() / std::max<std::size_t>(1, m_order.size());
    for (std::size_t p = 0; p < m_mapRects.size(); ++p)
        markGroups(m_plot, m_mapRects[p], layout, p == 0, pixelsPerRow);
    m_plot->plotLayout()->setRowStretchFactor(0, 0.01);
    grid->setColumnSpacing(12);
    grid->setRowStretchFactor(0, 1);
    grid->setRowStretchFactor(1, 4);
    grid->setRowStretchFactor(2, 0.01);
    if (replot)
        m_plot->replot(QCustomPlot::rpImmediateRefresh);
}

QCPAxisRect* HeatmapFigure::addMapRect(const GeneHeatmap& h, int p, const QString& gradientName)
{
    const int n = int(m_order.size()), bins = h.binCount();
    auto* rect = new QCPAxisRect(m_plot);
    QCPColorMap* map = AttentionHeatmap::create(rect, {}, 1, bins, h.windowStart(), h.binSize());
    map->data()->setSize(bins, m_imageRows);
    const double rowHeight = double(n) / m_imageRows;
    map->data()->setRange(
        QCPRange(h.windowStart() + h.binSize() / 2.0, h.windowStart() + (bins - 0.5) * h.binSize()),
        QCPRange(rowHeight / 2, n - rowHeight / 2));
    const std::vector<float>& values = h.panels()[std::size_t(p)].values;
    const std::vector<float> cells = downsample(values, m_order, bins, m_imageRows);
    for (int r = 0; r < m_imageRows; ++r)
        for (int b = 0; b < bins; ++b)
            map->data()->setCell(b, r, cells[std::size_t(r) * std::size_t(bins) + std::size_t(b)]);
    rect->axis(QCPAxis::atLeft)->setRange(0, n);
    rect->axis(QCPAxis::atLeft)->setRangeReversed(true);
    rect->axis(QCPAxis::atBottom)->setLabel(QStringLiteral("bp from TSS"));
    auto* scale = new QCPColorScale(m_plot);
    scale->setType(QCPAxis::atBottom);
    map->setColorScale(scale);
    const bool alpha = p == h.alphaPanel();
    const double uniform = 1.0 / bins;
    AttentionHeatmap::applySequential(
        map, gradientName, 0, alpha ? 5 * uniform : double(h.panels()[std::size_t(p)].upper), alpha,
        alpha ? uniform : 0);
    return rect;
}

FigureSize HeatmapFigure::defaultSize(int dpi)
{
    return FigureSize::fromPixels(QSize(kDefaultWidth, kDefaultHeight), dpi);
}

bool HeatmapFigure::save(const GeneHeatmap& heatmap, const HeatmapLayout& layout,
                         const QString& format, const QString& file, const FigureSize& size,
                         const QString& title, QString* error)
{
    QCustomPlot plot;
    plot.resize(size.pixels());
    HeatmapFigure(&plot).draw(heatmap, layout, QString(), size.pixels().height(), false);
    return PlotExport::save(&plot, format, file, size, error, title);
}

QCPAxisRect* HeatmapFigure::mapRect(int panel) const
{
    return panel >= 0 && panel < int(m_mapRects.size()) ? m_mapRects[std::size_t(panel)] : nullptr;
}

int HeatmapFigure::geneAt(const QPoint& pos) const
{
    for (QCPAxisRect* rect : m_mapRects) {
        if (!rect->rect().contains(pos))
            continue;
        const double y = rect->axis(QCPAxis::atLeft)->pixelToCoord(pos.y());
        const int row = int(std::floor(y));
        return row >= 0 && row < int(m_order.size()) ? m_order[std::size_t(row)] : -1;
    }
    return -1;
}

} // namespace ac
