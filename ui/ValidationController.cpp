#include "ValidationController.h"

namespace ac {

ValidationController::ValidationController(QObject* parent) : QObject(parent)
{
    qRegisterMetaType<ac::ValidationRequest>();
    qRegisterMetaType<ac::ValidationReport>();
    m_thread.setObjectName(QStringLiteral("validation"));
    m_worker = new ValidationWorker(&m_cancel);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(this, &ValidationController::requestRun, m_worker, &ValidationWorker::run);
    connect(m_worker, &ValidationWorker::progress, this, &ValidationController::progress);
    connect(m_worker, &ValidationWorker::finished, this,
            [this](bool ok, const QString& error, const ValidationReport& report) {
                m_running = false;
                Q_EMIT finished(ok, error, report);
            });
    m_thread.start();
}

ValidationController::~ValidationController()
{
    m_cancel = true;
    m_thread.quit();
    m_thread.wait();
}

bool ValidationController::start(const ValidationRequest& request)
{
    if (m_running) return false;
    m_cancel = false;
    m_running = true;
    Q_EMIT requestRun(request);
    return true;
}

void ValidationController::cancel()
{
    if (m_running) m_cancel = true;
}

} // namespace ac
