#include "CompareView.h"

#include "AttentionHeatmap.h"
#include "MarkAxis.h"
#include "PlotPalette.h"
#include "QcpInclude.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMouseEvent>
#include <QSplitter>
#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>

namespace ac
{

namespace
{

QFont smallFont(const QFont& base)
{
    QFont f = base;
    f.setPointSizeF(8.5);
    return f;
}

// An α heatmap rect: x = TSS-relative bp, y = marks (top to bottom).
QCPColorMap* addHeatmap(QCustomPlot* plot, QCPAxisRect* r, int marks, const QStringList& names,
                        bool showMarkNames)
{
    for (QCPAxis* a : r->axes()) {
        a->setTickLabelFont(smallFont(plot->font()));
        a->setLabelFont(smallFont(plot->font()));
        a->grid()->setVisible(false);
    }
    QCPColorMap* map = AttentionHeatmap::create(r, names, marks, remc::kBinCount,
                                                remc::kWindowStart, remc::kBinSize);
    r->axis(QCPAxis::atLeft)->setTickLabels(showMarkNames);
    r->axis(QCPAxis::atBottom)->setLabel(QStringLiteral("bp from TSS"));
    return map;
}

QCPBars* addBetaBars(QCPAxisRect* r, const QStringList& names, const QColor& colour)
{
    QCPAxis* x = r->axis(QCPAxis::atBottom);
    MarkAxis::setupCategories(x, names);
    x->setTickLabelRotation(35);
    auto* bars = new QCPBars(x, r->axis(QCPAxis::atLeft));
    bars->setWidth(0.6);
    bars->setPen(QPen(PlotPalette::barOutlineColour()));
    bars->setBrush(colour);
    return bars;
}

// Fills `map` with marks × bins `a`; NaN when absent or the wrong size.
void fillMap(QCPColorMap* map, const std::vector<float>& a, int marks, int bins)
{
    AttentionHeatmap::setShape(map, marks, bins, remc::kWindowStart, remc::kBinSize);
    AttentionHeatmap::fill(map, a);
}

void fillBars(QCPBars* bars, const std::vector<float>& v, double offset = 0.0)
{
    QVector<double> k, y;
    for (std::size_t m = 0; m < v.size(); ++m) {
        k << double(m) + offset;
        y << v[m];
    }
    bars->setData(k, y, true);
}

} // namespace

CompareView::CompareView(QWidget* parent) : QWidget(parent)
{
    m_cellList = new QListWidget(this);
    m_cellList->setFlow(QListView::LeftToRight);
    m_cellList->setMaximumHeight(34);
    m_cellList->setMinimumWidth(100);
    m_cellList->setSpacing(2);
    connect(m_cellList, &QListWidget::itemChanged, this,
            [this] { Q_EMIT checkedCellsChanged(checkedCells()); });
    m_geneLabel = new QLabel(QStringLiteral("Select a gene."), this);
    m_genePlot = new QCustomPlot(this);
    m_aggPlot = new QCustomPlot(this);
    // Explicit minimum sizes: the plots' own hints add up every panel's margins (971 px wide with
    // three cell types), which made the window wider than a 1,366 px screen (issue 14).
    m_genePlot->setMinimumSize(420, 200);
    m_aggPlot->setMinimumSize(420, 140);
    for (QCustomPlot* plot : {m_genePlot, m_aggPlot})
        connect(plot, &QCustomPlot::mouseMove, this,
                [this, plot](QMouseEvent* e) { onMouseMove(plot, e); });

    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(QStringLiteral("Cell types:"), this));
    top->addWidget(m_cellList, 1);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_genePlot);
    split->addWidget(m_aggPlot);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setSizes({540, 360}); // the per-cell heatmaps need the height more than the averages
    auto* lay = new QVBoxLayout(this);
    lay->addLayout(top);
    lay->addWidget(m_geneLabel);
    lay->addWidget(split, 1);
    buildAggregateLayout();
    setGenes({});
}

CompareView::~CompareView() = default;

QString CompareView::geneLabelText() const
{
    return m_geneLabel->text();
}

