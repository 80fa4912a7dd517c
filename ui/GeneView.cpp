#include "GeneView.h"

#include "QcpInclude.h"

#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace ac {

namespace {

const QColor kMarkColours[] = {QColor(0x1f, 0x77, 0xb4), QColor(0x2c, 0xa0, 0x2c),
                               QColor(0xff, 0x7f, 0x0e), QColor(0xd6, 0x27, 0x28),
                               QColor(0x94, 0x67, 0xbd)};

QColor markColour(int m) { return kMarkColours[m % 5]; }

QCPColorGradient gradientByName(const QString& name)
{
    QCPColorGradient g;
    if (name == QLatin1String("Hot")) g = QCPColorGradient(QCPColorGradient::gpHot);
    else if (name == QLatin1String("Grayscale")) g = QCPColorGradient(QCPColorGradient::gpGrayscale);
    else if (name == QLatin1String("Jet")) g = QCPColorGradient(QCPColorGradient::gpJet);
    else if (name == QLatin1String("Thermal")) g = QCPColorGradient(QCPColorGradient::gpThermal);
    else {
        // Viridis-like: perceptually ordered, readable in greyscale print.
        g.clearColorStops();
        g.setColorStopAt(0.0, QColor(68, 1, 84));
        g.setColorStopAt(0.25, QColor(59, 82, 139));
        g.setColorStopAt(0.5, QColor(33, 145, 140));
        g.setColorStopAt(0.75, QColor(94, 201, 98));
        g.setColorStopAt(1.0, QColor(253, 231, 37));
    }
    // Missing values (no run, wrong sizes) must not look like low attention.
    g.setNanHandling(QCPColorGradient::nhTransparent);
    return g;
}

QSharedPointer<QCPAxisTickerText> markTicker(const QStringList& names)
{
    auto t = QSharedPointer<QCPAxisTickerText>::create();
    for (int m = 0; m < names.size(); ++m) t->addTick(m, names.at(m));
    return t;
}

void styleRect(QCPAxisRect* r, const QFont& f)
{
    for (QCPAxis* a : r->axes()) {
        a->setTickLabelFont(f);
        a->setLabelFont(f);
    }
    r->setRangeDrag(Qt::Horizontal);
    r->setRangeZoom(Qt::Horizontal);
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

QCPColorGradient GeneView::colorGradient(const QString& name) { return gradientByName(name); }

QStringList GeneView::gradientNames()
{
    return {QStringLiteral("Viridis"), QStringLiteral("Hot"), QStringLiteral("Thermal"),
            QStringLiteral("Jet"), QStringLiteral("Grayscale")};
}

QCPGraph* GeneView::signalGraph(int mark) const
{
    return mark >= 0 && mark < int(m_signalGraphs.size()) ? m_signalGraphs[mark] : nullptr;
}

void GeneView::buildLayout(bool withTrack, bool withAttribution)
{
    // Rebuilding is the slow path (new layout elements); it only happens when the set of panels
    // changes, so switching between genes of one cell type only replaces data.
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
    m_margins = new QCPMarginGroup(m_plot);

    QFont f = font();
    f.setPointSizeF(8.5);
    QFont titleFont = font();
    titleFont.setPointSizeF(11);
    titleFont.setBold(true);

    auto* L = m_plot->plotLayout();
    int row = 0;
    m_title = new QCPTextElement(m_plot, QStringLiteral("No gene selected"), titleFont);
    L->addElement(row++, 0, m_title);
    m_prediction = new QCPTextElement(m_plot, QString(), f);
    L->addElement(row++, 0, m_prediction);

    const int marks = m_data.markCount;
    const double x0 = m_data.windowStart;
    const double x1 = m_data.windowStart + double(m_data.binCount) * m_data.binSize;
    auto addTssRect = [&](const QString& yLabel, double stretch) {
        auto* r = new QCPAxisRect(m_plot);
        styleRect(r, f);
        r->axis(QCPAxis::atLeft)->setLabel(yLabel);
        r->axis(QCPAxis::atBottom)->setRange(x0, x1);
        r->axis(QCPAxis::atBottom)->setTickLabels(false);
        r->setMarginGroup(QCP::msLeft | QCP::msRight, m_margins);
        r->setAutoMargins(QCP::msLeft | QCP::msRight);
        r->setMargins(QMargins(0, 2, 0, 2));
        L->addElement(row, 0, r);
        L->setRowStretchFactor(row, stretch);
        ++row;
        // TSS marker: a dashed vertical line at 0 bp.
        auto* tss = new QCPItemStraightLine(m_plot);
        tss->setClipAxisRect(r);
        tss->point1->setAxes(r->axis(QCPAxis::atBottom), r->axis(QCPAxis::atLeft));
        tss->point2->setAxes(r->axis(QCPAxis::atBottom), r->axis(QCPAxis::atLeft));
        tss->point1->setCoords(0, 0);
        tss->point2->setCoords(0, 1);
        tss->setPen(QPen(QColor(120, 120, 120), 1, Qt::DashLine));
        tss->setLayer(QStringLiteral("axes"));
        m_tssRects.push_back(r);
        connect(r->axis(QCPAxis::atBottom), qOverload<const QCPRange&>(&QCPAxis::rangeChanged),
                this, &GeneView::onXRangeChanged);
        return r;
    };

    for (int m = 0; m < marks; ++m) {
        QString name = m < m_data.markNames.size() ? m_data.markNames.at(m) : QString::number(m);
        auto* r = addTssRect(name, 1.0);
        r->axis(QCPAxis::atLeft)->setLabelFont(f);
        r->axis(QCPAxis::atLeft)->ticker()->setTickCount(2);
        auto* g = m_plot->addGraph(r->axis(QCPAxis::atBottom), r->axis(QCPAxis::atLeft));
        g->setLineStyle(QCPGraph::lsStepCenter);
        // Step lines and fills are axis-aligned: antialiasing only blurs them and costs most of
        // a gene switch's redraw time.
        g->setAntialiased(false);
        g->setAntialiasedFill(false);
        QColor c = markColour(m);
        g->setPen(QPen(c, 1.2));
        c.setAlpha(70);
        g->setBrush(c);
        m_signalRects.push_back(r);
        m_signalGraphs.push_back(g);
    }

    auto addMap = [&](const QString& label, QCPColorMap** map, QCPColorScale** scale,
                      const QString& scaleLabel) {
        auto* r = addTssRect(label, 1.6);
        r->axis(QCPAxis::atLeft)->setTicker(markTicker(m_data.markNames));
        r->axis(QCPAxis::atLeft)->setRange(-0.5, marks - 0.5);
        r->axis(QCPAxis::atLeft)->setRangeReversed(true);
        r->axis(QCPAxis::atLeft)->grid()->setVisible(false);
        r->axis(QCPAxis::atBottom)->grid()->setVisible(false);
        r->axis(QCPAxis::atLeft)->setLabel(QString());
        *map = new QCPColorMap(r->axis(QCPAxis::atBottom), r->axis(QCPAxis::atLeft));
        (*map)->data()->setSize(m_data.binCount, marks);
        (*map)->data()->setRange(QCPRange(m_data.binCentre(0), m_data.binCentre(m_data.binCount - 1)),
                                 QCPRange(0, marks - 1));
        (*map)->setInterpolate(false);
        *scale = new QCPColorScale(m_plot);
        (*scale)->setType(QCPAxis::atRight);
        (*scale)->axis()->setLabel(scaleLabel);
        (*scale)->axis()->setTickLabelFont(f);
        (*scale)->axis()->setLabelFont(f);
        (*scale)->setBarWidth(10);
        L->addElement(row - 1, 1, *scale);
        auto* scaleGroup = new QCPMarginGroup(m_plot);
        r->setMarginGroup(QCP::msTop | QCP::msBottom, scaleGroup);
        (*scale)->setMarginGroup(QCP::msTop | QCP::msBottom, scaleGroup);
        (*map)->setColorScale(*scale);
        (*map)->setGradient(GeneView::colorGradient(m_gradient));
        return r;
    };
    m_alphaRect = addMap(QStringLiteral("α"), &m_alphaMap, &m_alphaScale,
                         QStringLiteral("α (bin attention)"));
    m_alphaNote = new QCPItemText(m_plot);
    m_alphaNote->setClipAxisRect(m_alphaRect);
    m_alphaNote->position->setType(QCPItemPosition::ptAxisRectRatio);
    m_alphaNote->position->setAxisRect(m_alphaRect);
    m_alphaNote->position->setCoords(0.5, 0.5);
    m_alphaNote->setText(QStringLiteral("no attention values: train a run (Training tab) or pick one with results in the study tree"));
    m_alphaNote->setColor(QColor(90, 90, 90));
    m_alphaNote->setVisible(false);
    if (withAttribution)
        m_attrRect = addMap(QStringLiteral("attr"), &m_attrMap, &m_attrScale,
                            m_data.attributionName.isEmpty() ? QStringLiteral("attribution")
                                                             : m_data.attributionName);
    if (withTrack) {
        m_trackRect = addTssRect(m_data.trackName.isEmpty() ? QStringLiteral("track")
                                                            : m_data.trackName, 1.0);
        m_trackRect->axis(QCPAxis::atLeft)->ticker()->setTickCount(2);
        m_trackGraph = m_plot->addGraph(m_trackRect->axis(QCPAxis::atBottom),
                                        m_trackRect->axis(QCPAxis::atLeft));
        m_trackGraph->setLineStyle(QCPGraph::lsStepCenter);
        m_trackGraph->setAntialiased(false);
        m_trackGraph->setAntialiasedFill(false);
        m_trackGraph->setPen(QPen(QColor(60, 60, 60), 1.2));
        m_trackGraph->setBrush(QColor(60, 60, 60, 60));
    }
    // The lowest TSS rect carries the shared x axis labels.
    QCPAxis* bottom = m_tssRects.back()->axis(QCPAxis::atBottom);
    bottom->setTickLabels(true);
    bottom->setLabel(QStringLiteral("Position relative to TSS (bp)"));
    m_tssRects.back()->setMargins(QMargins(0, 2, 0, 0));
    m_tssRects.back()->setAutoMargins(QCP::msLeft | QCP::msRight | QCP::msBottom);

    // β: one bar per mark, below the TSS-aligned panels.
    m_betaRect = new QCPAxisRect(m_plot);
    styleRect(m_betaRect, f);
    m_betaRect->setRangeDrag(Qt::Orientations());
    m_betaRect->setRangeZoom(Qt::Orientations());
    m_betaRect->setMarginGroup(QCP::msLeft | QCP::msRight, m_margins);
    L->addElement(row, 0, m_betaRect);
    L->setRowStretchFactor(row, 1.6);
    ++row;
    m_betaRect->axis(QCPAxis::atBottom)->setTicker(markTicker(m_data.markNames));
    m_betaRect->axis(QCPAxis::atBottom)->setRange(-0.6, marks - 0.4);
    m_betaRect->axis(QCPAxis::atBottom)->grid()->setVisible(false);
    m_betaRect->axis(QCPAxis::atLeft)->setLabel(QStringLiteral("β (mark attention)"));
    m_betaBars = new QCPBars(m_betaRect->axis(QCPAxis::atBottom), m_betaRect->axis(QCPAxis::atLeft));
    m_betaBars->setWidth(0.6);
    m_betaBars->setAntialiased(false);
    m_betaBars->setPen(QPen(QColor(40, 40, 40)));
    m_betaBars->setBrush(QColor(0x4c, 0x72, 0xb0));
    L->setRowSpacing(2);
    L->setColumnStretchFactor(0, 1.0);
    L->setColumnStretchFactor(1, 0.01);

    m_layoutHasTrack = withTrack;
    m_layoutHasAttr = withAttribution;
    m_layoutBuilt = true;
}

void GeneView::setData(const GeneViewData& data)
{
    const bool structureChanged = !m_layoutBuilt || data.markCount != m_data.markCount
        || data.binCount != m_data.binCount || data.markNames != m_data.markNames
        || data.trackName != m_data.trackName
        || (!data.track.empty()) != m_layoutHasTrack
        || (!data.attribution.empty()) != m_layoutHasAttr
        || data.attributionName != m_data.attributionName;
    m_data = data;
    if (structureChanged) buildLayout(!m_data.track.empty(), !m_data.attribution.empty());
    fillData();
}

void GeneView::fillData()
{
    const GeneViewData& d = m_data;
    const int bins = d.binCount, marks = d.markCount;
    const bool valuesOk = d.values.size() == std::size_t(bins) * marks;

    const GeneRecord& g = d.gene;
    QString name = g.symbol.isEmpty() ? (g.ensemblId.isEmpty() ? g.remcId : g.ensemblId) : g.symbol;
    QStringList parts;
    parts << name;
    if (!g.ensemblId.isEmpty() && g.ensemblId != name) parts << g.ensemblId;
    if (!g.chrom.isEmpty() && g.tss > 0)
        parts << QStringLiteral("%1:%2").arg(g.chrom).arg(QLocale::c().toString(qlonglong(g.tss)));
    parts << QStringLiteral("strand %1").arg(QLatin1Char(g.strand));
    if (!d.cell.isEmpty()) parts << d.cell;
    m_title->setText(parts.join(QStringLiteral("   ·   ")));

    QString pred;
    QColor predColour(60, 60, 60);
    QString labelText = d.label == 1 ? QStringLiteral("high") : d.label == 0 ? QStringLiteral("low")
                                                                            : QStringLiteral("unknown");
    if (d.p >= 0) {
        const int predicted = d.p >= 0.5f ? 1 : 0;
        pred = QStringLiteral("p(high) = %1   true label: %2").arg(d.p, 0, 'f', 3).arg(labelText);
        if (d.label >= 0) {
            const bool correct = predicted == d.label;
            pred += correct ? QStringLiteral("   ✔ correct") : QStringLiteral("   ✘ incorrect");
            predColour = correct ? QColor(0x1a, 0x8a, 0x3a) : QColor(0xc0, 0x20, 0x20);
        }
        if (!d.runId.isEmpty()) pred += QStringLiteral("   (run %1)").arg(d.runId);
    } else {
        pred = QStringLiteral("no run results   true label: %1").arg(labelText);
    }
    m_prediction->setText(pred);
    m_prediction->setTextColor(predColour);

    QVector<double> keys(bins), vals(bins);
    for (int b = 0; b < bins; ++b) keys[b] = d.binCentre(b);
    for (int m = 0; m < marks && m < int(m_signalGraphs.size()); ++m) {
        if (valuesOk) {
            double hi = 0;
            for (int b = 0; b < bins; ++b) {
                vals[b] = d.value(b, m);
                hi = std::max(hi, vals[b]);
            }
            m_signalGraphs[m]->setData(keys, vals, true);
            m_signalRects[m]->axis(QCPAxis::atLeft)->setRange(0, hi > 0 ? hi * 1.1 : 1.0);
        } else {
            m_signalGraphs[m]->data()->clear();
        }
    }

    auto fillMap = [&](QCPColorMap* map, const std::vector<float>& a, bool fixedAllowed) {
        if (!map) return;
        auto* md = map->data();
        const bool missing = a.size() != std::size_t(bins) * marks;
        if (map->colorScale()) map->colorScale()->setVisible(!missing);
        if (QCPItemText* note = map == m_alphaMap ? m_alphaNote : nullptr) note->setVisible(missing);
        if (missing) {
            md->fill(std::nan(""));
            return;
        }
        for (int m = 0; m < marks; ++m)
            for (int b = 0; b < bins; ++b) md->setCell(b, m, a[std::size_t(m) * bins + b]);
        if (fixedAllowed && m_rangeMode == RangeMode::Fixed) {
            map->setDataRange(QCPRange(m_fixedLower, m_fixedUpper));
        } else {
            auto [lo, hi] = std::minmax_element(a.begin(), a.end());
            double l = *lo, h = *hi;
            if (h <= l) h = l + 1e-6;
            map->setDataRange(QCPRange(l, h));
        }
    };
    fillMap(m_alphaMap, d.alpha, true);
    fillMap(m_attrMap, d.attribution, false);

    if (m_trackGraph) {
        if (d.track.size() == std::size_t(bins)) {
            double hi = 0;
            QVector<double> t(bins);
            for (int b = 0; b < bins; ++b) {
                t[b] = std::isnan(d.track[b]) ? 0.0 : d.track[b];
                hi = std::max(hi, t[b]);
            }
            m_trackGraph->setData(keys, t, true);
            m_trackRect->axis(QCPAxis::atLeft)->setRange(0, hi > 0 ? hi * 1.1 : 1.0);
        } else {
            m_trackGraph->data()->clear();
        }
    }

    if (d.beta.size() == std::size_t(marks)) {
        QVector<double> k(marks), v(marks);
        double hi = 0;
        for (int m = 0; m < marks; ++m) {
            k[m] = m;
            v[m] = d.beta[m];
            hi = std::max(hi, v[m]);
        }
        m_betaBars->setData(k, v, true);
        m_betaRect->axis(QCPAxis::atLeft)->setRange(0, hi > 0 ? hi * 1.15 : 1.0);
    } else {
        m_betaBars->data()->clear();
    }
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void GeneView::setGradient(const QString& name)
{
    m_gradient = gradientNames().contains(name) ? name : QStringLiteral("Viridis");
    if (m_alphaMap) m_alphaMap->setGradient(GeneView::colorGradient(m_gradient));
    if (m_attrMap) m_attrMap->setGradient(GeneView::colorGradient(m_gradient));
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void GeneView::setRange(RangeMode mode, double lower, double upper)
{
    m_rangeMode = mode;
    m_fixedLower = lower;
    m_fixedUpper = upper > lower ? upper : lower + 1e-6;
    fillData();
}

void GeneView::setXRange(double lower, double upper)
{
    if (!m_tssRects.empty()) m_tssRects.front()->axis(QCPAxis::atBottom)->setRange(lower, upper);
}

void GeneView::onXRangeChanged()
{
    // Linked zoom/pan: whichever TSS axis moved, all others follow.
    if (m_syncingRange) return;
    auto* src = qobject_cast<QCPAxis*>(sender());
    if (!src) return;
    m_syncingRange = true;
    for (QCPAxisRect* r : m_tssRects)
        if (r->axis(QCPAxis::atBottom) != src) r->axis(QCPAxis::atBottom)->setRange(src->range());
    m_syncingRange = false;
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

QString GeneView::describe(double x) const
{
    const GeneViewData& d = m_data;
    const int bin = int(std::floor((x - d.windowStart) / d.binSize));
    if (bin < 0 || bin >= d.binCount) return QString();
    const int start = d.windowStart + bin * d.binSize;
    QString text = QStringLiteral("bin %1 (%2 … %3 bp)").arg(bin + 1).arg(start).arg(start + d.binSize);
    const GeneRecord& g = d.gene;
    if (!g.chrom.isEmpty() && g.tss > 0) {
        // Bin 0 is upstream in the gene's orientation: on '-' genomic coordinates run backwards.
        const qint64 off = g.strand == '-' ? -qint64(start) - d.binSize + 1 : qint64(start);
        text += QStringLiteral("\n%1:%2-%3").arg(g.chrom).arg(g.tss + off).arg(g.tss + off + d.binSize - 1);
    }
    const bool valuesOk = d.values.size() == std::size_t(d.binCount) * d.markCount;
    const bool alphaOk = d.alpha.size() == std::size_t(d.binCount) * d.markCount;
    for (int m = 0; m < d.markCount; ++m) {
        text += QStringLiteral("\n%1:").arg(m < d.markNames.size() ? d.markNames.at(m) : QString::number(m));
        if (valuesOk) text += QStringLiteral(" signal %1").arg(d.value(bin, m), 0, 'g', 4);
        if (alphaOk) text += QStringLiteral("  α %1").arg(d.alphaAt(m, bin), 0, 'g', 4);
    }
    if (d.track.size() == std::size_t(d.binCount))
        text += QStringLiteral("\n%1: %2").arg(d.trackName).arg(d.track[bin], 0, 'g', 4);
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
