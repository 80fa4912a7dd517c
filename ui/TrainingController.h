#pragma once

#include "TrainMetaTypes.h"

#include <QList>
#include <QObject>
#include <QThread>

#include <atomic>

namespace ac {

class TrainingWorker;

/**
 * Runs training requests one after another in its own worker thread (TrainingWorker) and relays
 * progress to the GUI thread. Owns the thread, the worker and the cancel flag. cancel() stops the
 * current run between batches (the run is stored with status "cancelled") and drops the queued
 * ones. The destructor cancels and waits. Use from the GUI thread.
 */
class TrainingController : public QObject {
    Q_OBJECT
public:
    explicit TrainingController(QObject* parent = nullptr);
    ~TrainingController() override;

    /// Queues `requests` (e.g. one per cell type); false when a training already runs or the
    /// list is empty.
    bool start(const QList<TrainRequest>& requests);
    void cancel();
    bool isRunning() const { return m_running; }
    /// Index (0-based) of the request in progress and the number queued in this batch.
    int currentIndex() const { return m_index; }
    int requestCount() const { return int(m_requests.size()); }

Q_SIGNALS:
    void progress(const ac::TrainProgress& progress);
    /// A request began (index into the batch).
    void runStarted(int index, const ac::TrainRequest& request);
    /// One request ended; `runId` non-empty when a run was stored in the study.
    void runFinished(bool ok, const QString& message, const QString& runId, const QString& status);
    /// The whole batch ended (done, failed or cancelled).
    void allFinished();
    /// Internal: queued into the worker thread.
    void requestRun(const ac::TrainRequest& request);

private:
    void startNext();
    void onRunFinished(bool ok, const QString& message, const QString& runId, const QString& status);

    std::atomic<bool> m_cancel{false};
    QThread m_thread;
    TrainingWorker* m_worker = nullptr;
    QList<TrainRequest> m_requests;
    int m_index = -1;
    bool m_running = false;
};

} // namespace ac
