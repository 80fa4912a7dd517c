// attentivechrome-cli bench infer: p, α and β of all genes of a full-size cell type, and one gene.
#include "CliCommand.h"
#include "CliSupport.h"
#include "RunOptions.h"

#include "data/Simulator.h"
#include "model/ModelFactory.h"
#include "model/ModelWeights.h"
#include "train/RunPredictor.h"

#include <torch/torch.h>

#include <QElapsedTimer>
#include <ctime>

namespace ac::cli
{

int runBenchInfer(const QStringList& args)
{
    const QString cmd = QStringLiteral("bench infer");
    QCommandLineParser p;
    p.addOption({QStringLiteral("model"), QStringLiteral("Model kind (default attentivechrome)."),
                 QStringLiteral("KIND"), QStringLiteral("attentivechrome")});
    p.addOption(
        {QStringLiteral("genes"), QStringLiteral("Genes (default 19802)."), QStringLiteral("N")});
    p.addOption({QStringLiteral("repeats"), QStringLiteral("Single-gene calls (default 200)."),
                 QStringLiteral("N")});
    p.addOption({QStringLiteral("threads"), QStringLiteral("Torch threads (default: all cores)."),
                 QStringLiteral("N")});
    int code = 0;
    if (!parseArguments(
            p, cmd,
            QStringLiteral("Time p, α and β for every gene of a simulated full-size "
                           "cell type (target < 2 s) and for one gene (target < 5 ms)."),
            args, &code))
        return code;
    ModelConfig config;
    QString error;
    int genes = 19802, repeats = 200, threads = 0;
    if (!parseModelKind(p.value(QStringLiteral("model")), &config.kind))
        return fail(cmd,
                    QStringLiteral("unknown --model '%1'").arg(p.value(QStringLiteral("model"))));
    if (!intOption(p, QStringLiteral("genes"), 3, 100000, &genes, &error) ||
        !intOption(p, QStringLiteral("repeats"), 1, 100000, &repeats, &error) ||
        !intOption(p, QStringLiteral("threads"), 0, 1024, &threads, &error))
        return fail(cmd, error);
    setInferenceThreads(threads);

    SimulationConfig sim;
    sim.cells = 1;
    sim.genesPerCell = genes;
    const CellData cell = Simulator(sim).cell(0).cell;
    // Timing does not depend on the values of the weights: a seeded uniform init stands in for
    // a trained run.
    std::shared_ptr<ChromatinModelImpl> model = makeModel(config);
    initUniform(*model, 0.1, 1);
    std::unique_ptr<RunPredictor> predictor =
        RunPredictor::create(config, exportWeights(*model), &error);
    if (!predictor)
        return fail(cmd, error);

    RunResults results;
    // Wall time, and the process CPU time (all threads) to judge it on a shared machine.
    QElapsedTimer clock;
    clock.start();
    const std::clock_t cpuStart = std::clock();
    predictor->predictAll(cell, &results, {});
    const double allSeconds = static_cast<double>(clock.nsecsElapsed()) * 1e-9;
    const double allCpu = static_cast<double>(std::clock() - cpuStart) / CLOCKS_PER_SEC;

    predictor->predictGene(cell.geneValues(0)); // first call allocates
    clock.restart();
    const std::clock_t oneCpuStart = std::clock();
    double checksum = 0;
    for (int i = 0; i < repeats; ++i)
        checksum += predictor->predictGene(cell.geneValues(i % genes)).p;
    const double oneMs = static_cast<double>(clock.nsecsElapsed()) * 1e-6 / repeats;
    const double oneCpuMs =
        static_cast<double>(std::clock() - oneCpuStart) * 1e3 / CLOCKS_PER_SEC / repeats;

    printLine(QStringLiteral("model %1, threads %2")
                  .arg(modelKindKey(config.kind))
                  .arg(at::get_num_threads()));
    printLine(QStringLiteral("all genes: %1 genes (p%2%3) in %4 s (CPU %5 s); target ≤ 1.0 s")
                  .arg(genes)
                  .arg(results.alpha.empty() ? QString() : QStringLiteral(", α"))
                  .arg(results.beta.empty() ? QString() : QStringLiteral(", β"))
                  .arg(allSeconds, 0, 'f', 3)
                  .arg(allCpu, 0, 'f', 3));
    printLine(QStringLiteral("one gene: %1 ms mean over %2 calls (CPU %3 ms; mean p %4); "
                             "target < 5 ms")
                  .arg(oneMs, 0, 'f', 3)
                  .arg(repeats)
                  .arg(oneCpuMs, 0, 'f', 3)
                  .arg(checksum / repeats, 0, 'f', 4));
    printLine(
        QStringLiteral("peak memory (ru_maxrss): %1 MB").arg(peakMemoryMegabytes(), 0, 'f', 0));
    return 0;
}

} // namespace ac::cli
