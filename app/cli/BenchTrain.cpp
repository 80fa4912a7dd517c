// attentivechrome-cli bench train: seconds per epoch of a full-size simulated cell type.
#include "CliCommand.h"
#include "CliSupport.h"
#include "RunOptions.h"

#include "jobs/SimulatedStudy.h"
#include "train/Trainer.h"

#include <ATen/Parallel.h>

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

} // namespace

int runBenchTrain(const QStringList& args)
{
    const QString cmd = QStringLiteral("bench train");
    QCommandLineParser p;
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
    int code = 0;
    if (!parseArguments(p, cmd,
                        QStringLiteral("Train on a simulated full-size cell type (19,802 genes, "
                                       "6,601 for training) and report seconds per epoch, "
                                       "including validation and test evaluation, and the AUROC "
                                       "reached. Target: <= 10 s per epoch at batch 16."),
                        args, &code))
        return code;
    TrainRequest request;
    QString error;
    request.train.epochs = 2;
    request.train.patience = 0;
    int seed = 1;
    if (!parseModelKind(p.value(QStringLiteral("model")), &request.model.kind))
        return fail(cmd,
                    QStringLiteral("unknown --model '%1'").arg(p.value(QStringLiteral("model"))));
    if (!intOption(p, QStringLiteral("epochs"), 1, 1000, &request.train.epochs, &error) ||
        !intOption(p, QStringLiteral("batch-size"), 1, 1 << 20, &request.train.batchSize, &error) ||
        !intOption(p, QStringLiteral("threads"), 0, 1024, &request.train.threads, &error) ||
        !intOption(p, QStringLiteral("seed"), 0, 1 << 30, &seed, &error) ||
        !positiveOption(p, QStringLiteral("lr"), false, &request.train.learningRate, &error))
        return fail(cmd, error);
    request.train.seed = static_cast<std::uint64_t>(seed);

    QTemporaryDir dir;
    if (!dir.isValid())
        return fail(cmd, QStringLiteral("cannot create a temporary folder"));
    request.studyPath = dir.filePath(QStringLiteral("bench.h5"));
    SimulationConfig sim;
    sim.cells = 1;
    sim.genesPerCell = kGenes;
    sim.seed = static_cast<std::uint64_t>(seed);
    sim.trainFraction = double(kTrainGenes) / kGenes;
    sim.validFraction = double(kValidGenes) / kGenes;
    QElapsedTimer clock;
    clock.start();
    if (!writeSimulatedStudy(request.studyPath, sim, {}, &error))
        return fail(cmd, error);
    request.cell = Simulator::cellName(0);
    printLine(QStringLiteral("simulated %1 genes (%2 train, %3 valid, %4 test) in %5 s")
                  .arg(kGenes)
                  .arg(kTrainGenes)
                  .arg(kValidGenes)
                  .arg(kGenes - kTrainGenes - kValidGenes)
                  .arg(seconds(clock), 0, 'f', 1));
    printLine(QStringLiteral("model %1, batch %2, lr %3, %4 epochs")
                  .arg(modelKindKey(request.model.kind))
                  .arg(request.train.batchSize)
                  .arg(request.train.learningRate)
                  .arg(request.train.epochs));

    // Per epoch: training time (to the last batch), training + evaluation (EpochMetrics), and
    // the wall time including the atomic store of the run.
    QElapsedTimer epochClock;
    epochClock.start();
    double trainSeconds = 0, sumEpoch = 0, sumWall = 0;
    std::clock_t cpuStart = std::clock();
    double sumCpu = 0;
    int epochs = 0;
    const TrainOutcome outcome = trainModel(request, [&](const TrainProgress& pr) {
        if (!pr.epochDone) {
            if (pr.batch == pr.batches)
                trainSeconds = seconds(epochClock);
            return true;
        }
        const double wall = seconds(epochClock);
        const double cpu = static_cast<double>(std::clock() - cpuStart) / CLOCKS_PER_SEC;
        const EpochMetrics& m = pr.metrics;
        printLine(QStringLiteral("epoch %1: %2 s (training %3 s, evaluation %4 s), %5 s with "
                                 "storing (CPU %9 s); loss %6, valid AUROC %7, test AUROC %8")
                      .arg(m.epoch)
                      .arg(m.seconds, 0, 'f', 2)
                      .arg(trainSeconds, 0, 'f', 2)
                      .arg(m.seconds - trainSeconds, 0, 'f', 2)
                      .arg(wall, 0, 'f', 2)
                      .arg(m.trainLoss, 0, 'f', 4)
                      .arg(m.validAuroc, 0, 'f', 4)
                      .arg(m.testAuroc, 0, 'f', 4)
                      .arg(cpu, 0, 'f', 2));
        sumEpoch += m.seconds;
        sumCpu += cpu;
        cpuStart = std::clock();
        sumWall += wall;
        ++epochs;
        epochClock.restart();
        return true;
    });
    if (!outcome.ok)
        return fail(cmd, outcome.error);
    const RunRecord& run = outcome.run;
    const EpochMetrics& best = run.epochs[static_cast<std::size_t>(run.bestEpoch - 1)];
    printLine(QStringLiteral("threads %1; seconds per epoch (training + validation + test "
                             "evaluation): %2 mean, %3 with storing (CPU %4); target <= 10 s")
                  .arg(at::get_num_threads())
                  .arg(sumEpoch / std::max(epochs, 1), 0, 'f', 2)
                  .arg(sumWall / std::max(epochs, 1), 0, 'f', 2)
                  .arg(sumCpu / std::max(epochs, 1), 0, 'f', 2));
    printLine(QStringLiteral("best epoch %1: valid AUROC %2, test AUROC %3, test AUPR %4")
                  .arg(run.bestEpoch)
                  .arg(best.validAuroc, 0, 'f', 4)
                  .arg(best.testAuroc, 0, 'f', 4)
                  .arg(best.testAupr, 0, 'f', 4));
    return 0;
}

} // namespace ac::cli
