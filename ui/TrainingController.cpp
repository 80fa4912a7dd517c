#include "TrainingController.h"

#include "TrainingWorker.h"

namespace ac {

TrainingController::TrainingController(QObject* parent) : QObject(parent)
{
    qRegisterMetaType<ac::TrainRequest>();
    qRegisterMetaType<ac::TrainProgress>();
    m_thread.setObjectName(QStringLiteral("training"));
    m_worker = new TrainingWorker(&m_cancel);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(this, &TrainingController::requestRun, m_worker, &TrainingWorker::run);
    connect(m_worker, &TrainingWorker::progress, this, &TrainingController::progress);
    connect(m_worker, &TrainingWorker::finished, this, &TrainingController::onRunFinished);
    m_thread.start();
}

TrainingController::~TrainingController()
{
    m_cancel = true;
    m_thread.requestInterruption();
    m_thread.quit();
    m_thread.wait();
}

bool TrainingController::start(const QList<TrainRequest>& requests)
{
    if (m_running || requests.isEmpty()) return false;
    m_requests = requests;
    m_index = -1;
    m_cancel = false;
    m_running = true;
    startNext();
    return true;
}

void TrainingController::cancel()
{
    if (m_running) m_cancel = true;
}

void TrainingController::startNext()
{
    ++m_index;
    const TrainRequest& r = m_requests.at(m_index);
    Q_EMIT runStarted(m_index, r);
    Q_EMIT requestRun(r);
}

void TrainingController::onRunFinished(bool ok, const QString& message, const QString& runId,
                                       const QString& status)
{
    Q_EMIT runFinished(ok, message, runId, status);
    if (ok && !m_cancel.load() && m_index + 1 < m_requests.size()) {
        startNext();
        return;
    }
    m_running = false;
    Q_EMIT allFinished();
}

} // namespace ac
