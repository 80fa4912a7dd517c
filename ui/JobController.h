#pragma once

#include "Job.h"

#include <QObject>
#include <QString>
#include <QThread>

#include <atomic>

namespace ac
{

class JobWorker;

/**
 * The one worker thread of the GUI's background work (imports into a study, validations,
 * training through TrainingController): runs jobs one at a time in its own thread and relays
 * progress and the result to the GUI thread. Owns the thread, the worker and the cancel flag;
 * the destructor cancels a running job and waits for it. Nothing a job throws leaves the worker:
 * it becomes finished() with `ok` false. Use from the GUI thread.
 */
class JobController : public QObject
{
    Q_OBJECT
public:
    explicit JobController(QObject* parent = nullptr,
                           const QString& threadName = QStringLiteral("job"));
    ~JobController() override;

    /// Starts `job`; false when one is already running. `errorContext` names the work in the
    /// error an exception becomes, e.g. "E123-H3K27ac.bw: import".
    bool start(const QString& errorContext, const Job& job);
    /// As start(), for a job that also reports detail() values.
    bool startDetailed(const QString& errorContext, const DetailedJob& job);
    /// Asks the running job to stop; finished() follows, with `cancelled` unless it was done.
    void cancel();
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    /// `fraction` < 0: unknown (busy indicator). At most a few per second.
    void progress(double fraction, const QString& message);
    /// A DetailedJob's own progress value, as often as the job hands it over.
    void detail(const QVariant& value);
    void finished(const ac::JobResult& result);
    /// Internal: queued into the worker thread.
    void requestRun(const QString& errorContext, const ac::DetailedJob& job);

private:
    std::atomic<bool> m_cancel{false};
    QThread m_thread;
    JobWorker* m_worker = nullptr;
    bool m_running = false;
};

} // namespace ac
