// attentivechrome-cli bench gui: gene-switch redraw time of the gene view on a full-size
// simulated cell type, and main-window start-up on the demo study.
#include "CliCommand.h"
#include "CliSupport.h"
#include "SyntheticResults.h"

#include "GeneView.h"
#include "MainWindow.h"
#include "QcpInclude.h"
#include "data/Simulator.h"
#include "domain/GeneViewData.h"
#include "jobs/SimulatedStudy.h"
#include "store/StudyEditor.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

namespace ac::cli
{

namespace
{

bool addSyntheticRun(StudyEditor& editor, const QString& cell, int genes, QString* error)
{
    RunRecord run;
    run.id = cell + QStringLiteral("-bench-synthetic");
    run.cell = cell;
    run.created = QDateTime::currentDateTimeUtc();
    run.status = QStringLiteral("complete");
    return editor.writeRun(run, Weights(), Weights(), error) &&
           editor.writeResults(run.id, synthesiseResults(genes, 42), error);
}

struct Stats {
    double mean = 0, median = 0, p95 = 0, max = 0;
};

Stats summarise(std::vector<double> ms)
{
    Stats s;
    if (ms.empty())
        return s;
    s.mean = std::accumulate(ms.begin(), ms.end(), 0.0) / double(ms.size());
    std::sort(ms.begin(), ms.end());
    s.median = ms[ms.size() / 2];
    s.p95 = ms[std::min(ms.size() - 1, std::size_t(double(ms.size()) * 0.95))];
    s.max = ms.back();
    return s;
}

QString line(const QString& what, const Stats& s)
{
    return QStringLiteral("%1: mean %2 ms, median %3 ms, p95 %4 ms, max %5 ms")
        .arg(what, -34)
        .arg(s.mean, 0, 'f', 2)
        .arg(s.median, 0, 'f', 2)
        .arg(s.p95, 0, 'f', 2)
        .arg(s.max, 0, 'f', 2);
}

/// Runs the event loop until `plot` has replotted (its queued replot) and the result is painted.
void waitForReplot(QCustomPlot* plot)
{
    bool replotted = false;
    const QMetaObject::Connection c =
        QObject::connect(plot, &QCustomPlot::afterReplot, [&replotted] { replotted = true; });
    while (!replotted)
        QCoreApplication::processEvents(QEventLoop::AllEvents);
    QObject::disconnect(c);
    QCoreApplication::processEvents(QEventLoop::AllEvents); // the paint event the replot posted
}

// Gene indices to switch between: spread over the whole cell type, the same every run.
std::vector<int> switchOrder(int switches, int genes)
{
    std::vector<int> order(static_cast<std::size_t>(switches));
    for (int i = 0; i < switches; ++i)
        order[std::size_t(i)] = int((std::int64_t(i) * 7919 + 13) % genes);
    return order;
}

/// GeneView alone at 1400×900: data in memory, times setData + the replot + paint.
void benchGeneView(const SimulatedCell& sim, const RunResults& res, const std::vector<int>& order)
{
    GeneView view;
    view.resize(1400, 900);
    view.show();
    QCoreApplication::processEvents();
    std::vector<double> ms;
    ms.reserve(order.size());
    for (int g : order) {
        GeneViewData d;
        d.gene = sim.cell.genes[std::size_t(g)];
        d.cell = sim.cell.name;
        d.runId = QStringLiteral("synthetic");
        d.label = sim.cell.labels[std::size_t(g)];
        QElapsedTimer t;
        t.start();
        d.values.assign(sim.cell.geneValues(g), sim.cell.geneValues(g) + 500);
        d.takeResults(res, g);
        d.trackName = sim.h3k27ac.name;
        d.track.assign(sim.h3k27ac.values.begin() + std::ptrdiff_t(g) * 100,
                       sim.h3k27ac.values.begin() + std::ptrdiff_t(g + 1) * 100);
        view.setData(d);
        waitForReplot(view.plot());
        ms.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    printLine(line(QStringLiteral("GeneView 1400×900, gene switch"), summarise(ms)));
}

/// The same through the main window on a study at `path`: HDF5 read of the gene, list
/// selection, replot. False with `error` set on failure.
bool benchMainWindow(const QString& path, const SimulatedCell& sim, int genes,
                     const std::vector<int>& order, QString* error)
{
    QElapsedTimer clock;
    clock.start();
    {
        auto editor = StudyEditor::begin(path, error);
        if (!editor || !editor->writeCell(sim.cell, error) ||
            !editor->writeTrack(sim.cell.name, sim.h3k27ac, error) ||
            !addSyntheticRun(*editor, sim.cell.name, genes, error) || !editor->commit(error))
            return false;
        printLine(QStringLiteral("wrote the full-size study in %1 s")
                      .arg(clock.elapsed() / 1000.0, 0, 'f', 1));
    }
    MainWindow w;
    w.resize(1400, 900);
    w.show();
    clock.restart();
    if (!w.openStudy(path, false)) {
        *error = w.lastError();
        return false;
    }
    waitForReplot(w.geneView()->plot());
    printLine(QStringLiteral("%1: %2 ms")
                  .arg(QStringLiteral("MainWindow open full-size study"), -34)
                  .arg(clock.elapsed()));
    std::vector<double> ms;
    for (int g : order) {
        QElapsedTimer t;
        t.start();
        if (!w.selectGene(g)) {
            *error = QStringLiteral("cannot select gene %1").arg(g);
            return false;
        }
        waitForReplot(w.geneView()->plot());
        ms.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    printLine(line(QStringLiteral("MainWindow 1400×900, gene switch"), summarise(ms)));
    return true;
}

/// Start-up on the demo study (3 × 2,000 genes with tracks and a run each) written to `path`:
/// window construction, opening the study, first gene drawn. False with `error` on failure.
bool benchStartup(const QString& path, QString* error)
{
    if (!writeSimulatedStudy(path, SimulationConfig::demo(), {}, error))
        return false;
    {
        auto editor = StudyEditor::begin(path, error);
        if (!editor)
            return false;
        for (int c = 0; c < SimulationConfig::demo().cells; ++c)
            if (!addSyntheticRun(*editor, Simulator::cellName(c),
                                 SimulationConfig::demo().genesPerCell, error))
                return false;
        if (!editor->commit(error))
            return false;
    }
    std::vector<double> startup;
    for (int rep = 0; rep < 3; ++rep) {
        QElapsedTimer t;
        t.start();
        MainWindow w;
        w.resize(1400, 900);
        w.show();
        if (!w.openStudy(path, false)) {
            *error = w.lastError();
            return false;
        }
        waitForReplot(w.geneView()->plot());
        startup.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    printLine(line(QStringLiteral("MainWindow start-up, demo study"), summarise(startup)));
    return true;
}

} // namespace

int runBenchGui(const QStringList& args)
{
    const QString cmd = QStringLiteral("bench gui");
    QCommandLineParser p;
    p.addOption(
        {QStringLiteral("genes"),
         QStringLiteral("Genes of the simulated cell type (default 19802, a full REMC cell)."),
         QStringLiteral("N"), QStringLiteral("19802")});
    p.addOption({QStringLiteral("switches"), QStringLiteral("Gene switches to time (default 200)."),
                 QStringLiteral("N"), QStringLiteral("200")});
    int code = 0;
    if (!parseArguments(
            p, cmd,
            QStringLiteral("Time gene switches (data + replot) in the gene view at 1400×900 on a "
                           "full-size simulated cell type, and main-window start-up on the demo "
                           "study. Drawing is offscreen unless a display is set."),
            args, &code))
        return code;
    bool ok1 = false, ok2 = false;
    const int genes = p.value(QStringLiteral("genes")).toInt(&ok1);
    const int switches = p.value(QStringLiteral("switches")).toInt(&ok2);
    if (!ok1 || genes < 10 || genes > 100000)
        return fail(cmd, QStringLiteral("--genes must be 10..100000"));
    if (!ok2 || switches < 1 || switches > 100000)
        return fail(cmd, QStringLiteral("--switches must be 1..100000"));
    if (!qobject_cast<QApplication*>(QCoreApplication::instance()))
        return fail(cmd, QStringLiteral("needs a QApplication (run through attentivechrome-cli)"));

    QTemporaryDir tmp;
    if (!tmp.isValid())
        return fail(cmd, QStringLiteral("cannot create a temporary folder"));
    QString err;

    // 1. A full-size cell type with its H3K27ac track and attention-shaped results.
    QElapsedTimer clock;
    clock.start();
    SimulationConfig cfg;
    cfg.cells = 1;
    cfg.genesPerCell = genes;
    cfg.seed = 11;
    const SimulatedCell sim = Simulator(cfg).cell(0);
    const RunResults res = synthesiseResults(genes, 42);
    printLine(QStringLiteral("simulated %1 with %L2 genes and synthetic attention in %3 s")
                  .arg(sim.cell.name)
                  .arg(genes)
                  .arg(clock.elapsed() / 1000.0, 0, 'f', 1));

    // 2. GeneView alone; 3. the main window on the full-size study; 4. start-up on the demo.
    const std::vector<int> order = switchOrder(switches, genes);
    benchGeneView(sim, res, order);
    if (!benchMainWindow(QDir(tmp.path()).filePath(QStringLiteral("full.h5")), sim, genes, order,
                         &err))
        return fail(cmd, err);
    if (!benchStartup(QDir(tmp.path()).filePath(QStringLiteral("demo.h5")), &err))
        return fail(cmd, err);
    printLine(QStringLiteral("(start-up excludes process launch and library loading; platform: %1)")
                  .arg(QGuiApplication::platformName()));
    return 0;
}

} // namespace ac::cli