QString CompareView::panelTitle(const QCPAxisRect* rect) const
{
    for (std::size_t c = 0; c < m_geneMaps.size(); ++c)
        if (m_geneMaps[c]->keyAxis()->axisRect() == rect ||
            m_geneBetas[c]->keyAxis()->axisRect() == rect)
            return m_columnCells.value(int(c));
    if (m_onMap->keyAxis()->axisRect() == rect)
        return QStringLiteral("ON genes (mean)");
    if (m_offMap->keyAxis()->axisRect() == rect)
        return QStringLiteral("OFF genes (mean)");
    if (m_betaOnBars->keyAxis()->axisRect() == rect)
        return QStringLiteral("mean β");
    return {};
}

QString CompareView::hoverText(const QCustomPlot* plot, const QPointF& pos) const
{
    const QCPAxisRect* rect = plot->axisRectAt(pos);
    const QString title = rect ? panelTitle(rect) : QString();
    if (title.isEmpty())
        return {};
    const double x = rect->axis(QCPAxis::atBottom)->pixelToCoord(pos.x());
    const double y = rect->axis(QCPAxis::atLeft)->pixelToCoord(pos.y());
    const auto number = [](double v) {
        return std::isnan(v) ? QStringLiteral("none") : QString::number(v, 'f', 4);
    };
    for (QCPAbstractPlottable* p : rect->plottables()) {
        if (auto* map = qobject_cast<QCPColorMap*>(p)) {
            int bin = -1, mark = -1;
            map->data()->coordToCell(x, y, &bin, &mark);
            if (bin < 0 || bin >= map->data()->keySize() || mark < 0 ||
                mark >= map->data()->valueSize())
                return {};
            const int start = remc::kWindowStart + bin * remc::kBinSize;
            return QStringLiteral("%1 · %2 · bin %3 (%4 … %5 bp) · α %6")
                .arg(title, m_markNames.value(mark), QString::number(bin + 1),
                     QString::number(start), QString::number(start + remc::kBinSize),
                     number(map->data()->cell(bin, mark)));
        }
    }
    const int mark = int(std::lround(x));
    if (mark < 0 || mark >= m_markNames.size())
        return {};
    QStringList values;
    for (QCPAbstractPlottable* p : rect->plottables())
        if (auto* bars = qobject_cast<QCPBars*>(p))
            for (auto it = bars->data()->constBegin(); it != bars->data()->constEnd(); ++it)
                if (std::lround(it->key) == mark)
                    values << (bars->name().isEmpty() ? QString()
                                                      : bars->name() + QLatin1Char(' ')) +
                                  number(it->value);
    if (values.isEmpty())
        return {};
    return QStringLiteral("%1 · %2 · β %3")
        .arg(title, m_markNames.value(mark), values.join(QStringLiteral(", ")));
}

void CompareView::onMouseMove(QCustomPlot* plot, QMouseEvent* event)
{
    const QString t = hoverText(plot, event->position());
    if (t.isEmpty()) {
        QToolTip::hideText();
        return;
    }
    QToolTip::showText(event->globalPosition().toPoint(), t, plot);
    Q_EMIT hovered(t);
}

void CompareView::setAvailableCells(const QStringList& cells, const QStringList& checked)
{
    QSignalBlocker block(m_cellList);
    m_cellList->clear();
    for (const QString& c : cells) {
        auto* it = new QListWidgetItem(c, m_cellList);
        it->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        it->setCheckState(checked.contains(c) ? Qt::Checked : Qt::Unchecked);
    }
}

QStringList CompareView::checkedCells() const
{
    QStringList out;
    for (int i = 0; i < m_cellList->count(); ++i)
        if (m_cellList->item(i)->checkState() == Qt::Checked)
            out << m_cellList->item(i)->text();
    return out;
}

