#include "TrainingWorker.h"

#include <QElapsedTimer>

#include <exception>

namespace ac {

TrainingWorker::TrainingWorker(const std::atomic<bool>* cancel, QObject* parent)
    : QObject(parent), m_cancel(cancel)
{
}

void TrainingWorker::run(const TrainRequest& request)
{
    try {
        QElapsedTimer sinceEmit;
        sinceEmit.start();
        const TrainOutcome outcome = trainModel(request, [this, &sinceEmit](const TrainProgress& p) {
            if (p.epochDone || sinceEmit.elapsed() >= 100) {
                sinceEmit.restart();
                Q_EMIT progress(p);
            }
            return !m_cancel->load();
        });
        if (!outcome.ok) {
            Q_EMIT finished(false, outcome.error, outcome.run.id, outcome.run.status);
            return;
        }
        const RunRecord& run = outcome.run;
        // A cancel before the first finished epoch stores nothing (no weights to infer with).
        if (run.bestEpoch < 1) {
            Q_EMIT finished(true, QStringLiteral("%1 before the first epoch finished; nothing was stored")
                                      .arg(run.status),
                            QString(), run.status);
            return;
        }
        const double auroc = run.epochs.size() >= std::size_t(run.bestEpoch)
                                 ? run.epochs[std::size_t(run.bestEpoch - 1)].testAuroc
                                 : 0.0;
        Q_EMIT finished(true, QStringLiteral("%1: %2 after %3 epoch(s), best epoch %4, test AUROC %5")
                                  .arg(run.id, run.status).arg(run.epochs.size()).arg(run.bestEpoch)
                                  .arg(auroc, 0, 'f', 3),
                        run.id, run.status);
    } catch (const std::exception& e) {
        Q_EMIT finished(false, QStringLiteral("%1: training failed: %2").arg(request.cell, QString::fromLocal8Bit(e.what())), QString(), QString());
    } catch (...) {
        Q_EMIT finished(false, QStringLiteral("%1: training failed (unknown error)").arg(request.cell), QString(), QString());
    }
}

} // namespace ac
