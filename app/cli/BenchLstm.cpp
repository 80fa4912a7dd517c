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

namespace ac::cli
{

namespace
{

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
template <typename F> Timing timePerCall(int warmUps, int repeats, F&& step)
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

/// What the bench runs on: sizes from the command line, random bin-level LSTM weights.
struct LstmBench {
    int threads = 2;
    int64_t batch = 16;
    int batches = 50;
    int64_t genes = 19802;
    torch::Tensor wIh, wHh, bIh, bHh; ///< [G = 2 × marks, 4H, ...], one LSTM per mark and direction
    std::vector<bool> reverse;        ///< odd LSTMs run backwards
};

bool parseLstmBench(const QCommandLineParser& parser, LstmBench* bench)
{
    bool ok[4];
    bench->threads = parser.value(QStringLiteral("threads")).toInt(&ok[0]);
    bench->batch = parser.value(QStringLiteral("batch")).toInt(&ok[1]);
    bench->batches = parser.value(QStringLiteral("batches")).toInt(&ok[2]);
    bench->genes = parser.value(QStringLiteral("genes")).toInt(&ok[3]);
    return ok[0] && ok[1] && ok[2] && ok[3] && bench->threads >= 1 && bench->batch >= 1 &&
           bench->batches >= 1 && bench->genes >= 1;
}

void makeWeights(LstmBench* bench)
{
    torch::manual_seed(1);
    const int64_t G = 2 * kMarks;
    const auto param = [](std::vector<int64_t> shape) {
        return (torch::rand(shape) * 0.2 - 0.1).requires_grad_(true);
    };
    bench->wIh = param({G, 4 * kHidden, 1});
    bench->wHh = param({G, 4 * kHidden, kHidden});
    bench->bIh = param({G, 4 * kHidden});
    bench->bHh = param({G, 4 * kHidden});
    for (int64_t g = 0; g < G; ++g)
        bench->reverse.push_back(g % 2 == 1);
}

// Training step of the bin level: forward, a loss touching every hidden state, backward.
void timeTraining(const LstmBench& b, const torch::Tensor& xBatch)
{
    const torch::Tensor lossWeight = torch::randn({2 * kMarks, b.batch, kBins, kHidden});
    const Timing fused = timePerCall(2, b.batches, [&] {
        const torch::Tensor x =
            xBatch.permute({2, 0, 1}).unsqueeze(3).repeat_interleave(2, 0); // [G, B, T, 1]
        (fusedLstm(x, b.wIh, b.wHh, b.bIh, b.bHh, b.reverse) * lossWeight).sum().backward();
    });
    printLine(QStringLiteral("fused train, batch %1: %2 forward+backward per batch")
                  .arg(b.batch)
                  .arg(describe(fused, 1e3, "ms")));
}

// The same step through one torch::nn::LSTM per mark, for comparison.
void timeTorchTraining(const LstmBench& b, const torch::Tensor& xBatch)
{
    std::vector<torch::nn::LSTM> lstms;
    for (int64_t m = 0; m < kMarks; ++m)
        lstms.emplace_back(torch::nn::LSTMOptions(1, kHidden).bidirectional(true));
    const Timing naive = timePerCall(1, std::max(1, b.batches / 5), [&] {
        torch::Tensor loss = torch::zeros({});
        for (int64_t m = 0; m < kMarks; ++m) {
            const torch::Tensor seq = xBatch.select(2, m).t().unsqueeze(2); // [T, B, 1]
            loss = loss + std::get<0>(lstms[static_cast<size_t>(m)]->forward(seq)).sum();
        }
        loss.backward();
    });
    printLine(QStringLiteral("torch::nn::LSTM, batch %1: %2 forward+backward per batch")
                  .arg(b.batch)
                  .arg(describe(naive, 1e3, "ms")));
}

// All-genes inference: bin-level BiLSTMs and bin attention, no autograd. False when the
// attention is not finite.
bool timeInference(const LstmBench& b)
{
    torch::NoGradGuard noGrad;
    const torch::Tensor xAll = torch::rand({b.genes, kBins, kMarks}) * 10;
    const torch::Tensor context = torch::rand({kMarks, 2 * kHidden}) * 0.2 - 0.1;
    BinAttentionEncoding enc =
        fusedBiLstmAttention(xAll.slice(0, 0, 64), b.wIh, b.wHh, b.bIh, b.bHh, context);
    const Timing infer = timePerCall(
        0, 1, [&] { enc = fusedBiLstmAttention(xAll, b.wIh, b.wHh, b.bIh, b.bHh, context); });
    printLine(QStringLiteral("fused infer, %1 genes: %2 (bin-level BiLSTM + attention)")
                  .arg(b.genes)
                  .arg(describe(infer, 1, "s")));
    return enc.alpha.isfinite().all().item<bool>();
}

} // namespace

int runBenchLstm(const QStringList& args)
{
    const QString command = QStringLiteral("bench lstm");
    QCommandLineParser parser;
    parser.addOptions(
        {{QStringLiteral("threads"), QStringLiteral("Intra-op threads (default 2)."),
          QStringLiteral("n"), QStringLiteral("2")},
         {QStringLiteral("batch"), QStringLiteral("Training batch size (default 16)."),
          QStringLiteral("n"), QStringLiteral("16")},
         {QStringLiteral("batches"), QStringLiteral("Timed training batches (default 50)."),
          QStringLiteral("n"), QStringLiteral("50")},
         {QStringLiteral("genes"), QStringLiteral("Genes for inference (default 19802)."),
          QStringLiteral("n"), QStringLiteral("19802")},
         {QStringLiteral("with-torch"), QStringLiteral("Also time torch::nn::LSTM (slow).")}});
    int exitCode = 0;
    if (!parseArguments(
            parser, command,
            QStringLiteral("Times the fused bin-level BiLSTM (training and inference)."), args,
            &exitCode))
        return exitCode;
    LstmBench bench;
    if (!parseLstmBench(parser, &bench))
        return fail(
            command,
            QStringLiteral("--threads, --batch, --batches and --genes take positive integers"));

    at::set_num_threads(bench.threads);
    makeWeights(&bench);
    printLine(QStringLiteral("threads %1, marks %2, bins %3, hidden %4, kernels %5")
                  .arg(bench.threads)
                  .arg(kMarks)
                  .arg(kBins)
                  .arg(kHidden)
                  .arg(QLatin1String(fusedLstmInstructionSet())));

    const torch::Tensor xBatch = torch::rand({bench.batch, kBins, kMarks}) * 10;
    timeTraining(bench, xBatch);
    if (parser.isSet(QStringLiteral("with-torch")))
        timeTorchTraining(bench, xBatch);
    return timeInference(bench) ? 0 : fail(command, QStringLiteral("non-finite attention"));
}

} // namespace ac::cli