void CompareView::buildGeneLayout(int columns, int marks, const QStringList& names)
{
    m_genePlot->clearPlottables();
    m_genePlot->plotLayout()->clear();
    m_geneMaps.clear();
    m_geneBetas.clear();
    auto* L = m_genePlot->plotLayout();
    auto* heatGroup = new QCPMarginGroup(m_genePlot);
    auto* betaGroup = new QCPMarginGroup(m_genePlot);
    // Every panel gets the left and right margins of the widest (the first carries the mark
    // names): columns of equal stretch then have plots of equal width.
    auto* sideGroup = new QCPMarginGroup(m_genePlot);
    for (int c = 0; c < columns; ++c) {
        L->addElement(
            0, c,
            new QCPTextElement(m_genePlot, QString(), QFont(font().family(), 9, QFont::Bold)));
        auto* hr = new QCPAxisRect(m_genePlot);
        hr->setupFullAxesBox(false);
        hr->axis(QCPAxis::atTop)->setVisible(false);
        hr->axis(QCPAxis::atRight)->setVisible(false);
        L->addElement(1, c, hr);
        m_geneMaps.push_back(addHeatmap(m_genePlot, hr, marks, names, c == 0));
        auto* br = new QCPAxisRect(m_genePlot);
        br->axis(QCPAxis::atLeft)->setLabel(c == 0 ? QStringLiteral("β") : QString());
        L->addElement(2, c, br);
        m_geneBetas.push_back(addBetaBars(br, names, PlotPalette::betaColour()));
        hr->setMarginGroup(QCP::msTop | QCP::msBottom, heatGroup);
        br->setMarginGroup(QCP::msTop | QCP::msBottom, betaGroup);
        hr->setMarginGroup(QCP::msLeft | QCP::msRight, sideGroup);
        br->setMarginGroup(QCP::msLeft | QCP::msRight, sideGroup);
        for (QCPAxis* a : br->axes()) {
            a->setTickLabelFont(smallFont(font()));
            a->setLabelFont(smallFont(font()));
        }
    }
    // The scale only exists with columns: an element outside the layout would still be drawn.
    m_geneScale = nullptr;
    if (columns > 0) {
        m_geneScale = AttentionHeatmap::createScale(m_geneMaps.front()->keyAxis()->axisRect(),
                                                    QStringLiteral("α (shared scale)"), heatGroup);
        L->addElement(1, columns, m_geneScale);
        L->setColumnStretchFactor(columns, 0.01);
        L->setRowStretchFactor(0, 0.01);
        L->setRowStretchFactor(1, 2.0);
        L->setRowStretchFactor(2, 1.0);
    }
    for (QCPColorMap* m : m_geneMaps) {
        m->setColorScale(m_geneScale);
        m->setGradient(PlotPalette::gradient(m_gradient));
    }
    m_layoutColumns = columns;
    m_layoutMarks = marks;
}

