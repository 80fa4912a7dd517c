#pragma once

#include "JobController.h"
#include "TrainMetaTypes.h"

#include <QList>
#include <QObject>

namespace ac
{

/**
 * Runs training requests one after another (each a TrainingJob) in the worker thread of its own
 * JobController and relays progress to the GUI thread. cancel() stops the current run between
 * batches (the run is stored with status "cancelled") and drops the queued ones. A failure
 * (including an exception in the trainer) ends the batch with runFinished(false, ...). The
 * destructor cancels and waits. Use from the GUI thread.
 */
class TrainingController : public QObject
{
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

private:
    void startNext();
    void onJobFinished(const JobResult& result);

    JobController m_jobs;
    QList<TrainRequest> m_requests;
    int m_index = -1;
    bool m_running = false;
    bool m_cancelled = false;
};

} // namespace ac
