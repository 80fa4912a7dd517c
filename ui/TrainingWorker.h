#pragma once

#include "TrainMetaTypes.h"

#include <QObject>
#include <QString>

#include <atomic>

namespace ac {

/**
 * Trains one run with trainModel, which stores the run and, once it stops with weights, its
 * cached results (p, α, β of every gene from the best weights) in the study. Lives in the
 * TrainingController's thread; one request at a time.
 *
 * Progress leaves as plain TrainProgress values, at most ~10 per second plus every finished
 * epoch. The cancel flag belongs to the controller; the trainer checks it between batches. Nothing escapes run(): every failure becomes finished(false, ...).
 */
class TrainingWorker : public QObject {
    Q_OBJECT
public:
    explicit TrainingWorker(const std::atomic<bool>* cancel, QObject* parent = nullptr);

public Q_SLOTS:
    void run(const ac::TrainRequest& request);

Q_SIGNALS:
    void progress(const ac::TrainProgress& progress);
    /// `status` is the run's stored status ("complete", "stopped-early", "cancelled"); `runId`
    /// is empty when nothing was stored.
    void finished(bool ok, const QString& message, const QString& runId, const QString& status);

private:
    const std::atomic<bool>* m_cancel;
};

} // namespace ac
