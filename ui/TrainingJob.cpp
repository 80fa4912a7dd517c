#include "TrainingJob.h"

#include <QElapsedTimer>

#include <algorithm>
#include <optional>

namespace ac
{

namespace
{

// The generic progress of a training: the fraction of all batches of all epochs.
Progress overallProgress(const TrainRequest& request, const TrainProgress& p)
{
    Progress out;
    const double batches = double(std::max(1, p.epochs)) * std::max(1, p.batches);
    out.fraction = std::min(1.0, ((p.epoch - 1) * double(p.batches) + p.batch) / batches);
    out.message = QStringLiteral("%1: epoch %2/%3").arg(request.cell).arg(p.epoch).arg(p.epochs);
    return out;
}

} // namespace

JobResult TrainingJob::run(const TrainRequest& request, const ProgressCallback& progress,
                           const DetailCallback& detail)
{
    QElapsedTimer sinceEmit;
    sinceEmit.start();
    const TrainOutcome outcome = trainModel(request, [&](const TrainProgress& p) {
        if (p.epochDone || sinceEmit.elapsed() >= 100) {
            sinceEmit.restart();
            detail(QVariant::fromValue(p));
        }
        return progress(overallProgress(request, p));
    });
    const RunRecord& run = outcome.run;
    JobResult result;
    result.ok = outcome.ok;
    result.value = run.status;
    if (!outcome.ok) {
        result.message = outcome.error;
        if (!run.id.isEmpty())
            result.items << run.id;
        return result;
    }
    // A cancel before the first finished epoch stores nothing (no weights to infer with).
    if (run.bestEpoch < 1) {
        result.message = QStringLiteral("%1 before the first epoch finished; nothing was stored")
                             .arg(run.status);
        return result;
    }
    result.items << run.id;
    const std::optional<EpochMetrics> best = run.bestMetrics();
    result.message = QStringLiteral("%1: %2 after %3 epoch(s), best epoch %4, test AUROC %5")
                         .arg(run.id, run.status)
                         .arg(run.epochs.size())
                         .arg(run.bestEpoch)
                         .arg(best ? best->testAuroc : 0.0, 0, 'f', 3);
    return result;
}

} // namespace ac
