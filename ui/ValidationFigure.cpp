#include "ValidationFigure.h"

#include "MarkAxis.h"
#include "PlotExport.h"
#include "PlotPalette.h"
#include "QcpInclude.h"

#include <algorithm>
#include <cmath>

namespace ac
{

namespace
{

// The finite range of the given profiles ({0, 0} when none has a finite value).
std::pair<double, double> finiteRange(std::initializer_list<const std::vector<double>*> profiles)
{
    double lo = INFINITY;
    double hi = -INFINITY;
    for (const std::vector<double>* v : profiles)
        for (double x : *v)
            if (std::isfinite(x)) {
                lo = std::min(lo, x);
                hi = std::max(hi, x);
            }
    return lo <= hi ? std::make_pair(lo, hi) : std::make_pair(0.0, 0.0);
}

// Maps `range` of a profile to 0..1 (a constant profile becomes 0, NaN becomes 0).
QVector<double> scaled(const std::vector<double>& v, std::pair<double, double> range)
{
    const auto [lo, hi] = range;
    QVector<double> out;
    for (double x : v)
        out << (std::isfinite(x) && hi > lo ? (x - lo) / (hi - lo) : 0.0);
    return out;
}

// The figure's three parts under its title.
struct Panels {
    QCPLegend* legend = nullptr; ///< of the profiles, a row of its own
    QCPAxisRect* profiles = nullptr;
    QCPAxisRect* bars = nullptr;
    QCPLegend* barLegend = nullptr; ///< of the bars, a row of its own below them
};

// The per-map correlations of the bar chart, one tick per map of the mark.
struct Correlations {
    QStringList labels;
    QVector<double> perGene;
    QVector<double> averaged;
};

Panels addPanels(QCustomPlot* plot, const AgreementReport& report, const QString& trackName,
                 const QString& mark)
{
    auto* title = new QCPTextElement(
        plot,
        QStringLiteral("Maps of %1 vs %2: %3 genes predicted ON with a track (dashed: OFF)")
            .arg(mark, trackName)
            .arg(report.onWithTrack),
        QFont(QStringLiteral("sans"), 11, QFont::Bold));
    plot->plotLayout()->addElement(0, 0, title);

    // The profiles' legend gets a row of its own under the title (three entries per line), so it
    // never hides a curve however small the figure is drawn.
    Panels p;
    p.legend = new QCPLegend;
    p.legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    p.legend->setWrap(3);
    p.legend->setLayer(QStringLiteral("legend"));
    p.legend->setFont(QFont(QStringLiteral("sans"), 8));
    p.legend->setBorderPen(Qt::NoPen);
    p.profiles = new QCPAxisRect(plot);
    p.bars = new QCPAxisRect(plot);
    // The bars' legend also gets a row of its own: inside the bars it covered them.
    p.barLegend = new QCPLegend;
    p.barLegend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    p.barLegend->setLayer(QStringLiteral("legend"));
    p.barLegend->setFont(QFont(QStringLiteral("sans"), 8));
    p.barLegend->setBorderPen(Qt::NoPen);
    plot->plotLayout()->addElement(1, 0, p.legend);
    plot->plotLayout()->addElement(2, 0, p.profiles);
    plot->plotLayout()->addElement(3, 0, p.bars);
    plot->plotLayout()->addElement(4, 0, p.barLegend);
    plot->plotLayout()->setRowStretchFactor(1, 0.01);
    plot->plotLayout()->setRowStretchFactor(2, 3);
    plot->plotLayout()->setRowStretchFactor(3, 2);
    plot->plotLayout()->setRowStretchFactor(4, 0.01);
    p.profiles->axis(QCPAxis::atBottom)->setLabel(QStringLiteral("position relative to TSS (bp)"));
    p.profiles->axis(QCPAxis::atLeft)->setLabel(QStringLiteral("mean, scaled to 0–1"));
    p.profiles->axis(QCPAxis::atBottom)->setRange(-5000, 5000);
    p.profiles->axis(QCPAxis::atLeft)->setRange(-0.05, 1.05);
    return p;
}

// Draws the scaled average profiles of the track and of every map of `mark`; returns the
// correlations of those maps with the track, for the bars.
Correlations addProfiles(QCustomPlot* plot, const Panels& panels, const AgreementReport& report,
                         const QString& trackName, const QString& mark)
{
    QVector<double> x;
    for (int b = 0; b < report.binCount; ++b)
        x << -5000.0 + (b + 0.5) * 10000.0 / report.binCount;
    auto addLine = [&](const std::vector<double>& y, std::pair<double, double> range,
                       const QString& name, const QPen& pen) {
        // A profile of another length (an empty report) has nothing to draw.
        if (y.size() != std::size_t(x.size()))
            return;
        QCPGraph* g = plot->addGraph(panels.profiles->axis(QCPAxis::atBottom),
                                     panels.profiles->axis(QCPAxis::atLeft));
        g->setData(x, scaled(y, range), true);
        g->setName(name);
        g->setPen(pen);
        panels.legend->addItem(new QCPPlottableLegendItem(panels.legend, g));
    };
    // The track and α also for genes predicted OFF (dashed), each on its ON/OFF joint scale so
    // that the OFF curve shows how much lower it is.
    const auto trackRange = finiteRange({&report.trackOn, &report.trackOff});
    addLine(report.trackOn, trackRange, trackName, QPen(Qt::black, 2.5));
    addLine(report.trackOff, trackRange, QStringLiteral("%1, predicted OFF").arg(trackName),
            QPen(Qt::black, 1.5, Qt::DashLine));

    Correlations out;
    int colour = 0;
    for (const AgreementSeries& s : report.series) {
        if (s.mark != mark)
            continue;
        const QColor c = PlotPalette::seriesColour(colour++);
        if (s.map == QLatin1String("alpha")) {
            const auto range = finiteRange({&s.profileOn, &s.profileOff});
            addLine(s.profileOn, range, s.mapName, QPen(c, 1.5));
            addLine(s.profileOff, range, QStringLiteral("%1, predicted OFF").arg(s.mapName),
                    QPen(c, 1.2, Qt::DashLine));
        } else {
            addLine(s.profileOn, finiteRange({&s.profileOn}), s.mapName, QPen(c, 1.5));
        }
        // One bar per map: 0 when no ON row has its correlation.
        double perGene = 0, averaged = 0;
        for (const AgreementRow& row : report.rows)
            if (row.map == s.map && row.mark == s.mark && row.group == QLatin1String("ON")) {
                perGene = std::isnan(row.meanPearson) ? 0.0 : row.meanPearson;
                averaged = std::isnan(row.averagePearson) ? 0.0 : row.averagePearson;
            }
        out.perGene << perGene;
        out.averaged << averaged;
        out.labels << s.mapName;
    }
    return out;
}

// Pearson r per map: per gene (mean over genes predicted ON) and of the average map.
void addCorrelationBars(QCPAxisRect* bars, QCPLegend* barLegend, const Correlations& c)
{
    QCPAxis* key = bars->axis(QCPAxis::atBottom);
    QCPAxis* value = bars->axis(QCPAxis::atLeft);
    key->setTicker(MarkAxis::ticker(c.labels, 1));
    key->setRange(0.4, c.labels.size() + 0.6);
    value->setRange(-1, 1);
    value->setLabel(QStringLiteral("Pearson r"));
    auto addBars = [&](const QVector<double>& values, double shift, const QString& name,
                       const QColor& colour) {
        QVector<double> keys;
        for (int t = 1; t <= c.labels.size(); ++t)
            keys << t + shift;
        auto* b = new QCPBars(key, value);
        b->setData(keys, values, true);
        b->setWidth(0.34);
        b->setName(name);
        b->setBrush(colour);
        b->setPen(Qt::NoPen);
        barLegend->addItem(new QCPPlottableLegendItem(barLegend, b));
    };
    addBars(c.perGene, -0.18, QStringLiteral("per gene (mean over genes predicted ON)"),
            PlotPalette::onColour());
    addBars(c.averaged, 0.18, QStringLiteral("of the average map"), PlotPalette::onLightColour());
}

} // namespace

void ValidationFigure::draw(QCustomPlot* plot, const AgreementReport& report,
                            const QString& trackName, const QString& mark)
{
    plot->setAutoAddPlottableToLegend(false);
    plot->clearPlottables();
    plot->plotLayout()->clear();
    const Panels panels = addPanels(plot, report, trackName, mark);
    addCorrelationBars(panels.bars, panels.barLegend,
                       addProfiles(plot, panels, report, trackName, mark));
    plot->replot();
}

FigureSize ValidationFigure::defaultSize(int dpi)
{
    return FigureSize::fromPixels(QSize(kWidth, kHeight), dpi);
}

bool ValidationFigure::save(const AgreementReport& report, const QString& trackName,
                            const QString& mark, const QString& format, const QString& file,
                            const FigureSize& size, QString* error)
{
    QCustomPlot plot;
    plot.resize(size.pixels());
    draw(&plot, report, trackName, mark);
    return PlotExport::save(&plot, format, file, size, error);
}

} // namespace ac
