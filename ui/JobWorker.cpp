#include "JobWorker.h"

#include <QElapsedTimer>

#include <exception>

namespace ac
{

JobWorker::JobWorker(const std::atomic<bool>* cancel, QObject* parent)
    : QObject(parent), m_cancel(cancel)
{
}

void JobWorker::run(const QString& errorContext, const DetailedJob& job)
{
    JobResult result;
    try {
        // Importers tick often; the GUI needs a few updates a second, not thousands.
        QElapsedTimer sinceEmit;
        const ProgressCallback progressCallback = [&](const Progress& p) {
            if (!sinceEmit.isValid() || sinceEmit.elapsed() >= 50 || p.fraction >= 1.0 ||
                p.fraction < 0) {
                sinceEmit.start();
                Q_EMIT progress(p.fraction, p.message);
            }
            return !m_cancel->load();
        };
        const DetailCallback detailCallback = [this](const QVariant& value) {
            Q_EMIT detail(value);
        };
        result = job(progressCallback, detailCallback);
    } catch (const std::exception& e) {
        result = JobResult();
        result.message =
            QStringLiteral("%1 failed: %2").arg(errorContext, QString::fromLocal8Bit(e.what()));
    } catch (...) {
        result = JobResult();
        result.message = QStringLiteral("%1 failed (unknown error)").arg(errorContext);
    }
    // A job that finished its change before it saw the cancel still succeeded.
    result.cancelled = !result.ok && m_cancel->load();
    Q_EMIT finished(result);
}

} // namespace ac
