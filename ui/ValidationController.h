#pragma once

#include "ValidationWorker.h"

#include <QObject>
#include <QThread>

#include <atomic>

namespace ac {

/**
 * Runs validations (Validator) in its own worker thread, one at a time, and relays progress and
 * the report to the GUI thread. Owns the thread, the worker and the cancel flag; the destructor
 * cancels a running validation and waits for it. Use from the GUI thread.
 */
class ValidationController : public QObject {
    Q_OBJECT
public:
    explicit ValidationController(QObject* parent = nullptr);
    ~ValidationController() override;

    /// Starts `request`; false when a validation already runs.
    bool start(const ValidationRequest& request);
    /// Asks the running validation to stop; finished(false, "cancelled", ...) follows.
    void cancel();
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    void progress(double fraction, const QString& message);
    void finished(bool ok, const QString& error, const ac::ValidationReport& report);
    /// Internal: queued into the worker thread.
    void requestRun(const ac::ValidationRequest& request);

private:
    std::atomic<bool> m_cancel{false};
    QThread m_thread;
    ValidationWorker* m_worker = nullptr;
    bool m_running = false;
};

} // namespace ac
