#include "TrainingController.h"

#include "TrainingJob.h"

namespace ac
{

TrainingController::TrainingController(QObject* parent)
    : QObject(parent), m_jobs(nullptr, QStringLiteral("training"))
{
    qRegisterMetaType<ac::TrainRequest>();
    qRegisterMetaType<ac::TrainProgress>();
    connect(&m_jobs, &JobController::detail, this,
            [this](const QVariant& value) { Q_EMIT progress(value.value<TrainProgress>()); });
    connect(&m_jobs, &JobController::finished, this, &TrainingController::onJobFinished);
}

TrainingController::~TrainingController() = default;

bool TrainingController::start(const QList<TrainRequest>& requests)
{
    if (m_running || requests.isEmpty())
        return false;
    m_requests = requests;
    m_index = -1;
    m_cancelled = false;
    m_running = true;
    startNext();
    return true;
}

void TrainingController::cancel()
{
    if (!m_running)
        return;
    m_cancelled = true;
    m_jobs.cancel();
}

void TrainingController::startNext()
{
    ++m_index;
    const TrainRequest r = m_requests.at(m_index);
    Q_EMIT runStarted(m_index, r);
    m_jobs.startDetailed(QStringLiteral("%1: training").arg(r.cell),
                         [r](const ProgressCallback& progress, const DetailCallback& detail) {
                             return TrainingJob::run(r, progress, detail);
                         });
}

void TrainingController::onJobFinished(const JobResult& result)
{
    Q_EMIT runFinished(result.ok, result.message, result.items.value(0), result.value.toString());
    if (result.ok && !m_cancelled && m_index + 1 < m_requests.size()) {
        startNext();
        return;
    }
    m_running = false;
    Q_EMIT allFinished();
}

} // namespace ac
