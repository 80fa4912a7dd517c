#pragma once

#include <QObject>
#include <QString>
#include <QStringList>
#include <QThread>

#include <atomic>

namespace ac {

class ImportWorker;

/**
 * Runs REMC imports in its own worker thread (one at a time) and relays progress and the outcome
 * to the GUI thread. Owns the thread and the worker; the destructor cancels a running import and
 * waits for it (the study is then unchanged). Use from the GUI thread.
 */
class ImportController : public QObject {
    Q_OBJECT
public:
    explicit ImportController(QObject* parent = nullptr);
    ~ImportController() override;

    /// Starts importing `folder` into `studyPath`; false when an import is already running.
    bool start(const QString& folder, const QString& studyPath);
    /// Asks the running import to stop; finished() follows with "cancelled".
    void cancel();
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    /// `fraction` < 0: unknown (busy indicator).
    void progress(double fraction, const QString& message);
    void finished(bool ok, const QString& message, const QStringList& cells,
                  const QStringList& warnings);
    /// Internal: queued into the worker thread.
    void requestRun(const QString& folder, const QString& studyPath);

private:
    std::atomic<bool> m_cancel{false};
    QThread m_thread;
    ImportWorker* m_worker = nullptr;
    bool m_running = false;
};

} // namespace ac