void CompareView::setGenes(const std::vector<GeneViewData>& perCell, const QString& gene)
{
    const int columns = int(perCell.size());
    const int marks = perCell.empty() ? remc::kMarkCount : perCell.front().markCount;
    const QStringList names = perCell.empty() ? remc::markNames() : perCell.front().markNames;
    if (columns != m_layoutColumns || marks != m_layoutMarks)
        buildGeneLayout(columns, marks, names);
    m_markNames = names;
    m_columnCells.clear();
    for (const GeneViewData& d : perCell)
        m_columnCells << d.cell;
    QStringList absent = checkedCells();
    for (const QString& c : m_columnCells)
        absent.removeAll(c);
    if (perCell.empty()) {
        m_geneLabel->setText(gene.isEmpty()
                                 ? QStringLiteral("Select a gene to compare it across cell types.")
                             : checkedCells().isEmpty()
                                 ? QStringLiteral("Tick the cell types to compare %1 in.").arg(gene)
                                 : QStringLiteral("<b>%1</b> is not in the ticked cell type(s) "
                                                  "%2: none of them lists this gene.")
                                       .arg(gene, absent.join(QStringLiteral(", "))));
        m_genePlot->replot(QCustomPlot::rpQueuedReplot);
        return;
    }
    const GeneRecord& g = perCell.front().gene;
    const QString name =
        g.symbol.isEmpty() ? (g.ensemblId.isEmpty() ? g.remcId : g.ensemblId) : g.symbol;
    QString text = QStringLiteral("<b>%1</b> %2 in %3 cell type(s); α colours share one scale")
                       .arg(name, g.ensemblId == name ? QString() : g.ensemblId)
                       .arg(columns);
    if (!absent.isEmpty())
        text += QStringLiteral(". Not in %1: no such gene there.")
                    .arg(absent.join(QStringLiteral(", ")));
    m_geneLabel->setText(text);
    double betaHi = 0;
    for (int c = 0; c < columns; ++c) {
        const GeneViewData& d = perCell[std::size_t(c)];
        fillMap(m_geneMaps[std::size_t(c)], d.alpha, marks, d.binCount);
        fillBars(m_geneBetas[std::size_t(c)], d.beta);
        double blo = 0;
        AttentionHeatmap::growRange(d.beta, &blo, &betaHi);
        const QString label = d.label == 1   ? QStringLiteral("high")
                              : d.label == 0 ? QStringLiteral("low")
                                             : QStringLiteral("?");
        QString title = d.cell;
        if (d.p >= 0)
            title += QStringLiteral("  p=%1  label %2").arg(d.p, 0, 'f', 2).arg(label);
        else
            title += QStringLiteral("  (no run results)");
        if (auto* t = qobject_cast<QCPTextElement*>(m_genePlot->plotLayout()->element(0, c)))
            t->setText(title);
    }
    applyAlphaScale(m_geneMaps);
    for (QCPBars* b : m_geneBetas)
        b->valueAxis()->setRange(0, betaHi > 0 ? betaHi * 1.15 : 1.0);
    m_genePlot->replot(QCustomPlot::rpQueuedReplot);
}

void CompareView::buildAggregateLayout()
{
    const QStringList names = remc::markNames();
    auto* L = m_aggPlot->plotLayout();
    L->clear();
    L->addElement(0, 0,
                  new QCPTextElement(m_aggPlot, QStringLiteral("mean α · ON genes"),
                                     QFont(font().family(), 9, QFont::Bold)));
    L->addElement(0, 1,
                  new QCPTextElement(m_aggPlot, QStringLiteral("mean α · OFF genes"),
                                     QFont(font().family(), 9, QFont::Bold)));
    L->addElement(0, 3,
                  new QCPTextElement(m_aggPlot, QStringLiteral("mean β · ON vs OFF"),
                                     QFont(font().family(), 9, QFont::Bold)));
    auto* onRect = new QCPAxisRect(m_aggPlot);
    auto* offRect = new QCPAxisRect(m_aggPlot);
    L->addElement(1, 0, onRect);
    L->addElement(1, 1, offRect);
    m_onMap = addHeatmap(m_aggPlot, onRect, remc::kMarkCount, names, true);
    m_offMap = addHeatmap(m_aggPlot, offRect, remc::kMarkCount, names, false);
    m_aggScale = AttentionHeatmap::createScale(onRect, QStringLiteral("mean α"));
    L->addElement(1, 2, m_aggScale);
    offRect->setMarginGroup(QCP::msTop | QCP::msBottom, onRect->marginGroup(QCP::msTop));
    auto* sideGroup = new QCPMarginGroup(m_aggPlot); // ON and OFF maps of equal width
    onRect->setMarginGroup(QCP::msLeft | QCP::msRight, sideGroup);
    offRect->setMarginGroup(QCP::msLeft | QCP::msRight, sideGroup);
    for (QCPColorMap* m : {m_onMap, m_offMap}) {
        m->setColorScale(m_aggScale);
        m->setGradient(PlotPalette::gradient(m_gradient));
    }
    auto* betaRect = new QCPAxisRect(m_aggPlot);
    L->addElement(1, 3, betaRect);
    for (QCPAxis* a : betaRect->axes()) {
        a->setTickLabelFont(smallFont(font()));
        a->setLabelFont(smallFont(font()));
    }
    m_betaOnBars = addBetaBars(betaRect, names, PlotPalette::onColour());
    m_betaOffBars = addBetaBars(betaRect, names, PlotPalette::offColour());
    m_betaOnBars->setWidth(0.38);
    m_betaOffBars->setWidth(0.38);
    m_betaOnBars->setName(QStringLiteral("ON"));
    m_betaOffBars->setName(QStringLiteral("OFF"));
    // One legend row above the bars (setAggregate leaves headroom for it).
    betaRect->setMinimumSize(QSize(240, 0));
    betaRect->setMinimumMargins(QMargins(0, 0, 45, 0)); // the last rotated mark name runs right
    betaRect->insetLayout()->addElement(new QCPLegend, Qt::AlignTop | Qt::AlignHCenter);
    auto* legend = qobject_cast<QCPLegend*>(betaRect->insetLayout()->elementAt(0));
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    legend->setLayer(QStringLiteral("legend"));
    legend->addItem(new QCPPlottableLegendItem(legend, m_betaOnBars));
    legend->addItem(new QCPPlottableLegendItem(legend, m_betaOffBars));
    legend->setFont(smallFont(font()));
    L->setColumnStretchFactor(0, 1.0);
    L->setColumnStretchFactor(1, 1.0);
    L->setColumnStretchFactor(2, 0.01);
    L->setColumnStretchFactor(3, 1.0);
    L->setRowStretchFactor(0, 0.01);
}

