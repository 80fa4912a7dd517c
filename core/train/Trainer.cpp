#include "train/Trainer.h"

#include "model/ModelFactory.h"
#include "model/ModelWeights.h"
#include "store/StudyEditor.h"
#include "store/StudyFile.h"
#include "train/FlatAdam.h"
#include "train/Metrics.h"
#include "train/RunPredictor.h"

#include <torch/torch.h>

#include <QDateTime>
#include <QElapsedTimer>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <random>
#include <thread>

namespace ac
{

namespace
{

constexpr std::int64_t kEvalBatch = 1024;

/// Least time between two saves of a running training (see the epoch loop).
constexpr std::chrono::milliseconds kMinSaveInterval{30000};

/// The genes of one split as a tensor [N, T, M] with their labels.
struct SplitData {
    torch::Tensor x;
    torch::Tensor y; ///< [N] float 0/1
    std::vector<std::uint8_t> labels;
};

SplitData gatherSplit(const CellData& cell, Split split)
{
    std::vector<std::int64_t> index;
    SplitData s;
    for (int g = 0; g < cell.geneCount(); ++g) {
        if (cell.splits[static_cast<std::size_t>(g)] == split) {
            index.push_back(g);
            s.labels.push_back(cell.labels[static_cast<std::size_t>(g)] ? 1 : 0);
        }
    }
    const torch::Tensor all =
        torch::from_blob(const_cast<float*>(cell.values.data()),
                         {cell.geneCount(), cell.binCount, cell.markCount}, torch::kFloat);
    // index_select copies, so the split owns its data and `cell` may go away.
    s.x = all.index_select(0, torch::tensor(index, torch::kLong)); // [N, T, M]
    s.y = torch::tensor(std::vector<float>(s.labels.begin(), s.labels.end()), torch::kFloat);
    return s;
}

/// Probabilities of every gene of `x` and the mean BCE against `y` (eval mode, no autograd).
std::vector<float> evaluateSplit(ChromatinModelImpl& model, const SplitData& s, double* loss)
{
    torch::NoGradGuard noGrad;
    model.eval();
    const std::int64_t n = s.x.size(0);
    std::vector<torch::Tensor> logits;
    for (std::int64_t begin = 0; begin < n; begin += kEvalBatch)
        logits.push_back(model.forward(s.x.slice(0, begin, std::min(n, begin + kEvalBatch))).logit);
    if (n == 0) {
        *loss = std::nan("");
        return {};
    }
    const torch::Tensor logit = torch::cat(logits); // [N]
    *loss = torch::binary_cross_entropy_with_logits(logit, s.y).item<double>();
    const torch::Tensor p = torch::sigmoid(logit).contiguous();
    return std::vector<float>(p.data_ptr<float>(), p.data_ptr<float>() + n);
}

/// A deterministic permutation of 0..n-1 for (seed, epoch): portable Fisher–Yates on a
/// mt19937_64, independent of the standard library's distributions, and of earlier epochs (so a
/// resumed run shuffles its next epoch as an uninterrupted one would).
std::vector<std::int64_t> shuffled(std::int64_t n, std::uint64_t seed, int epoch)
{
    std::mt19937_64 rng(seed * 0x9E3779B97F4A7C15ull + static_cast<std::uint64_t>(epoch));
    std::vector<std::int64_t> order(static_cast<std::size_t>(n));
    for (std::int64_t i = 0; i < n; ++i)
        order[static_cast<std::size_t>(i)] = i;
    for (std::int64_t i = n - 1; i > 0; --i)
        std::swap(order[static_cast<std::size_t>(i)],
                  order[static_cast<std::size_t>(rng() % static_cast<std::uint64_t>(i + 1))]);
    return order;
}

int threadCount(int requested)
{
    if (requested > 0)
        return requested;
    const int cores = static_cast<int>(std::thread::hardware_concurrency());
    return std::max(1, cores - 1);
}

QString newRunId(const StudyFile& study, const QString& cell, ModelKind kind)
{
    const QString base =
        QStringLiteral("%1-%2-%3")
            .arg(cell, modelKindKey(kind),
                 QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss")));
    const QStringList existing = study.runIds();
    QString id = base;
    for (int n = 2; existing.contains(id); ++n)
        id = QStringLiteral("%1-%2").arg(base).arg(n);
    return id;
}

/// Checks the cell before any training: splits present, labels and values well-formed.
bool checkCell(const CellData& cell, const QString& studyPath, QString* error)
{
    const std::size_t genes = cell.genes.size();
    const std::size_t expectedValues =
        genes * static_cast<std::size_t>(cell.binCount) * static_cast<std::size_t>(cell.markCount);
    if (cell.labels.size() != genes || cell.splits.size() != genes ||
        cell.values.size() != expectedValues) {
        *error = QStringLiteral("%1: cell %2 is inconsistent (%3 genes, %4 labels, %5 splits, "
                                "%6 values)")
                     .arg(studyPath, cell.name)
                     .arg(genes)
                     .arg(cell.labels.size())
                     .arg(cell.splits.size())
                     .arg(cell.values.size());
        return false;
    }
    for (std::size_t i = 0; i < cell.values.size(); ++i) {
        if (!std::isfinite(cell.values[i])) {
            const std::size_t perGene = expectedValues / std::max<std::size_t>(genes, 1);
            const std::size_t g = i / perGene;
            const std::size_t bin = (i % perGene) / static_cast<std::size_t>(cell.markCount);
            const int mark = static_cast<int>(i % static_cast<std::size_t>(cell.markCount));
            *error = QStringLiteral("%1: cell %2, gene %3, bin %4, mark %5: value is not a finite "
                                    "number (%6)")
                         .arg(studyPath, cell.name, cell.genes[g].remcId)
                         .arg(bin + 1)
                         .arg(mark < cell.markNames.size() ? cell.markNames[mark]
                                                           : QString::number(mark + 1))
                         .arg(static_cast<double>(cell.values[i]));
            return false;
        }
    }
    for (Split s : {Split::Train, Split::Valid}) {
        if (std::find(cell.splits.begin(), cell.splits.end(), s) == cell.splits.end()) {
            *error = QStringLiteral("%1: cell %2 has no %3 genes")
                         .arg(studyPath, cell.name, splitName(s));
            return false;
        }
    }
    return true;
}

/// Writes the run (and, when `results` is given, its cached inference) in one atomic commit,
/// again on a fresh copy if another import or run saved to the study meanwhile.
bool storeRun(const QString& path, const RunRecord& run, const Weights& best, const Weights& last,
              const RunResults* results, QString* error)
{
    return StudyEditor::apply(
        path,
        [&](StudyEditor& editor, QString* err) {
            return editor.writeRun(run, best, last, err) &&
                   (!results || editor.writeResults(run.id, *results, err));
        },
        error);
}

/// p, α and β of every gene from the best weights, for the GUI.
bool inferResults(const RunRecord& run, const Weights& best, const CellData& cell, RunResults* out,
                  QString* error)
{
    std::unique_ptr<RunPredictor> predictor = RunPredictor::create(run.model, best, error);
    if (!predictor)
        return false;
    predictor->predictAll(cell, out, {});
    return true;
}

TrainOutcome trainUnguarded(const TrainRequest& request, const TrainCallback& progress)
{
    TrainOutcome outcome;
    QString& error = outcome.error;
    const QString& path = request.studyPath;
    if (request.train.epochs < 1 || request.train.batchSize < 1 ||
        !(request.train.learningRate > 0) || !(request.train.learningRate <= 1) ||
        request.train.patience < 0) {
        error = QStringLiteral("training needs epochs >= 1, batch size >= 1, a learning rate in "
                               "(0, 1] and patience >= 0");
        return outcome;
    }

    std::unique_ptr<StudyFile> study = StudyFile::open(path, &error);
    if (!study)
        return outcome;

    // The run: a new one, or the stored one to continue.
    RunRecord run;
    Weights best, last;
    const bool resuming = !request.resumeRunId.isEmpty();
    if (resuming) {
        if (!study->readRun(request.resumeRunId, &run, &error) ||
            !study->readWeights(run.id, QStringLiteral("last"), &last, &error) ||
            !study->readWeights(run.id, QStringLiteral("best"), &best, &error))
            return outcome;
        if (!request.cell.isEmpty() && request.cell != run.cell) {
            error = QStringLiteral("%1: run %2 was trained on cell %3, not %4")
                        .arg(path, run.id, run.cell, request.cell);
            return outcome;
        }
        if (last.empty() || run.epochs.empty()) {
            error =
                QStringLiteral("%1: run %2 has no finished epoch to resume from").arg(path, run.id);
            return outcome;
        }
        if (static_cast<int>(run.epochs.size()) >= request.train.epochs) {
            error = QStringLiteral("%1: run %2 already has %3 epochs; ask for more than %3 epochs "
                                   "to continue it")
                        .arg(path, run.id)
                        .arg(run.epochs.size());
            return outcome;
        }
        // The run keeps its seed and optimisation settings; the request may extend it.
        run.train.epochs = request.train.epochs;
        run.train.patience = request.train.patience;
        run.train.threads = request.train.threads;
    } else {
        if (study->cellNames().indexOf(request.cell) < 0) {
            error = QStringLiteral("%1: no cell type \"%2\" in the study (it has: %3)")
                        .arg(path, request.cell, study->cellNames().join(QStringLiteral(", ")));
            return outcome;
        }
        run.id = request.runId.isEmpty() ? newRunId(*study, request.cell, request.model.kind)
                                         : request.runId;
        if (study->runIds().contains(run.id)) {
            error = QStringLiteral("%1: a run \"%2\" already exists").arg(path, run.id);
            return outcome;
        }
        run.cell = request.cell;
        run.model = request.model;
        run.train = request.train;
        run.created = QDateTime::currentDateTimeUtc();
    }
    outcome.run = run;

    CellData cell;
    if (!study->readCell(run.cell, &cell, &error) || !checkCell(cell, path, &error))
        return outcome;
    if (cell.binCount != run.model.binCount || cell.markCount != run.model.markCount) {
        error = QStringLiteral("%1: cell %2 has %3 bins × %4 marks, the model expects %5 × %6")
                    .arg(path, cell.name)
                    .arg(cell.binCount)
                    .arg(cell.markCount)
                    .arg(run.model.binCount)
                    .arg(run.model.markCount);
        return outcome;
    }
    study.reset(); // the editor replaces the file; do not keep it open

    const TrainConfig& cfg = run.train;
    at::set_num_threads(threadCount(cfg.threads));

    std::shared_ptr<ChromatinModelImpl> model = makeModel(run.model);
    if (resuming) {
        if (!importWeights(*model, last, &error)) {
            error = QStringLiteral("%1: run %2, last weights: %3").arg(path, run.id, error);
            return outcome;
        }
    } else {
        initUniform(*model, cfg.initRange, cfg.seed);
    }
    // A fresh optimiser: Adam's moment estimates are not stored, so a resumed run restarts them.
    FlatAdam optimizer(*model, cfg.learningRate);

    const SplitData train = gatherSplit(cell, Split::Train);
    const SplitData valid = gatherSplit(cell, Split::Valid);
    const SplitData test = gatherSplit(cell, Split::Test);
    const std::int64_t trainCount = train.x.size(0);
    const int batches = static_cast<int>((trainCount + cfg.batchSize - 1) / cfg.batchSize);

    const int firstEpoch = static_cast<int>(run.epochs.size()) + 1;
    double bestAuroc = -std::numeric_limits<double>::infinity();
    if (run.bestEpoch >= 1 && run.bestEpoch <= static_cast<int>(run.epochs.size()) &&
        !std::isnan(run.epochs[static_cast<std::size_t>(run.bestEpoch - 1)].validAuroc))
        bestAuroc = run.epochs[static_cast<std::size_t>(run.bestEpoch - 1)].validAuroc;
    bool stored = resuming; // the study holds this run already

    // Finishes a run that stops with weights stored: final status and p/α/β of the best weights.
    const auto finish = [&](const QString& status) {
        run.status = status;
        outcome.run = run;
        RunResults results;
        if (!inferResults(run, best, cell, &results, &error) ||
            !storeRun(path, run, best, last, &results, &error)) {
            error = QStringLiteral("%1: storing run %2 failed: %3").arg(path, run.id, error);
            return;
        }
        outcome.ok = true;
    };

    double lastEvalSeconds = 0;
    QElapsedTimer sinceSave;
    qint64 lastSaveMs = 0;
    for (int epoch = firstEpoch; epoch <= cfg.epochs; ++epoch) {
        QElapsedTimer epochClock;
        epochClock.start();
        // Dropout (DeepChrome) draws from the global generator: seed it per epoch, like shuffling.
        torch::manual_seed(cfg.seed + static_cast<std::uint64_t>(epoch) * 7919u);
        const std::vector<std::int64_t> order = shuffled(trainCount, cfg.seed, epoch);
        const torch::Tensor orderTensor = torch::tensor(order, torch::kLong);

        model->train();
        double lossSum = 0;
        std::vector<float> trainScores(static_cast<std::size_t>(trainCount));
        std::vector<std::uint8_t> trainLabels(static_cast<std::size_t>(trainCount));
        for (int b = 0; b < batches; ++b) {
            const std::int64_t begin = static_cast<std::int64_t>(b) * cfg.batchSize;
            const std::int64_t end = std::min(trainCount, begin + cfg.batchSize);
            const torch::Tensor idx = orderTensor.slice(0, begin, end);
            const torch::Tensor xb = train.x.index_select(0, idx); // [B, T, M]
            const torch::Tensor yb = train.y.index_select(0, idx); // [B]

            optimizer.zeroGrad();
            const torch::Tensor logit = model->forward(xb).logit; // [B]
            const torch::Tensor loss = torch::binary_cross_entropy_with_logits(logit, yb);
            const double lossValue = loss.item<double>();
            if (!std::isfinite(lossValue)) {
                error = QStringLiteral("%1: run %2: the training loss became %3 at epoch %4, "
                                       "batch %5 (try a lower learning rate, or check the "
                                       "input for extreme values)")
                            .arg(path, run.id)
                            .arg(lossValue)
                            .arg(epoch)
                            .arg(b + 1);
                if (stored) {
                    run.status = QStringLiteral("failed");
                    QString storeError;
                    if (!storeRun(path, run, best, last, nullptr, &storeError))
                        error += QStringLiteral("; marking the run failed: ") + storeError;
                }
                outcome.run = run;
                return outcome;
            }
            loss.backward();
            optimizer.clipGradNorm(cfg.gradClip);
            optimizer.step();

            lossSum += lossValue * static_cast<double>(end - begin);
            const torch::Tensor p = torch::sigmoid(logit.detach()).contiguous();
            for (std::int64_t i = begin; i < end; ++i) {
                trainScores[static_cast<std::size_t>(i)] = p.data_ptr<float>()[i - begin];
                trainLabels[static_cast<std::size_t>(i)] =
                    train.labels[static_cast<std::size_t>(order[static_cast<std::size_t>(i)])];
            }

            if (progress) {
                TrainProgress report;
                report.epoch = epoch;
                report.epochs = cfg.epochs;
                report.batch = b + 1;
                report.batches = batches;
                report.loss = lossSum / static_cast<double>(end);
                // Remaining batches at this epoch's pace, plus evaluation and storing as long as
                // they took last epoch (unknown, so left out, during the first).
                const double batchSeconds =
                    static_cast<double>(epochClock.nsecsElapsed()) * 1e-9 / (b + 1);
                report.etaSeconds =
                    batchSeconds * (batches - b - 1) + lastEvalSeconds +
                    (batchSeconds * batches + lastEvalSeconds) * (cfg.epochs - epoch);
                if (!progress(report)) {
                    if (!stored) {
                        run.status = QStringLiteral("cancelled");
                        outcome.ok = true;
                        outcome.run = run;
                        return outcome;
                    }
                    finish(QStringLiteral("cancelled"));
                    return outcome;
                }
            }
        }

        const double trainSeconds = static_cast<double>(epochClock.nsecsElapsed()) * 1e-9;
        EpochMetrics m;
        m.epoch = epoch;
        m.trainLoss = lossSum / static_cast<double>(std::max<std::int64_t>(trainCount, 1));
        m.trainAuroc = metrics::auroc(trainScores, trainLabels);
        const std::vector<float> validScores = evaluateSplit(*model, valid, &m.validLoss);
        m.validAuroc = metrics::auroc(validScores, valid.labels);
        m.validAupr = metrics::averagePrecision(validScores, valid.labels);
        double testLoss = 0;
        const std::vector<float> testScores = evaluateSplit(*model, test, &testLoss);
        m.testAuroc = metrics::auroc(testScores, test.labels);
        m.testAupr = metrics::averagePrecision(testScores, test.labels);

        last = exportWeights(*model);
        // The first epoch is the best until a validation AUROC beats it (a validation split
        // with one class only has NaN AUROC: then the first epoch stays the best).
        if (run.bestEpoch == 0 || m.validAuroc > bestAuroc) {
            best = last;
            run.bestEpoch = epoch;
            if (!std::isnan(m.validAuroc))
                bestAuroc = m.validAuroc;
        }
        m.seconds = static_cast<double>(epochClock.nsecsElapsed()) * 1e-9;
        run.epochs.push_back(m);

        const bool patienceOut = cfg.patience > 0 && epoch - run.bestEpoch >= cfg.patience;
        TrainProgress report;
        report.epoch = epoch;
        report.epochs = cfg.epochs;
        report.batch = report.batches = batches;
        report.loss = m.trainLoss;
        report.epochDone = true;
        report.metrics = m;
        if (epoch == cfg.epochs || patienceOut) {
            // The last epoch: one commit with the final status and the cached results.
            finish(epoch < cfg.epochs ? QStringLiteral("stopped-early")
                                      : QStringLiteral("complete"));
            if (progress && outcome.ok) {
                report.etaSeconds = 0;
                progress(report);
            }
            break;
        }
        // A save copies the whole study (that is what makes it atomic), so its cost grows with
        // the study. Save the first epoch (the run shows up at once), then once at least
        // kMinSaveInterval, or 20 saves' time, has passed; the end of the run always saves.
        const bool saveDue = epoch == firstEpoch ||
                             sinceSave.elapsed() >= std::max<qint64>(kMinSaveInterval.count(),
                                                                     20 * lastSaveMs);
        if (saveDue) {
            QElapsedTimer saveClock;
            saveClock.start();
            run.status = QStringLiteral("running");
            if (!storeRun(path, run, best, last, nullptr, &error)) {
                error = QStringLiteral("%1: storing run %2 after epoch %3 failed: %4")
                            .arg(path, run.id)
                            .arg(epoch)
                            .arg(error);
                outcome.run = run;
                break;
            }
            stored = true;
            lastSaveMs = saveClock.elapsed();
            sinceSave.start();
        }
        const double epochSeconds = static_cast<double>(epochClock.nsecsElapsed()) * 1e-9;
        lastEvalSeconds = epochSeconds - trainSeconds;
        report.etaSeconds = epochSeconds * (cfg.epochs - epoch);
        if (progress && !progress(report)) {
            finish(QStringLiteral("cancelled"));
            break;
        }
    }
    return outcome;
}

} // namespace

TrainOutcome trainModel(const TrainRequest& request, const TrainCallback& progress)
{
    // LibTorch reports what it cannot compute (e.g. a step that overflows float) by throwing;
    // every write before it was atomic, so the study holds the last stored epoch at most.
    try {
        return trainUnguarded(request, progress);
    } catch (const std::exception& e) {
        TrainOutcome outcome;
        outcome.error = QStringLiteral("%1: training failed: %2")
                            .arg(request.studyPath, QString::fromLocal8Bit(e.what()).section(
                                                        QLatin1Char('\n'), 0, 0));
        return outcome;
    }
}

} // namespace ac
