#include "train/TrainingRun.h"

#include "model/ModelFactory.h"
#include "model/ModelWeights.h"
#include "store/StudyFile.h"
#include "train/Metrics.h"
#include "train/RunPredictor.h"

#include <QDateTime>
#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

namespace ac
{

namespace
{

double seconds(const QElapsedTimer& clock)
{
    return static_cast<double>(clock.nsecsElapsed()) * 1e-9;
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

/// Finds the first value of `cell` that is not a finite number; false with `error` naming it.
bool checkValues(const CellData& cell, const QString& studyPath, QString* error)
{
    const std::size_t perGene =
        static_cast<std::size_t>(cell.binCount) * static_cast<std::size_t>(cell.markCount);
    for (std::size_t i = 0; i < cell.values.size(); ++i) {
        if (!std::isfinite(cell.values[i])) {
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
    return true;
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
    if (!checkValues(cell, studyPath, error))
        return false;
    for (Split s : {Split::Train, Split::Valid}) {
        if (std::find(cell.splits.begin(), cell.splits.end(), s) == cell.splits.end()) {
            *error = QStringLiteral("%1: cell %2 has no %3 genes")
                         .arg(studyPath, cell.name, splitName(s));
            return false;
        }
    }
    return true;
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

} // namespace

TrainingRun::TrainingRun(const TrainRequest& request, const TrainCallback& progress)
    : m_request(request), m_progress(progress), m_resuming(!request.resumeRunId.isEmpty()),
      m_sink(request.studyPath, m_resuming)
{
}

TrainingRun::~TrainingRun() = default;

TrainOutcome TrainingRun::execute()
{
    if (!validateRequest() || !prepare() || !buildModel())
        return m_outcome;
    for (int epoch = m_firstEpoch; epoch <= m_run.train.epochs; ++epoch) {
        QElapsedTimer clock;
        clock.start();
        EpochPass pass;
        if (!trainEpoch(epoch, clock, &pass))
            break;
        const double trainSeconds = seconds(clock);
        EpochMetrics m = evaluate(epoch, pass);
        keepBest(m);
        m.seconds = seconds(clock);
        m_run.epochs.push_back(m);
        if (!endEpoch(m, trainSeconds, clock))
            break;
    }
    return m_outcome;
}

bool TrainingRun::validateRequest()
{
    return m_request.train.validate(&m_outcome.error);
}

bool TrainingRun::prepare()
{
    std::unique_ptr<StudyFile> study = StudyFile::open(m_request.studyPath, &m_outcome.error);
    if (!study || !(m_resuming ? resumeStoredRun(*study) : startNewRun(*study)))
        return false;
    m_outcome.run = m_run;
    // The study closes on return: the sink's editor replaces the file, so it is not kept open.
    return loadCell(*study);
}

bool TrainingRun::resumeStoredRun(const StudyFile& study)
{
    QString& error = m_outcome.error;
    const QString& path = m_request.studyPath;
    if (!study.readRun(m_request.resumeRunId, &m_run, &error) ||
        !study.readWeights(m_run.id, QStringLiteral("last"), &m_last, &error) ||
        !study.readWeights(m_run.id, QStringLiteral("best"), &m_best, &error))
        return false;
    if (!m_request.cell.isEmpty() && m_request.cell != m_run.cell) {
        error = QStringLiteral("%1: run %2 was trained on cell %3, not %4")
                    .arg(path, m_run.id, m_run.cell, m_request.cell);
        return false;
    }
    if (m_last.empty() || m_run.epochs.empty()) {
        error =
            QStringLiteral("%1: run %2 has no finished epoch to resume from").arg(path, m_run.id);
        return false;
    }
    if (static_cast<int>(m_run.epochs.size()) >= m_request.train.epochs) {
        error = QStringLiteral("%1: run %2 already has %3 epochs; ask for more than %3 epochs "
                               "to continue it")
                    .arg(path, m_run.id)
                    .arg(m_run.epochs.size());
        return false;
    }
    // The run keeps its seed and optimisation settings; the request may extend it.
    m_run.train.epochs = m_request.train.epochs;
    m_run.train.patience = m_request.train.patience;
    m_run.train.threads = m_request.train.threads;
    return true;
}

bool TrainingRun::startNewRun(const StudyFile& study)
{
    QString& error = m_outcome.error;
    const QString& path = m_request.studyPath;
    if (study.cellNames().indexOf(m_request.cell) < 0) {
        error = QStringLiteral("%1: no cell type \"%2\" in the study (it has: %3)")
                    .arg(path, m_request.cell, study.cellNames().join(QStringLiteral(", ")));
        return false;
    }
    m_run.id = m_request.runId.isEmpty() ? newRunId(study, m_request.cell, m_request.model.kind)
                                         : m_request.runId;
    if (study.runIds().contains(m_run.id)) {
        error = QStringLiteral("%1: a run \"%2\" already exists").arg(path, m_run.id);
        return false;
    }
    m_run.cell = m_request.cell;
    m_run.model = m_request.model;
    m_run.train = m_request.train;
    m_run.created = QDateTime::currentDateTimeUtc();
    return true;
}

bool TrainingRun::loadCell(const StudyFile& study)
{
    QString& error = m_outcome.error;
    const QString& path = m_request.studyPath;
    if (!study.readCell(m_run.cell, &m_cell, &error) || !checkCell(m_cell, path, &error))
        return false;
    if (m_resuming && m_run.stale) {
        error = QStringLiteral("%1: run %2 was trained on an earlier import of cell %3; its "
                               "epochs cannot be continued on the new data: start a new run")
                    .arg(path, m_run.id, m_run.cell);
        return false;
    }
    // Which import of the cell the run is trained on (StudyFile::readRun tells a stale run).
    m_run.cellDigest = study.cellDigest(m_run.cell);
    if (m_cell.binCount != m_run.model.binCount || m_cell.markCount != m_run.model.markCount) {
        error = QStringLiteral("%1: cell %2 has %3 bins × %4 marks, the model expects %5 × %6")
                    .arg(path, m_cell.name)
                    .arg(m_cell.binCount)
                    .arg(m_cell.markCount)
                    .arg(m_run.model.binCount)
                    .arg(m_run.model.markCount);
        return false;
    }
    return true;
}

bool TrainingRun::buildModel()
{
    const TrainConfig& cfg = m_run.train;
    at::set_num_threads(cfg.threadCount());
    m_model = makeModel(m_run.model);
    if (m_resuming) {
        QString& error = m_outcome.error;
        if (!importWeights(*m_model, m_last, &error)) {
            error = QStringLiteral("%1: run %2, last weights: %3")
                        .arg(m_request.studyPath, m_run.id, error);
            return false;
        }
    } else {
        initUniform(*m_model, cfg.initRange, cfg.seed);
    }
    // A fresh optimiser: Adam's moment estimates are not stored, so a resumed run restarts them.
    m_optimizer = std::make_unique<FlatAdam>(*m_model, cfg.learningRate);

    m_train = TrainingSplit::gather(m_cell, Split::Train);
    m_valid = TrainingSplit::gather(m_cell, Split::Valid);
    m_test = TrainingSplit::gather(m_cell, Split::Test);
    m_batches = static_cast<int>((m_train.size() + cfg.batchSize - 1) / cfg.batchSize);
    m_firstEpoch = static_cast<int>(m_run.epochs.size()) + 1;
    m_bestAuroc = -std::numeric_limits<double>::infinity();
    const std::optional<EpochMetrics> best = m_run.bestMetrics();
    if (best && !std::isnan(best->validAuroc))
        m_bestAuroc = best->validAuroc;
    return true;
}

bool TrainingRun::trainEpoch(int epoch, const QElapsedTimer& clock, EpochPass* pass)
{
    const TrainConfig& cfg = m_run.train;
    // Dropout (DeepChrome) draws from the global generator: seed it per epoch, like shuffling.
    torch::manual_seed(cfg.seed + static_cast<std::uint64_t>(epoch) * 7919u);
    const std::int64_t count = m_train.size();
    const std::vector<std::int64_t> order = shuffled(count, cfg.seed, epoch);
    const torch::Tensor orderTensor = torch::tensor(order, torch::kLong);

    m_model->train();
    pass->scores.assign(static_cast<std::size_t>(count), 0.0f);
    pass->labels.assign(static_cast<std::size_t>(count), 0);
    for (int b = 0; b < m_batches; ++b) {
        const std::int64_t begin = static_cast<std::int64_t>(b) * cfg.batchSize;
        const std::int64_t end = std::min(count, begin + cfg.batchSize);
        torch::Tensor p;
        const double loss = trainBatch(orderTensor.slice(0, begin, end), &p);
        if (!std::isfinite(loss)) {
            failOnLoss(loss, epoch, b + 1);
            return false;
        }
        pass->lossSum += loss * static_cast<double>(end - begin);
        for (std::int64_t i = begin; i < end; ++i) {
            const auto at = static_cast<std::size_t>(i);
            pass->scores[at] = p.data_ptr<float>()[i - begin];
            pass->labels[at] = m_train.labels[static_cast<std::size_t>(order[at])];
        }
        if (!reportBatch(epoch, b + 1, pass->lossSum / static_cast<double>(end), clock)) {
            cancel();
            return false;
        }
    }
    return true;
}

double TrainingRun::trainBatch(const torch::Tensor& genes, torch::Tensor* p)
{
    const torch::Tensor xb = m_train.x.index_select(0, genes); // [B, T, M]
    const torch::Tensor yb = m_train.y.index_select(0, genes); // [B]
    m_optimizer->zeroGrad();
    const torch::Tensor logit = m_model->forward(xb).logit; // [B]
    const torch::Tensor loss = torch::binary_cross_entropy_with_logits(logit, yb);
    const double value = loss.item<double>();
    if (!std::isfinite(value))
        return value; // no step: the run stops here
    loss.backward();
    m_optimizer->clipGradNorm(m_run.train.gradClip);
    m_optimizer->step();
    *p = torch::sigmoid(logit.detach()).contiguous(); // [B]
    return value;
}

bool TrainingRun::reportBatch(int epoch, int batch, double meanLoss, const QElapsedTimer& clock)
{
    if (!m_progress)
        return true;
    const int epochs = m_run.train.epochs;
    TrainProgress report;
    report.epoch = epoch;
    report.epochs = epochs;
    report.batch = batch;
    report.batches = m_batches;
    report.loss = meanLoss;
    // Remaining batches at this epoch's pace, plus evaluation and storing as long as they took
    // last epoch (unknown, so left out, during the first).
    const double batchSeconds = seconds(clock) / batch;
    report.etaSeconds = batchSeconds * (m_batches - batch) + m_lastEvalSeconds +
                        (batchSeconds * m_batches + m_lastEvalSeconds) * (epochs - epoch);
    return m_progress(report);
}

EpochMetrics TrainingRun::evaluate(int epoch, const EpochPass& pass)
{
    EpochMetrics m;
    m.epoch = epoch;
    m.trainLoss = pass.lossSum / static_cast<double>(std::max<std::int64_t>(m_train.size(), 1));
    m.trainAuroc = metrics::auroc(pass.scores, pass.labels);
    const std::vector<float> validScores = m_valid.evaluate(*m_model, &m.validLoss);
    m.validAuroc = metrics::auroc(validScores, m_valid.labels);
    m.validAupr = metrics::averagePrecision(validScores, m_valid.labels);
    double testLoss = 0;
    const std::vector<float> testScores = m_test.evaluate(*m_model, &testLoss);
    m.testAuroc = metrics::auroc(testScores, m_test.labels);
    m.testAupr = metrics::averagePrecision(testScores, m_test.labels);
    return m;
}

void TrainingRun::keepBest(const EpochMetrics& m)
{
    m_last = exportWeights(*m_model);
    // The first epoch is the best until a validation AUROC beats it (a validation split with one
    // class only has NaN AUROC: then the first epoch stays the best).
    if (m_run.bestEpoch == 0 || m.validAuroc > m_bestAuroc) {
        m_best = m_last;
        m_run.bestEpoch = m.epoch;
        if (!std::isnan(m.validAuroc))
            m_bestAuroc = m.validAuroc;
    }
}

bool TrainingRun::endEpoch(const EpochMetrics& m, double trainSeconds, const QElapsedTimer& clock)
{
    const TrainConfig& cfg = m_run.train;
    const bool patienceOut = cfg.patience > 0 && m.epoch - m_run.bestEpoch >= cfg.patience;
    TrainProgress report;
    report.epoch = m.epoch;
    report.epochs = cfg.epochs;
    report.batch = report.batches = m_batches;
    report.loss = m.trainLoss;
    report.epochDone = true;
    report.metrics = m;
    if (m.epoch == cfg.epochs || patienceOut) {
        // The last epoch: one commit with the final status and the cached results.
        finish(m.epoch < cfg.epochs ? QStringLiteral("stopped-early") : QStringLiteral("complete"));
        if (m_progress && m_outcome.ok) {
            report.etaSeconds = 0;
            m_progress(report);
        }
        return false;
    }
    if (m_sink.saveDue(m.epoch == m_firstEpoch) && !saveEpoch(m.epoch))
        return false;
    const double epochSeconds = seconds(clock);
    m_lastEvalSeconds = epochSeconds - trainSeconds;
    report.etaSeconds = epochSeconds * (cfg.epochs - m.epoch);
    if (m_progress && !m_progress(report)) {
        finish(QStringLiteral("cancelled"));
        return false;
    }
    return true;
}

bool TrainingRun::saveEpoch(int epoch)
{
    QString& error = m_outcome.error;
    m_run.status = QStringLiteral("running");
    if (m_sink.saveEpoch(m_run, m_best, m_last, &error))
        return true;
    error = QStringLiteral("%1: storing run %2 after epoch %3 failed: %4")
                .arg(m_request.studyPath, m_run.id)
                .arg(epoch)
                .arg(error);
    m_outcome.run = m_run;
    return false;
}

void TrainingRun::finish(const QString& status)
{
    QString& error = m_outcome.error;
    m_run.status = status;
    m_outcome.run = m_run;
    RunResults results;
    if (!inferResults(m_run, m_best, m_cell, &results, &error) ||
        !m_sink.saveFinal(m_run, m_best, m_last, results, &error)) {
        error = QStringLiteral("%1: storing run %2 failed: %3")
                    .arg(m_request.studyPath, m_run.id, error);
        return;
    }
    m_outcome.ok = true;
}

void TrainingRun::cancel()
{
    if (m_sink.holdsRun()) {
        finish(QStringLiteral("cancelled"));
        return;
    }
    // Nothing of the run is stored yet, and nothing will be.
    m_run.status = QStringLiteral("cancelled");
    m_outcome.ok = true;
    m_outcome.run = m_run;
}

void TrainingRun::failOnLoss(double loss, int epoch, int batch)
{
    QString& error = m_outcome.error;
    error = QStringLiteral("%1: run %2: the training loss became %3 at epoch %4, batch %5 (try a "
                           "lower learning rate, or check the input for extreme values)")
                .arg(m_request.studyPath, m_run.id)
                .arg(loss)
                .arg(epoch)
                .arg(batch);
    if (m_sink.holdsRun()) {
        m_run.status = QStringLiteral("failed");
        QString storeError;
        if (!m_sink.saveStatus(m_run, m_best, m_last, &storeError))
            error += QStringLiteral("; marking the run failed: ") + storeError;
    }
    m_outcome.run = m_run;
}

} // namespace ac
