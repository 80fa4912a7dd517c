// attentivechrome-cli bench lstm: the bin level of AttentiveChrome (5 marks × 2 directions,
// T = 100, hidden 32) through the fused LSTM, training step and all-genes inference, beside
// torch::nn::LSTM for comparison. Random weights and inputs: the timing does not depend on them.
#include "CliCommand.h"
#include "CliSupport.h"
#include "model/FusedLstm.h"

#include <ATen/Parallel.h>
#include <torch/torch.h>

#include <QElapsedTimer>
#include <ctime>
#include <vector>

namespace ac::cli {

namespace {

constexpr int64_t kMarks = 5;
constexpr int64_t kBins = 100;
constexpr int64_t kHidden = 32;

/// CPU time of the whole process (all threads), in seconds.
double processCpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

/// Wall-clock and CPU time of something, in seconds.
struct Timing {
    double wall = 0;
    double cpu = 0;
};

/// Mean time per call of `step` over `repeats` calls, after `warmUps` untimed calls.
template <typename F>
Timing timePerCall(int warmUps, int repeats, F&& step)
{
    for (int i = 0; i < warmUps; ++i)
        step();
    QElapsedTimer timer;
    timer.start();
    const double cpu0 = processCpuSeconds();
    for (int i = 0; i < repeats; ++i)
        step();
    return {static_cast<double>(timer.nsecsElapsed()) / 1e9 / repeats,
            (processCpuSeconds() - cpu0) / repeats};
}

/// "12.34 ms (CPU 20.10 ms)" with times in seconds and a unit scale.
QString describe(const Timing& t, double scale, const char* unit)
{
    return QStringLiteral("%1 %3 (CPU %2 %3)")
        .arg(t.wall * scale, 0, 'f', 2)
        .arg(t.cpu * scale, 0, 'f', 2)
        .arg(QLatin1String(unit));
}

} // namespace

int runBenchLstm(const QStringList& args)
{
    const QString command = QStringLiteral("bench lstm");
    QCommandLineParser parser;
    const QCommandLineOption threadsOpt(QStringLiteral("threads"),
                                        QStringLiteral("Intra-op threads (default 2)."),
                                        QStringLiteral("n"), QStringLiteral("2"));
    const QCommandLineOption batchOpt(QStringLiteral("batch"),
                                      QStringLiteral("Training batch size (default 16)."),
                                      QStringLiteral("n"), QStringLiteral("16"));
    const QCommandLineOption batchesOpt(QStringLiteral("batches"),
                                        QStringLiteral("Timed training batches (default 50)."),
                                        QStringLiteral("n"), QStringLiteral("50"));
    const QCommandLineOption genesOpt(QStringLiteral("genes"),
                                      QStringLiteral("Genes for inference (default 19802)."),
                                      QStringLiteral("n"), QStringLiteral("19802"));
    const QCommandLineOption torchOpt(QStringLiteral("with-torch"),
                                      QStringLiteral("Also time torch::nn::LSTM (slow)."));
    parser.addOptions({threadsOpt, batchOpt, batchesOpt, genesOpt, torchOpt});
    int exitCode = 0;
    if (!parseArguments(parser, command,
                        QStringLiteral("Times the fused bin-level BiLSTM (training and inference)."),
                        args, &exitCode))
        return exitCode;
    bool ok[4];
    const int threads = parser.value(threadsOpt).toInt(&ok[0]);
    const int64_t B = parser.value(batchOpt).toInt(&ok[1]);
    const int batches = parser.value(batchesOpt).toInt(&ok[2]);
    const int64_t genes = parser.value(genesOpt).toInt(&ok[3]);
    if (!ok[0] || !ok[1] || !ok[2] || !ok[3] || threads < 1 || B < 1 || batches < 1 || genes < 1)
        return fail(command, QStringLiteral("--threads, --batch, --batches and --genes take positive integers"));

    at::set_num_threads(threads);
    torch::manual_seed(1);
    const int64_t G = 2 * kMarks;
    const auto param = [](std::vector<int64_t> shape) {
        return (torch::rand(shape) * 0.2 - 0.1).requires_grad_(true);
    };
    const torch::Tensor wIh = param({G, 4 * kHidden, 1});
    const torch::Tensor wHh = param({G, 4 * kHidden, kHidden});
    const torch::Tensor bIh = param({G, 4 * kHidden});
    const torch::Tensor bHh = param({G, 4 * kHidden});
    std::vector<bool> reverse;
    for (int64_t g = 0; g < G; ++g)
        reverse.push_back(g % 2 == 1);

    printLine(QStringLiteral("threads %1, marks %2, bins %3, hidden %4, kernels %5")
                  .arg(threads)
                  .arg(kMarks)
                  .arg(kBins)
                  .arg(kHidden)
                  .arg(QLatin1String(fusedLstmInstructionSet())));

    // Training step of the bin level: forward, a loss touching every hidden state, backward.
    const torch::Tensor xBatch = torch::rand({B, kBins, kMarks}) * 10;
    const torch::Tensor lossWeight = torch::randn({G, B, kBins, kHidden});
    const Timing fused = timePerCall(2, batches, [&] {
        const torch::Tensor x = xBatch.permute({2, 0, 1}).unsqueeze(3).repeat_interleave(2, 0); // [G, B, T, 1]
        (fusedLstm(x, wIh, wHh, bIh, bHh, reverse) * lossWeight).sum().backward();
    });
    printLine(QStringLiteral("fused train, batch %1: %2 forward+backward per batch").arg(B).arg(describe(fused, 1e3, "ms")));

    if (parser.isSet(torchOpt)) {
        std::vector<torch::nn::LSTM> lstms;
        for (int64_t m = 0; m < kMarks; ++m)
            lstms.emplace_back(torch::nn::LSTMOptions(1, kHidden).bidirectional(true));
        const Timing naive = timePerCall(1, std::max(1, batches / 5), [&] {
            torch::Tensor loss = torch::zeros({});
            for (int64_t m = 0; m < kMarks; ++m) {
                const torch::Tensor seq = xBatch.select(2, m).t().unsqueeze(2); // [T, B, 1]
                loss = loss + std::get<0>(lstms[static_cast<size_t>(m)]->forward(seq)).sum();
            }
            loss.backward();
        });
        printLine(QStringLiteral("torch::nn::LSTM, batch %1: %2 forward+backward per batch").arg(B).arg(describe(naive, 1e3, "ms")));
    }

    // All-genes inference: bin-level BiLSTMs and bin attention, no autograd.
    torch::NoGradGuard noGrad;
    const torch::Tensor xAll = torch::rand({genes, kBins, kMarks}) * 10;
    const torch::Tensor context = torch::rand({kMarks, 2 * kHidden}) * 0.2 - 0.1;
    BinAttentionEncoding enc = fusedBiLstmAttention(xAll.slice(0, 0, 64), wIh, wHh, bIh, bHh, context);
    const Timing infer = timePerCall(0, 1, [&] {
        enc = fusedBiLstmAttention(xAll, wIh, wHh, bIh, bHh, context);
    });
    printLine(QStringLiteral("fused infer, %1 genes: %2 (bin-level BiLSTM + attention)").arg(genes).arg(describe(infer, 1, "s")));
    return enc.alpha.isfinite().all().item<bool>() ? 0 : fail(command, QStringLiteral("non-finite attention"));
}

} // namespace ac::cli
