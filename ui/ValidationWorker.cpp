#include "ValidationWorker.h"

#include <QElapsedTimer>

#include <exception>

namespace ac {

ValidationWorker::ValidationWorker(const std::atomic<bool>* cancel, QObject* parent)
    : QObject(parent), m_cancel(cancel)
{
}

void ValidationWorker::run(const ValidationRequest& request)
{
    try {
        QElapsedTimer sinceEmit;
        sinceEmit.start();
        ValidationReport report;
        QString error;
        const bool ok = Validator::run(request, &report,
                                       [this, &sinceEmit](const Progress& p) {
                                           if (sinceEmit.elapsed() >= 100 || p.fraction >= 1.0) {
                                               sinceEmit.restart();
                                               Q_EMIT progress(p.fraction, p.message);
                                           }
                                           return !m_cancel->load();
                                       },
                                       &error);
        Q_EMIT finished(ok, ok ? QString() : error, ok ? report : ValidationReport());
    } catch (const std::exception& e) {
        Q_EMIT finished(false, QStringLiteral("%1: validation failed: %2")
                                   .arg(request.runId, QString::fromLocal8Bit(e.what())),
                        ValidationReport());
    } catch (...) {
        Q_EMIT finished(false, QStringLiteral("%1: validation failed (unknown error)").arg(request.runId),
                        ValidationReport());
    }
}

} // namespace ac
