#include "ImportController.h"

#include "ImportWorker.h"

namespace ac {

ImportController::ImportController(QObject* parent) : QObject(parent)
{
    m_thread.setObjectName(QStringLiteral("import"));
    m_worker = new ImportWorker(&m_cancel);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(this, &ImportController::requestRun, m_worker, &ImportWorker::run);
    connect(m_worker, &ImportWorker::progress, this, &ImportController::progress);
    connect(m_worker, &ImportWorker::finished, this,
            [this](bool ok, const QString& msg, const QStringList& cells, const QStringList& w) {
                m_running = false;
                Q_EMIT finished(ok, msg, cells, w);
            });
    m_thread.start();
}

ImportController::~ImportController()
{
    m_cancel = true;
    m_thread.requestInterruption();
    m_thread.quit();
    m_thread.wait();
}

bool ImportController::start(const QString& folder, const QString& studyPath)
{
    if (m_running) return false;
    m_cancel = false;
    m_running = true;
    Q_EMIT requestRun(folder, studyPath);
    return true;
}

void ImportController::cancel() { m_cancel = true; }

} // namespace ac