void CompareView::setAggregate(const AttentionAverages& a)
{
    fillMap(m_onMap, a.alphaOn, a.markCount, a.binCount);
    fillMap(m_offMap, a.alphaOff, a.markCount, a.binCount);
    applyAlphaScale({m_onMap, m_offMap});
    fillBars(m_betaOnBars, a.betaOn, -0.2);
    fillBars(m_betaOffBars, a.betaOff, 0.2);
    double blo = 0, bhi = 0;
    AttentionHeatmap::growRange(a.betaOn, &blo, &bhi);
    AttentionHeatmap::growRange(a.betaOff, &blo, &bhi);
    m_betaOnBars->valueAxis()->setRange(0, bhi > 0 ? bhi * 1.4 : 1.0);
    auto title = [this](int col, const QString& what, int n) {
        if (auto* t = qobject_cast<QCPTextElement*>(m_aggPlot->plotLayout()->element(0, col)))
            t->setText(what.arg(n));
    };
    // Two short lines: one long line was cut at both ends in a column of a narrow window.
    const QString cell = a.runId.isEmpty() ? QString() : QStringLiteral(" · %1").arg(a.cell);
    title(0, QStringLiteral("mean α") + cell + QStringLiteral("\n%1 ON genes (label high)"),
          a.onCount);
    title(1, QStringLiteral("mean α") + cell + QStringLiteral("\n%1 OFF genes (label low)"),
          a.offCount);
    m_aggPlot->replot(QCustomPlot::rpQueuedReplot);
}

void CompareView::setGradient(const QString& name)
{
    m_gradient = name;
    applyAlphaScale(m_geneMaps);
    applyAlphaScale({m_onMap, m_offMap});
    m_genePlot->replot(QCustomPlot::rpQueuedReplot);
    m_aggPlot->replot(QCustomPlot::rpQueuedReplot);
}

void CompareView::setAlphaScale(const AlphaScale& scale)
{
    m_alphaScale = scale;
    setGradient(m_gradient);
}

void CompareView::applyAlphaScale(const std::vector<QCPColorMap*>& maps) const
{
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    int bins = 0;
    for (const QCPColorMap* m : maps) {
        QCPColorMapData* d = m->data();
        bins = d->keySize();
        for (int k = 0; k < d->keySize(); ++k)
            for (int v = 0; v < d->valueSize(); ++v)
                if (const double x = d->cell(k, v); std::isfinite(x)) {
                    lo = std::min(lo, x);
                    hi = std::max(hi, x);
                }
    }
    double lower = 0, upper = 1;
    m_alphaScale.rangeOf(lo, hi, bins, &lower, &upper);
    for (QCPColorMap* m : maps)
        AttentionHeatmap::applySequential(m, m_gradient, lower, upper, m_alphaScale.isFixed(),
                                          1.0 / std::max(1, bins));
}

} // namespace ac
