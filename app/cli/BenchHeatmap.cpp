// attentivechrome-cli bench heatmap: re-sorting, regrouping and redrawing the all-genes heatmap
// (issue 15) of a full-size simulated cell type, and the k-means clustering behind its clusters.
#include "CliCommand.h"
#include "CliSupport.h"
#include "RunOptions.h"
#include "SyntheticResults.h"

#include "HeatmapFigure.h"
#include "QcpInclude.h"
#include "data/Simulator.h"
#include "interpret/GeneHeatmap.h"

#include <QApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <ctime>

namespace ac::cli
{

namespace
{

struct Case {
    HeatmapSort sort;
    HeatmapGrouping grouping;
};

/// Milliseconds of one re-sort as the Heatmap tab does it: the layout, the figure's image rows,
/// and an immediate replot.
struct Timing {
    double layout = 0, image = 0, replot = 0;
    double cpu = 0; ///< CPU time of this thread, to judge the wall time on a busy machine
    double total() const { return layout + image + replot; }
};

bool redraw(const GeneHeatmap& h, const HeatmapOptions& o, HeatmapFigure* figure, QCustomPlot* plot,
            Timing* t, QString* error)
{
    timespec cpu0{}, cpu1{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu0);
    QElapsedTimer clock;
    clock.start();
    HeatmapLayout layout;
    if (!h.layout(o, &layout, error))
        return false;
    t->layout = double(clock.nsecsElapsed()) / 1e6;
    clock.restart();
    figure->draw(h, layout, QString(), plot->height(), false);
    t->image = double(clock.nsecsElapsed()) / 1e6;
    clock.restart();
    plot->replot(QCustomPlot::rpImmediateRefresh);
    t->replot = double(clock.nsecsElapsed()) / 1e6;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu1);
    t->cpu = double(cpu1.tv_sec - cpu0.tv_sec) * 1e3 + double(cpu1.tv_nsec - cpu0.tv_nsec) / 1e6;
    return true;
}

QString stats(std::vector<double> ms)
{
    std::sort(ms.begin(), ms.end());
    double sum = 0;
    for (double v : ms)
        sum += v;
    return QStringLiteral("mean %1 ms, median %2 ms, max %3 ms")
        .arg(sum / double(ms.size()), 0, 'f', 1)
        .arg(ms[ms.size() / 2], 0, 'f', 1)
        .arg(ms.back(), 0, 'f', 1);
}

/// Times `repeats` re-sorts of each case and prints one line per case; false with `error`.
bool timeCases(const GeneHeatmap& h, HeatmapFigure* figure, QCustomPlot* plot, int repeats,
               QString* error)
{
    const Case cases[] = {{HeatmapSort::PHigh, HeatmapGrouping::None},
                          {HeatmapSort::TssAlpha, HeatmapGrouping::None},
                          {HeatmapSort::TrackMean, HeatmapGrouping::None},
                          {HeatmapSort::PHigh, HeatmapGrouping::TrueLabel},
                          {HeatmapSort::TssAlpha, HeatmapGrouping::Prediction},
                          {HeatmapSort::TssAlpha, HeatmapGrouping::Clusters}};
    for (const Case& c : cases) {
        HeatmapOptions o;
        o.sort = c.sort;
        o.grouping = c.grouping;
        o.clusters = 8;
        std::vector<double> ms;
        Timing sum;
        for (int i = 0; i < repeats; ++i) {
            Timing t;
            if (!redraw(h, o, figure, plot, &t, error))
                return false;
            ms.push_back(t.total());
            sum.layout += t.layout / repeats;
            sum.image += t.image / repeats;
            sum.replot += t.replot / repeats;
            sum.cpu += t.cpu / repeats;
        }
        printLine(QStringLiteral("re-sort + redraw, sort %1, groups %2: %3 (layout %4, image %5, "
                                 "replot %6; CPU %7 ms)")
                      .arg(heatmapSortKey(c.sort), -9)
                      .arg(heatmapGroupingKey(c.grouping), -10)
                      .arg(stats(ms))
                      .arg(sum.layout, 0, 'f', 1)
                      .arg(sum.image, 0, 'f', 1)
                      .arg(sum.replot, 0, 'f', 1)
                      .arg(sum.cpu, 0, 'f', 1));
    }
    return true;
}

} // namespace

int runBenchHeatmap(const QStringList& args)
{
    const QString cmd = QStringLiteral("bench heatmap");
    QCommandLineParser p;
    p.addOption({QStringLiteral("genes"), QStringLiteral("Genes (default 19802)."),
                 QStringLiteral("N"), QStringLiteral("19802")});
    p.addOption({QStringLiteral("repeats"), QStringLiteral("Redraws per case (default 10)."),
                 QStringLiteral("N"), QStringLiteral("10")});
    int code = 0;
    if (!parseArguments(p, cmd,
                        QStringLiteral("Time re-sorting and redrawing the all-genes heatmap (α, "
                                       "signal, H3K27ac of H3K4me3) at 1400×800 on a full-size "
                                       "simulated cell type (target < 100 ms), and k-means."),
                        args, &code))
        return code;
    QString error;
    int genes = 19802, repeats = 10;
    if (!intOption(p, QStringLiteral("genes"), 10, 100000, &genes, &error) ||
        !intOption(p, QStringLiteral("repeats"), 1, 1000, &repeats, &error))
        return fail(cmd, error);
    if (!qobject_cast<QApplication*>(QCoreApplication::instance()))
        return fail(cmd, QStringLiteral("needs a QApplication (run through attentivechrome-cli)"));

    SimulationConfig cfg;
    cfg.cells = 1;
    cfg.genesPerCell = genes;
    cfg.seed = 11;
    const SimulatedCell sim = Simulator(cfg).cell(0);
    const RunResults results = synthesiseResults(genes, 42);
    QElapsedTimer clock;
    clock.start();
    GeneHeatmap h;
    if (!GeneHeatmap::build(sim.cell, results, sim.h3k27ac, 3, &h, &error))
        return fail(cmd, error);
    printLine(QStringLiteral("%L1 genes × 3 panels × 100 bins; build %2 ms")
                  .arg(genes)
                  .arg(double(clock.nsecsElapsed()) / 1e6, 0, 'f', 1));
    for (int k : {3, 8}) { // the redraws below reuse the last (k = 8), as the tab does
        clock.restart();
        std::vector<int> clusters = h.computeClusters(k, 1, 5);
        printLine(QStringLiteral("k-means of the α profiles, k = %1 (once per k, in a worker in "
                                 "the GUI): %2 ms")
                      .arg(k)
                      .arg(double(clock.nsecsElapsed()) / 1e6, 0, 'f', 1));
        h.setClusters(k, 1, 5, std::move(clusters));
    }
    QCustomPlot plot;
    plot.resize(1400, 800);
    plot.show();
    QCoreApplication::processEvents();
    HeatmapFigure figure(&plot);
    if (!timeCases(h, &figure, &plot, repeats, &error))
        return fail(cmd, error);
    printLine(QStringLiteral("(%1 image rows per panel; platform %2; target < 100 ms)")
                  .arg(figure.imageRows())
                  .arg(QGuiApplication::platformName()));
    return 0;
}

} // namespace ac::cli
