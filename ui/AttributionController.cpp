#include "AttributionController.h"

#include "Job.h"
#include "JobController.h"
#include "interpret/Attributor.h"
#include "store/StudyFile.h"

#include <mutex>

namespace ac
{

/// The Attributor of one study and run; an Attributor is used by one thread at a time.
struct AttributionModelCache {
    std::mutex mutex;
    QString key; ///< study path and run id
    std::unique_ptr<Attributor> attributor;
    QString meanKey; ///< study path and cell of `trainingMean`
    std::vector<float> trainingMean;
};

namespace
{

bool isFast(AttributionMethod m)
{
    return m == AttributionMethod::Saliency || m == AttributionMethod::InputTimesGradient;
}

/// Gives the model's integrated gradients the baseline of `r` (reading the cell's training mean
/// once per study and cell); false with `error`. Runs in the worker thread, `model` locked.
bool setBaseline(AttributionModelCache* model, const AttributionRequest& r, QString* error)
{
    IgBaseline baseline;
    if (r.baseline == IgBaselineKind::Shuffled)
        baseline = IgBaseline::shuffled();
    if (r.baseline == IgBaselineKind::TrainingMean) {
        const QString key = r.studyPath + QLatin1Char('\n') + r.cell;
        if (model->meanKey != key) {
            model->meanKey.clear();
            CellData cell;
            std::unique_ptr<StudyFile> study = StudyFile::open(r.studyPath, error);
            if (!study || !study->readCell(r.cell, &cell, error))
                return false;
            model->trainingMean = IgBaseline::trainingMean(cell);
            model->meanKey = key;
        }
        baseline = IgBaseline::mean(model->trainingMean);
    }
    return model->attributor->setIntegratedGradientBaseline(baseline, error);
}

/// Runs in the worker thread.
JobResult computeMap(AttributionModelCache* model, const AttributionRequest& r)
{
    JobResult result;
    std::lock_guard<std::mutex> lock(model->mutex);
    const QString key = r.studyPath + QLatin1Char('\n') + r.runId;
    if (!model->attributor || model->key != key) {
        model->attributor.reset();
        model->key.clear();
        std::unique_ptr<StudyFile> study = StudyFile::open(r.studyPath, &result.message);
        if (study)
            model->attributor =
                Attributor::load(*study, r.runId, QStringLiteral("best"), &result.message);
        if (!model->attributor)
            return result;
        model->key = key;
    }
    Attributor& a = *model->attributor;
    if (a.markCount() != r.markCount || a.binCount() != r.binCount) {
        result.message =
            QStringLiteral("%1: the model's input (%2 marks × %3 bins) does not fit the gene's")
                .arg(r.runId)
                .arg(a.markCount())
                .arg(a.binCount());
        return result;
    }
    if (r.method == AttributionMethod::IntegratedGradients &&
        !setBaseline(model, r, &result.message))
        return result;
    const AttributionMap map = a.attribute(r.values.data(), r.method);
    if (r.method == AttributionMethod::IntegratedGradients) {
        // Completeness of this gene: the attributions should sum to f(x) − f(x₀).
        IgCompleteness c;
        c.steps = a.integratedGradientSteps();
        c.sum = {0.0f};
        for (float v : map.values)
            c.sum[0] += v;
        c.delta = {map.logit - map.baselineLogit};
        result.message =
            QStringLiteral("Integrated gradients of %1 (%2 steps, from %7): "
                           "\u03a3 attribution %3, f(x) \u2212 f(x\u2080) %4, "
                           "completeness error %5%6")
                .arg(r.geneName)
                .arg(c.steps)
                .arg(c.sum[0], 0, 'f', 4)
                .arg(c.delta[0], 0, 'f', 4)
                .arg(c.error(0), 0, 'g', 3)
                .arg(c.isLarge(0) ? QStringLiteral(" — large: too few steps") : QString())
                .arg(IgBaseline::name(r.baseline));
    }
    result.value = QVariant::fromValue(map.values);
    result.ok = true;
    return result;
}

} // namespace

AttributionController::AttributionController(QObject* parent)
    : QObject(parent), m_jobs(new JobController(this)),
      m_model(std::make_shared<AttributionModelCache>())
{
    connect(m_jobs, &JobController::finished, this, &AttributionController::onFinished);
}

AttributionController::~AttributionController() = default;

void AttributionController::request(AttributionRequest request)
{
    ++m_token;
    m_pending = std::make_unique<AttributionRequest>(std::move(request));
    if (!m_jobs->isRunning())
        startNext();
}

void AttributionController::cancel()
{
    ++m_token;
    m_pending.reset();
}

void AttributionController::reset()
{
    cancel();
    // A running job keeps the old model alive until it ends.
    m_model = std::make_shared<AttributionModelCache>();
}

void AttributionController::startNext()
{
    if (!m_pending)
        return;
    m_running = std::move(*m_pending);
    m_pending.reset();
    m_runningToken = m_token;
    if (!isFast(m_running.method))
        Q_EMIT statusMessage(
            QStringLiteral("Computing %1 for %2…")
                .arg(attributionMethodName(m_running.method).toLower(), m_running.geneName),
            0);
    std::shared_ptr<AttributionModelCache> model = m_model;
    AttributionRequest r = m_running;
    m_jobs->start(QStringLiteral("%1: %2").arg(r.runId, attributionMethodName(r.method)),
                  [model, r](const ProgressCallback&) { return computeMap(model.get(), r); });
}

void AttributionController::onFinished(const JobResult& result)
{
    // A newer gene, run or choice supersedes this result.
    if (m_runningToken == m_token) {
        if (result.ok) {
            if (!result.message.isEmpty())
                Q_EMIT statusMessage(result.message, 15000);
            else if (!isFast(m_running.method))
                Q_EMIT statusCleared();
            // The panel says which baseline integrated gradients started from, unless zero.
            QString name = attributionMethodName(m_running.method);
            if (m_running.method == AttributionMethod::IntegratedGradients &&
                m_running.baseline != IgBaselineKind::Zero)
                name += QStringLiteral(" (from %1)").arg(IgBaseline::name(m_running.baseline));
            Q_EMIT ready(m_running.geneId, name, result.value.value<std::vector<float>>());
        } else {
            Q_EMIT statusMessage(result.message, 10000);
        }
    }
    startNext();
}

} // namespace ac

#include "moc_AttributionController.cpp"
