// attentivechrome-cli bench train: seconds per epoch of a full-size simulated cell type.
#include "CliCommand.h"
#include "CliSupport.h"
#include "RunOptions.h"

#include "jobs/SimulatedStudy.h"
#include "train/Trainer.h"

#include <QDir>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <cmath>
#include <ctime>

namespace ac::cli
{

namespace
{

// The size of a REMC cell type in the DeepChrome benchmark.
constexpr int kGenes = 19802;
constexpr int kTrainGenes = 6601;
constexpr int kValidGenes = 6601;

double seconds(const QElapsedTimer& t)
{
    return static_cast<double>(t.nsecsElapsed()) * 1e-9;
}

void addBenchOptions(QCommandLineParser& p)
{
    p.addOption({QStringLiteral("model"), QStringLiteral("Model kind (default attentivechrome)."),
                 QStringLiteral("KIND"), QStringLiteral("attentivechrome")});
    p.addOption({QStringLiteral("epochs"), QStringLiteral("Epochs to time (default 2)."),
                 QStringLiteral("N")});
    p.addOption({QStringLiteral("batch-size"), QStringLiteral("Genes per batch (default 16)."),
                 QStringLiteral("N")});
    p.addOption({QStringLiteral("threads"),
                 QStringLiteral("Torch threads (default: all cores but one)."),
                 QStringLiteral("N")});
    p.addOption({QStringLiteral("lr"), QStringLiteral("Learning rate (default 2e-4)."),
                 QStringLiteral("LR")});
    p.addOption({QStringLiteral("seed"),
                 QStringLiteral("Simulation and training seed (default 1)."), QStringLiteral("N")});
}

/// Reads the model kind, the training settings (checked with TrainConfig::validate()) and the
/// seed of the simulation and the training.
bool readBenchSettings(const QCommandLineParser& p, TrainRequest* request, QString* error)
{
    TrainConfig& t = request->train;
    t.epochs = 2;
    t.patience = 0;
    int seed = 1;
    if (!parseModelKind(p.value(QStringLiteral("model")), &request->model.kind)) {
        *error = QStringLiteral("unknown --model '%1'").arg(p.value(QStringLiteral("model")));
        return false;
    }
    if (!trainOption(p, QStringLiteral("epochs"), &TrainConfig::epochs, &t, error) ||
        !trainOption(p, QStringLiteral("batch-size"), &TrainConfig::batchSize, &t, error) ||
        !trainOption(p, QStringLiteral("threads"), &TrainConfig::threads, &t, error) ||
        !intOption(p, QStringLiteral("seed"), 0, 1 << 30, &seed, error) ||
        !trainOption(p, QStringLiteral("lr"), &TrainConfig::learningRate, &t, error))
        return false;
    t.seed = static_cast<std::uint64_t>(seed);
    return true;
}

/// Writes the simulated full-size cell type to `request->studyPath` and names it as the cell.
bool simulateStudy(TrainRequest* request, QString* error)
{
    SimulationConfig sim;
    sim.cells = 1;
    sim.genesPerCell = kGenes;
    sim.seed = request->train.seed;
    sim.trainFraction = double(kTrainGenes) / kGenes;
    sim.validFraction = double(kValidGenes) / kGenes;
    QElapsedTimer clock;
    clock.start();
    if (!writeSimulatedStudy(request->studyPath, sim, {}, error))
        return false;
    request->cell = Simulator::cellName(0);
    printLine(QStringLiteral("simulated %1 genes (%2 train, %3 valid, %4 test) in %5 s")
                  .arg(kGenes)
                  .arg(kTrainGenes)
                  .arg(kValidGenes)
                  .arg(kGenes - kTrainGenes - kValidGenes)
                  .arg(seconds(clock), 0, 'f', 1));
    return true;
}

/// The times of the epochs so far. Per epoch: training (to the last batch), training +
/// evaluation (EpochMetrics), and the wall time including the atomic store of the run.
struct EpochTimes {
    QElapsedTimer clock; ///< since the last epoch ended
    std::clock_t cpuStart = std::clock();
    double trainSeconds = 0; ///< of the epoch in progress
    double sumEpoch = 0;
    double sumWall = 0;
    double sumCpu = 0;
    int epochs = 0;
};

/// Takes one progress report: notes the end of an epoch's training pass, or prints a finished
/// epoch and adds it up.
void timeEpoch(const TrainProgress& pr, EpochTimes* t)
{
    if (!pr.epochDone) {
        if (pr.batch == pr.batches)
            t->trainSeconds = seconds(t->clock);
        return;
    }
    const double wall = seconds(t->clock);
    const double cpu = static_cast<double>(std::clock() - t->cpuStart) / CLOCKS_PER_SEC;
    const EpochMetrics& m = pr.metrics;
    printLine(QStringLiteral("epoch %1: %2 s (training %3 s, evaluation %4 s), %5 s with "
                             "storing (CPU %9 s); loss %6, valid AUROC %7, test AUROC %8")
                  .arg(m.epoch)
                  .arg(m.seconds, 0, 'f', 2)
                  .arg(t->trainSeconds, 0, 'f', 2)
                  .arg(m.seconds - t->trainSeconds, 0, 'f', 2)
                  .arg(wall, 0, 'f', 2)
                  .arg(m.trainLoss, 0, 'f', 4)
                  .arg(m.validAuroc, 0, 'f', 4)
                  .arg(m.testAuroc, 0, 'f', 4)
                  .arg(cpu, 0, 'f', 2));
    t->sumEpoch += m.seconds;
    t->sumCpu += cpu;
    t->cpuStart = std::clock();
    t->sumWall += wall;
    ++t->epochs;
    t->clock.restart();
}

/// The mean times per epoch and the best epoch's metrics.
void printSummary(const EpochTimes& t, const RunRecord& run, int threads)
{
    const int n = std::max(t.epochs, 1);
    printLine(QStringLiteral("threads %1; seconds per epoch (training + validation + test "
                             "evaluation): %2 mean, %3 with storing (CPU %4); target ≤ 4.0 s")
                  .arg(threads)
                  .arg(t.sumEpoch / n, 0, 'f', 2)
                  .arg(t.sumWall / n, 0, 'f', 2)
                  .arg(t.sumCpu / n, 0, 'f', 2));
    const EpochMetrics best = run.bestMetrics().value_or(EpochMetrics());
    printLine(QStringLiteral("best epoch %1: valid AUROC %2, test AUROC %3, test AUPR %4")
                  .arg(run.bestEpoch)
                  .arg(best.validAuroc, 0, 'f', 4)
                  .arg(best.testAuroc, 0, 'f', 4)
                  .arg(best.testAupr, 0, 'f', 4));
    printLine(
        QStringLiteral("peak memory (ru_maxrss): %1 MB").arg(peakMemoryMegabytes(), 0, 'f', 0));
}

} // namespace

int runBenchTrain(const QStringList& args)
{
    const QString cmd = QStringLiteral("bench train");
    QCommandLineParser p;
    addBenchOptions(p);
    int code = 0;
    if (!parseArguments(p, cmd,
                        QStringLiteral("Train on a simulated full-size cell type (19,802 genes, "
                                       "6,601 for training) and report seconds per epoch, "
                                       "including validation and test evaluation, and the AUROC "
                                       "reached. Target: ≤ 4 s per epoch at batch 16, 2 threads."),
                        args, &code))
        return code;
    TrainRequest request;
    QString error;
    if (!readBenchSettings(p, &request, &error))
        return fail(cmd, error);

    QTemporaryDir dir;
    if (!dir.isValid())
        return fail(cmd, QStringLiteral("cannot create a temporary folder"));
    request.studyPath = dir.filePath(QStringLiteral("bench.h5"));
    if (!simulateStudy(&request, &error))
        return fail(cmd, error);
    printLine(QStringLiteral("model %1, batch %2, lr %3, %4 epochs")
                  .arg(modelKindKey(request.model.kind))
                  .arg(request.train.batchSize)
                  .arg(request.train.learningRate)
                  .arg(request.train.epochs));

    EpochTimes times;
    times.clock.start();
    const TrainOutcome outcome = trainModel(request, [&](const TrainProgress& pr) {
        timeEpoch(pr, &times);
        return true;
    });
    if (!outcome.ok)
        return fail(cmd, outcome.error);
    printSummary(times, outcome.run, request.train.threadCount());
    return 0;
}

} // namespace ac::cli
