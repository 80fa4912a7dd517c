#include "JobController.h"

#include "JobWorker.h"

namespace ac
{

JobController::JobController(QObject* parent, const QString& threadName) : QObject(parent)
{
    qRegisterMetaType<ac::JobResult>();
    qRegisterMetaType<ac::DetailedJob>();
    m_thread.setObjectName(threadName);
    m_worker = new JobWorker(&m_cancel);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(this, &JobController::requestRun, m_worker, &JobWorker::run);
    connect(m_worker, &JobWorker::progress, this, &JobController::progress);
    connect(m_worker, &JobWorker::detail, this, &JobController::detail);
    connect(m_worker, &JobWorker::finished, this, [this](const JobResult& result) {
        m_running = false;
        Q_EMIT finished(result);
    });
    m_thread.start();
}

JobController::~JobController()
{
    m_cancel = true;
    m_thread.requestInterruption();
    m_thread.quit();
    m_thread.wait();
}

bool JobController::start(const QString& errorContext, const Job& job)
{
    if (!job)
        return false;
    return startDetailed(errorContext, [job](const ProgressCallback& progress,
                                             const DetailCallback&) { return job(progress); });
}

bool JobController::startDetailed(const QString& errorContext, const DetailedJob& job)
{
    if (m_running || !job)
        return false;
    m_cancel = false;
    m_running = true;
    Q_EMIT requestRun(errorContext, job);
    return true;
}

void JobController::cancel()
{
    if (m_running)
        m_cancel = true;
}

} // namespace ac
