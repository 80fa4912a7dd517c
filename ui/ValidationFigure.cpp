#include "ValidationFigure.h"

#include "PlotExport.h"
#include "QcpInclude.h"

#include <algorithm>
#include <cmath>

namespace ac {

namespace {

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

const QList<QColor>& palette()
{
    static const QList<QColor> colours{QColor(0x1f, 0x77, 0xb4), QColor(0xd6, 0x27, 0x28),
                                       QColor(0x2c, 0xa0, 0x2c), QColor(0x94, 0x67, 0xbd),
                                       QColor(0xff, 0x7f, 0x0e), QColor(0x8c, 0x56, 0x4b)};
    return colours;
}

} // namespace

void ValidationFigure::draw(QCustomPlot* plot, const AgreementReport& report,
                            const QString& trackName, const QString& mark)
{
    plot->setAutoAddPlottableToLegend(false);
    plot->clearPlottables();
    plot->plotLayout()->clear();
    auto* title = new QCPTextElement(
        plot, QStringLiteral("Maps of %1 vs %2: %3 genes predicted ON with a track (dashed: OFF)")
                  .arg(mark, trackName)
                  .arg(report.onWithTrack),
        QFont(QStringLiteral("sans"), 11, QFont::Bold));
    plot->plotLayout()->addElement(0, 0, title);

    // The profiles' legend gets a row of its own under the title (three entries per line), so it
    // never hides a curve however small the figure is drawn.
    auto* legend = new QCPLegend;
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    legend->setWrap(3);
    legend->setLayer(QStringLiteral("legend"));
    legend->setFont(QFont(QStringLiteral("sans"), 8));
    legend->setBorderPen(Qt::NoPen);
    auto* profiles = new QCPAxisRect(plot);
    auto* bars = new QCPAxisRect(plot);
    plot->plotLayout()->addElement(1, 0, legend);
    plot->plotLayout()->addElement(2, 0, profiles);
    plot->plotLayout()->addElement(3, 0, bars);
    plot->plotLayout()->setRowStretchFactor(1, 0.01);
    plot->plotLayout()->setRowStretchFactor(2, 3);
    plot->plotLayout()->setRowStretchFactor(3, 2);
    profiles->axis(QCPAxis::atBottom)->setLabel(QStringLiteral("position relative to TSS (bp)"));
    profiles->axis(QCPAxis::atLeft)->setLabel(QStringLiteral("mean, scaled to 0–1"));

    QVector<double> x;
    for (int b = 0; b < report.binCount; ++b)
        x << -5000.0 + (b + 0.5) * 10000.0 / report.binCount;
    auto addLine = [&](const std::vector<double>& y, std::pair<double, double> range,
                       const QString& name, const QPen& pen) {
        QCPGraph* g = plot->addGraph(profiles->axis(QCPAxis::atBottom), profiles->axis(QCPAxis::atLeft));
        g->setData(x, scaled(y, range), true);
        g->setName(name);
        g->setPen(pen);
        legend->addItem(new QCPPlottableLegendItem(legend, g));
    };
    // The track and α also for genes predicted OFF (dashed), each on its ON/OFF joint scale so
    // that the OFF curve shows how much lower it is.
    const auto trackRange = finiteRange({&report.trackOn, &report.trackOff});
    addLine(report.trackOn, trackRange, trackName, QPen(Qt::black, 2.5));
    addLine(report.trackOff, trackRange, QStringLiteral("%1, predicted OFF").arg(trackName),
            QPen(Qt::black, 1.5, Qt::DashLine));

    QVector<double> ticks;
    QVector<QString> labels;
    QVector<double> perGene;
    QVector<double> averaged;
    int colour = 0;
    for (const AgreementSeries& s : report.series) {
        if (s.mark != mark)
            continue;
        const QColor c = palette()[colour++ % palette().size()];
        if (s.map == QLatin1String("alpha")) {
            const auto range = finiteRange({&s.profileOn, &s.profileOff});
            addLine(s.profileOn, range, s.mapName, QPen(c, 1.5));
            addLine(s.profileOff, range, QStringLiteral("%1, predicted OFF").arg(s.mapName),
                    QPen(c, 1.2, Qt::DashLine));
        } else {
            addLine(s.profileOn, finiteRange({&s.profileOn}), s.mapName, QPen(c, 1.5));
        }
        for (const AgreementRow& row : report.rows)
            if (row.map == s.map && row.mark == s.mark && row.group == QLatin1String("ON")) {
                perGene << (std::isnan(row.meanPearson) ? 0.0 : row.meanPearson);
                averaged << (std::isnan(row.averagePearson) ? 0.0 : row.averagePearson);
            }
        ticks << ticks.size() + 1;
        labels << s.mapName;
    }
    profiles->axis(QCPAxis::atBottom)->setRange(-5000, 5000);
    profiles->axis(QCPAxis::atLeft)->setRange(-0.05, 1.05);

    QCPAxis* key = bars->axis(QCPAxis::atBottom);
    QCPAxis* value = bars->axis(QCPAxis::atLeft);
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    ticker->addTicks(ticks, labels);
    key->setTicker(ticker);
    key->setRange(0.4, ticks.size() + 0.6);
    value->setRange(-1, 1);
    value->setLabel(QStringLiteral("Pearson r"));
    // One row at the bottom, where bars of positive correlations leave room.
    auto* barLegend = new QCPLegend;
    barLegend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    bars->insetLayout()->addElement(barLegend, Qt::AlignBottom | Qt::AlignRight);
    barLegend->setLayer(QStringLiteral("legend"));
    barLegend->setFont(QFont(QStringLiteral("sans"), 8));
    auto addBars = [&](const QVector<double>& values, double shift, const QString& name,
                       const QColor& colour) {
        QVector<double> keys;
        for (double t : ticks)
            keys << t + shift;
        auto* b = new QCPBars(key, value);
        b->setData(keys, values, true);
        b->setWidth(0.34);
        b->setName(name);
        b->setBrush(colour);
        b->setPen(Qt::NoPen);
        barLegend->addItem(new QCPPlottableLegendItem(barLegend, b));
    };
    addBars(perGene, -0.18, QStringLiteral("per gene (mean over genes predicted ON)"),
            QColor(0xd6, 0x27, 0x28));
    addBars(averaged, 0.18, QStringLiteral("of the average map"),
            QColor(0xf0, 0xa0, 0xa0));
    plot->replot();
}

bool ValidationFigure::save(const AgreementReport& report, const QString& trackName,
                            const QString& mark, const QString& format, const QString& file,
                            int dpi, QString* error)
{
    if (format != QLatin1String("png") && format != QLatin1String("svg")) {
        *error = QStringLiteral("%1: unknown figure format '%2' (svg, png)").arg(file, format);
        return false;
    }
    QCustomPlot plot;
    plot.resize(kWidth, kHeight);
    draw(&plot, report, trackName, mark);
    return format == QLatin1String("png")
               ? PlotExport::savePng(&plot, file, kWidth, kHeight, dpi, error)
               : PlotExport::saveSvg(&plot, file, kWidth, kHeight,
                                     QStringLiteral("AttentiveChrome validation: %1").arg(mark),
                                     error);
}

} // namespace ac
