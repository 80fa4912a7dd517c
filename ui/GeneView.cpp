#include "GeneView.h"

#include "AttentionHeatmap.h"
#include "MarkAxis.h"
#include "PlotPalette.h"
#include "QcpInclude.h"

#include <QMouseEvent>
#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace ac
{

namespace
{

void styleRect(QCPAxisRect* r, const QFont& f)
{
    for (QCPAxis* a : r->axes()) {
        a->setTickLabelFont(f);
        a->setLabelFont(f);
    }
    r->setRangeDrag(Qt::Horizontal);
    r->setRangeZoom(Qt::Horizontal);
}

// A step line with a translucent fill: signal tracks and the genome track.
void styleStepGraph(QCPGraph* g, QColor colour, int fillAlpha)
{
    g->setLineStyle(QCPGraph::lsStepCenter);
    // Step lines and fills are axis-aligned: antialiasing only blurs them and costs most of a
    // gene switch's redraw time.
    g->setAntialiased(false);
    g->setAntialiasedFill(false);
    g->setPen(QPen(colour, 1.2));
    colour.setAlpha(fillAlpha);
    g->setBrush(colour);
}

// The largest value and at least 0 (NaN ignored), for a value axis starting at 0.
double upperOf(const QVector<double>& v)
{
    double hi = 0;
    for (double x : v)
        hi = std::max(hi, x);
    return hi;
}

} // namespace

GeneView::GeneView(QWidget* parent) : QWidget(parent), m_plot(new QCustomPlot(this))
{
    auto* lay = new QVBoxLayout(this);
    lay->setContentsMargins(0, 0, 0, 0);
    lay->addWidget(m_plot);
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->setNoAntialiasingOnDrag(true);
    m_plot->setMouseTracking(true);
    connect(m_plot, &QCustomPlot::mouseMove, this, &GeneView::onMouseMove);
    setMinimumSize(500, 600);
    buildLayout(false, false);
}

GeneView::~GeneView() = default;

QCPGraph* GeneView::signalGraph(int mark) const
{
    return mark >= 0 && mark < int(m_signalGraphs.size()) ? m_signalGraphs[mark] : nullptr;
}

QFont GeneView::smallFont() const
{
    QFont f = font();
    f.setPointSizeF(8.5);
    return f;
}

void GeneView::buildLayout(bool withTrack, bool withAttribution)
{
    // Rebuilding is the slow path (new layout elements); it only happens when the set of panels
    // changes, so switching between genes of one cell type only replaces data. The x range the
    // user zoomed to is kept: the new panels' axes must not overwrite it while they are set up.
    const auto [lower, upper] = xRange();
    m_syncingRange = true;
    clearLayout();
    int row = 0;
    addHeader(&row);
    addSignalPanels(&row);
    m_alphaRect =
        addMapPanel(&row, QStringLiteral("α (bin attention)"), &m_alphaMap, &m_alphaScale);
    addAlphaNote();
    if (withAttribution) {
        // A qualifier such as "(from training-set mean)" on a line of its own: the rotated
        // label must not run past its panel into the α bar's tick labels.
        QString label = m_data.attributionName.isEmpty() ? QStringLiteral("attribution")
                                                         : m_data.attributionName;
        label.replace(QStringLiteral(" ("), QStringLiteral("\n("));
        m_attrRect = addMapPanel(&row, label, &m_attrMap, &m_attrScale);
    }
    if (withTrack)
        addTrackPanel(&row);
    // The lowest TSS rect carries the shared x axis labels.
    QCPAxis* bottom = m_tssRects.back()->axis(QCPAxis::atBottom);
    bottom->setTickLabels(true);
    bottom->setLabel(QStringLiteral("Position relative to TSS (bp)"));
    m_tssRects.back()->setMargins(QMargins(0, 2, 0, 0));
    m_tssRects.back()->setAutoMargins(QCP::msLeft | QCP::msRight | QCP::msBottom);
    addBetaPanel(&row);
    auto* L = m_plot->plotLayout();
    L->setRowSpacing(2);
    L->setColumnStretchFactor(0, 1.0);
    L->setColumnStretchFactor(1, 0.01);

    m_layoutHasTrack = withTrack;
    m_layoutHasAttr = withAttribution;
    m_layoutBuilt = true;
    m_syncingRange = false;
    for (QCPAxisRect* r : m_tssRects)
        r->axis(QCPAxis::atBottom)->setRange(lower, upper);
}

void GeneView::clearLayout()
{
    m_plot->clearPlottables();
    m_plot->clearItems();
    m_plot->plotLayout()->clear();
    m_signalRects.clear();
    m_signalGraphs.clear();
    m_tssRects.clear();
    m_alphaScale = m_attrScale = nullptr;
    m_alphaNote = nullptr;
    m_alphaMap = m_attrMap = nullptr;
    m_trackRect = m_attrRect = nullptr;
    m_trackGraph = nullptr;
    m_noDataRects.clear();
    m_margins = new QCPMarginGroup(m_plot);
}

void GeneView::addHeader(int* row)
{
    QFont titleFont = font();
    titleFont.setPointSizeF(11);
    titleFont.setBold(true);
    auto* L = m_plot->plotLayout();
    m_title = new QCPTextElement(m_plot, QStringLiteral("No gene selected"), titleFont);
    L->addElement((*row)++, 0, m_title);
    connect(m_title, &QCPTextElement::clicked, this, [this](QMouseEvent* event) {
        Q_EMIT headerClicked(event->globalPosition().toPoint());
    });
    m_prediction = new QCPTextElement(m_plot, QString(), smallFont());
    L->addElement((*row)++, 0, m_prediction);
    // A long header must not claim the width of the colour scales in a narrow (exported) figure:
    // a minimum width of its own replaces the width of its text.
    for (QCPTextElement* t : {m_title, m_prediction})
        t->setMinimumSize(QSize(1, 0));
}

QCPAxisRect* GeneView::addTssRect(int* row, const QString& yLabel, double stretch)
{
    auto* r = new QCPAxisRect(m_plot);
    styleRect(r, smallFont());
    r->axis(QCPAxis::atLeft)->setLabel(yLabel);
    r->axis(QCPAxis::atBottom)->setTickLabels(false);
    r->setMarginGroup(QCP::msLeft | QCP::msRight, m_margins);
    r->setAutoMargins(QCP::msLeft | QCP::msRight);
    r->setMargins(QMargins(0, 2, 0, 2));
    m_plot->plotLayout()->addElement(*row, 0, r);
    m_plot->plotLayout()->setRowStretchFactor(*row, stretch);
    ++*row;
    // TSS marker: a dashed vertical line at 0 bp.
    auto* tss = new QCPItemStraightLine(m_plot);
    tss->setClipAxisRect(r);
    tss->point1->setAxes(r->axis(QCPAxis::atBottom), r->axis(QCPAxis::atLeft));
    tss->point2->setAxes(r->axis(QCPAxis::atBottom), r->axis(QCPAxis::atLeft));
    tss->point1->setCoords(0, 0);
    tss->point2->setCoords(0, 1);
    tss->setPen(QPen(PlotPalette::tssLineColour(), 1, Qt::DashLine));
    tss->setLayer(QStringLiteral("axes"));
    m_tssRects.push_back(r);
    connect(r->axis(QCPAxis::atBottom), qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this,
            &GeneView::onXRangeChanged);
    return r;
}

void GeneView::addSignalPanels(int* row)
{
    for (int m = 0; m < m_data.markCount; ++m) {
        const QString name =
            m < m_data.markNames.size() ? m_data.markNames.at(m) : QString::number(m);
        auto* r = addTssRect(row, name, 1.0);
        r->axis(QCPAxis::atLeft)->ticker()->setTickCount(2);
        auto* g = m_plot->addGraph(r->axis(QCPAxis::atBottom), r->axis(QCPAxis::atLeft));
        styleStepGraph(g, PlotPalette::markColour(m), 70);
        m_signalRects.push_back(r);
        m_signalGraphs.push_back(g);
    }
}

QCPAxisRect* GeneView::addMapPanel(int* row, const QString& scaleLabel, QCPColorMap** map,
                                   QCPColorScale** scale)
{
    auto* r = addTssRect(row, QString(), 1.6);
    *map = AttentionHeatmap::create(r, m_data.markNames, m_data.markCount, m_data.binCount,
                                    m_data.windowStart, m_data.binSize);
    *scale = AttentionHeatmap::createScale(r, scaleLabel);
    (*scale)->axis()->setTickLabelFont(smallFont());
    (*scale)->axis()->setLabelFont(smallFont());
    AttentionHeatmap::keepWidthSteady(*scale);
    m_plot->plotLayout()->addElement(*row - 1, 1, *scale);
    (*map)->setColorScale(*scale);
    (*map)->setGradient(PlotPalette::gradient(m_gradient));
    return r;
}

void GeneView::addAlphaNote()
{
    m_alphaNote = new QCPItemText(m_plot);
    m_alphaNote->setClipAxisRect(m_alphaRect);
    m_alphaNote->position->setType(QCPItemPosition::ptAxisRectRatio);
    m_alphaNote->position->setAxisRect(m_alphaRect);
    m_alphaNote->position->setCoords(0.5, 0.5);
    m_alphaNote->setText(QStringLiteral("no attention values: train a run (Training tab) or pick "
                                        "one with results in the study tree"));
    m_alphaNote->setColor(QColor(90, 90, 90));
    m_alphaNote->setVisible(false);
}

void GeneView::addTrackPanel(int* row)
{
    m_trackRect = addTssRect(
        row, m_data.trackName.isEmpty() ? QStringLiteral("track") : m_data.trackName, 1.0);
    m_trackRect->axis(QCPAxis::atLeft)->ticker()->setTickCount(2);
    m_trackGraph =
        m_plot->addGraph(m_trackRect->axis(QCPAxis::atBottom), m_trackRect->axis(QCPAxis::atLeft));
    styleStepGraph(m_trackGraph, PlotPalette::trackColour(), 60);
}

void GeneView::addBetaPanel(int* row)
{
    // β: one bar per mark, below the TSS-aligned panels.
    m_betaRect = new QCPAxisRect(m_plot);
    styleRect(m_betaRect, smallFont());
    m_betaRect->setRangeDrag(Qt::Orientations());
    m_betaRect->setRangeZoom(Qt::Orientations());
    m_betaRect->setMarginGroup(QCP::msLeft | QCP::msRight, m_margins);
    m_plot->plotLayout()->addElement(*row, 0, m_betaRect);
    m_plot->plotLayout()->setRowStretchFactor(*row, 1.6);
    ++*row;
    MarkAxis::setupCategories(m_betaRect->axis(QCPAxis::atBottom), m_data.markNames,
                              m_data.markCount);
    m_betaRect->axis(QCPAxis::atLeft)->setLabel(QStringLiteral("β (mark attention)"));
    m_betaBars =
        new QCPBars(m_betaRect->axis(QCPAxis::atBottom), m_betaRect->axis(QCPAxis::atLeft));
    m_betaBars->setWidth(0.6);
    m_betaBars->setAntialiased(false);
    m_betaBars->setPen(QPen(PlotPalette::barOutlineColour()));
    m_betaBars->setBrush(PlotPalette::betaColour());
}

void GeneView::setData(const GeneViewData& data)
{
    const bool structureChanged =
        !m_layoutBuilt || data.markCount != m_data.markCount || data.binCount != m_data.binCount ||
        data.markNames != m_data.markNames || data.trackName != m_data.trackName ||
        (!data.track.empty()) != m_layoutHasTrack ||
        (!data.attribution.empty()) != m_layoutHasAttr ||
        data.attributionName != m_data.attributionName;
    if (data.windowStart != m_data.windowStart || data.binCount != m_data.binCount ||
        data.binSize != m_data.binSize)
        m_xLower = m_xUpper = 0; // another window: a zoom into the old one means nothing here
    m_data = data;
    if (structureChanged)
        buildLayout(!m_data.track.empty(), !m_data.attribution.empty());
    fillData();
}

void GeneView::fillData()
{
    QVector<double> keys(m_data.binCount);
    for (int b = 0; b < m_data.binCount; ++b)
        keys[b] = m_data.binCentre(b);
    fillHeader();
    fillSignals(keys);
    fillMap(m_alphaMap, m_data.alpha, true);
    fillMap(m_attrMap, m_data.attribution, false);
    fillTrack(keys);
    fillBeta();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void GeneView::fillHeader()
{
    const GeneViewData& d = m_data;
    const GeneRecord& g = d.gene;
    QString name = g.symbol.isEmpty() ? (g.ensemblId.isEmpty() ? g.remcId : g.ensemblId) : g.symbol;
    QStringList parts;
    parts << name;
    if (!g.ensemblId.isEmpty() && g.ensemblId != name)
        parts << g.ensemblId;
    if (!g.chrom.isEmpty() && g.tss > 0)
        parts << QStringLiteral("%1:%2").arg(g.chrom).arg(QLocale::c().toString(qlonglong(g.tss)));
    parts << QStringLiteral("strand %1").arg(QLatin1Char(g.strand));
    if (!d.cell.isEmpty())
        parts << d.cell;
    m_title->setText(parts.join(QStringLiteral("   ·   ")));

    QString pred;
    QColor predColour(60, 60, 60);
    QString labelText = d.label == 1   ? QStringLiteral("high")
                        : d.label == 0 ? QStringLiteral("low")
                                       : QStringLiteral("unknown");
    if (d.p >= 0) {
        const int predicted = d.p >= 0.5f ? 1 : 0;
        pred = QStringLiteral("p(high) = %1   true label: %2").arg(d.p, 0, 'f', 3).arg(labelText);
        if (d.label >= 0) {
            const bool correct = predicted == d.label;
            pred += correct ? QStringLiteral("   ✔ correct") : QStringLiteral("   ✘ incorrect");
            predColour = correct ? QColor(0x1a, 0x8a, 0x3a) : QColor(0xc0, 0x20, 0x20);
        }
        if (!d.runId.isEmpty())
            pred += QStringLiteral("   (run %1%2)")
                        .arg(d.runId, d.runIsActive ? QStringLiteral(", active")
                                                    : QStringLiteral(", not the active run"));
    } else {
        pred = QStringLiteral("no run results   true label: %1").arg(labelText);
    }
    m_prediction->setText(pred);
    m_prediction->setTextColor(predColour);
}

void GeneView::fillSignals(const QVector<double>& keys)
{
    const GeneViewData& d = m_data;
    const bool valuesOk = d.values.size() == std::size_t(d.binCount) * d.markCount;
    QVector<double> vals(d.binCount);
    for (int m = 0; m < d.markCount && m < int(m_signalGraphs.size()); ++m) {
        if (!valuesOk) {
            m_signalGraphs[m]->data()->clear();
            continue;
        }
        for (int b = 0; b < d.binCount; ++b)
            vals[b] = d.value(b, m);
        const double hi = upperOf(vals);
        m_signalGraphs[m]->setData(keys, vals, true);
        m_signalRects[m]->axis(QCPAxis::atLeft)->setRange(0, hi > 0 ? hi * 1.1 : 1.0);
    }
}

void GeneView::fillMap(QCPColorMap* map, const std::vector<float>& values, bool isAlpha)
{
    if (!map)
        return;
    const bool missing = !AttentionHeatmap::fill(map, values);
    if (map->colorScale())
        map->colorScale()->setVisible(!missing);
    if (map == m_alphaMap && m_alphaNote)
        m_alphaNote->setVisible(missing);
    if (missing)
        return;
    if (!isAlpha && m_data.attributionSigned) {
        AttentionHeatmap::applyDiverging(map, values);
        return;
    }
    // α: the chosen scale, with uniform attention (1/bins) marked on the bar. An unsigned
    // attribution map: 0 … its largest value, so that no offset reads as structure.
    const AlphaScale scale = isAlpha ? m_colourScale : AlphaScale(AlphaScale::Mode::GeneMax, 0);
    double lower = 0, upper = 1;
    scale.range(values, m_data.binCount, &lower, &upper);
    AttentionHeatmap::applySequential(map, m_gradient, lower, upper, scale.isFixed(),
                                      isAlpha ? 1.0 / std::max(1, m_data.binCount) : 0.0);
}

void GeneView::fillTrack(const QVector<double>& keys)
{
    for (QCPItemRect* r : m_noDataRects)
        m_plot->removeItem(r);
    m_noDataRects.clear();
    if (!m_trackGraph)
        return;
    if (m_data.track.size() != std::size_t(m_data.binCount)) {
        m_trackGraph->data()->clear();
        return;
    }
    // NaN stays NaN: the line breaks there and markMissingTrackBins() hatches the gap.
    QVector<double> t(m_data.binCount);
    for (int b = 0; b < m_data.binCount; ++b)
        t[b] = m_data.track[b];
    const double hi = upperOf(t);
    m_trackGraph->setData(keys, t, true);
    m_trackRect->axis(QCPAxis::atLeft)->setRange(0, hi > 0 ? hi * 1.1 : 1.0);
    markMissingTrackBins();
}

void GeneView::markMissingTrackBins()
{
    QCPAxis* x = m_trackRect->axis(QCPAxis::atBottom);
    QCPAxis* y = m_trackRect->axis(QCPAxis::atLeft);
    for (int b = 0; b < m_data.binCount;) {
        if (!std::isnan(m_data.track[b])) {
            ++b;
            continue;
        }
        const int first = b;
        while (b < m_data.binCount && std::isnan(m_data.track[b]))
            ++b;
        auto* r = new QCPItemRect(m_plot);
        r->setClipAxisRect(m_trackRect);
        for (QCPItemPosition* p : {r->topLeft, r->bottomRight}) {
            p->setAxes(x, y);
            p->setTypeY(QCPItemPosition::ptAxisRectRatio);
            p->setAxisRect(m_trackRect);
        }
        r->topLeft->setCoords(m_data.windowStart + double(first) * m_data.binSize, 0);
        r->bottomRight->setCoords(m_data.windowStart + double(b) * m_data.binSize, 1);
        r->setPen(Qt::NoPen);
        r->setBrush(PlotPalette::noDataBrush());
        m_noDataRects.push_back(r);
    }
}

void GeneView::fillBeta()
{
    const int marks = m_data.markCount;
    if (m_data.beta.size() != std::size_t(marks)) {
        m_betaBars->data()->clear();
        return;
    }
    QVector<double> k(marks), v(marks);
    for (int m = 0; m < marks; ++m) {
        k[m] = m;
        v[m] = m_data.beta[m];
    }
    const double hi = upperOf(v);
    m_betaBars->setData(k, v, true);
    m_betaRect->axis(QCPAxis::atLeft)->setRange(0, hi > 0 ? hi * 1.15 : 1.0);
}

void GeneView::setGradient(const QString& name)
{
    m_gradient = PlotPalette::gradientNames().contains(name) ? name : QStringLiteral("Viridis");
    fillData();
}

void GeneView::setAlphaScale(const AlphaScale& scale)
{
    m_colourScale = scale;
    fillData();
}

void GeneView::setXRange(double lower, double upper)
{
    m_xLower = lower;
    m_xUpper = upper;
    if (!m_tssRects.empty())
        m_tssRects.front()->axis(QCPAxis::atBottom)->setRange(lower, upper);
}

std::pair<double, double> GeneView::xRange() const
{
    if (m_xUpper > m_xLower)
        return {m_xLower, m_xUpper};
    return {m_data.windowStart, m_data.windowStart + double(m_data.binCount) * m_data.binSize};
}

bool GeneView::isZoomed() const
{
    const double whole = double(m_data.binCount) * m_data.binSize;
    const auto [lower, upper] = xRange();
    return std::abs(lower - m_data.windowStart) > 1e-6 * whole ||
           std::abs(upper - (m_data.windowStart + whole)) > 1e-6 * whole;
}

void GeneView::onXRangeChanged()
{
    // Linked zoom/pan: whichever TSS axis moved, all others follow.
    if (m_syncingRange)
        return;
    auto* src = qobject_cast<QCPAxis*>(sender());
    if (!src)
        return;
    m_syncingRange = true;
    m_xLower = src->range().lower;
    m_xUpper = src->range().upper;
    for (QCPAxisRect* r : m_tssRects)
        if (r->axis(QCPAxis::atBottom) != src)
            r->axis(QCPAxis::atBottom)->setRange(src->range());
    m_syncingRange = false;
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

QString GeneView::describe(double x) const
{
    const GeneViewData& d = m_data;
    const int bin = int(std::floor((x - d.windowStart) / d.binSize));
    if (bin < 0 || bin >= d.binCount)
        return QString();
    const int start = d.windowStart + bin * d.binSize;
    QString text =
        QStringLiteral("bin %1 (%2 … %3 bp)").arg(bin + 1).arg(start).arg(start + d.binSize);
    const GeneRecord& g = d.gene;
    if (!g.chrom.isEmpty() && g.tss > 0) {
        // Bin 0 is upstream in the gene's orientation: on '-' genomic coordinates run backwards.
        const qint64 off = g.strand == '-' ? -qint64(start) - d.binSize + 1 : qint64(start);
        text += QStringLiteral("\n%1:%2-%3")
                    .arg(g.chrom)
                    .arg(g.tss + off)
                    .arg(g.tss + off + d.binSize - 1);
    }
    const bool valuesOk = d.values.size() == std::size_t(d.binCount) * d.markCount;
    const bool alphaOk = d.alpha.size() == std::size_t(d.binCount) * d.markCount;
    for (int m = 0; m < d.markCount; ++m) {
        text += QStringLiteral("\n%1:").arg(m < d.markNames.size() ? d.markNames.at(m)
                                                                   : QString::number(m));
        if (valuesOk)
            text += QStringLiteral(" signal %1").arg(d.value(bin, m), 0, 'g', 4);
        if (alphaOk)
            text += QStringLiteral("  α %1").arg(d.alphaAt(m, bin), 0, 'g', 4);
    }
    if (d.track.size() == std::size_t(d.binCount))
        text +=
            QStringLiteral("\n%1: %2")
                .arg(d.trackName, std::isnan(d.track[bin]) ? QStringLiteral("no data")
                                                           : QString::number(d.track[bin], 'g', 4));
    return text;
}

void GeneView::onMouseMove(QMouseEvent* event)
{
    const QPointF pos = event->position();
    for (QCPAxisRect* r : m_tssRects) {
        if (r->rect().contains(pos.toPoint())) {
            const QString t = describe(r->axis(QCPAxis::atBottom)->pixelToCoord(pos.x()));
            if (!t.isEmpty()) {
                QToolTip::showText(event->globalPosition().toPoint(), t, m_plot);
                Q_EMIT hovered(t);
            }
            return;
        }
    }
    QToolTip::hideText();
}

} // namespace ac
