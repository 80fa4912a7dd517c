#pragma once

#include "Job.h"

#include <QObject>
#include <QString>

#include <atomic>

namespace ac
{

/**
 * Runs one job at a time in the JobController's thread. Progress leaves by queued signal, a few
 * times a second at most; detail values leave as the job hands them over. The cancel flag
 * belongs to the controller and is what the job's ProgressCallback answers. Nothing escapes
 * run(): an exception (std::exception or any other) becomes finished() with ok false.
 */
class JobWorker : public QObject
{
    Q_OBJECT
public:
    explicit JobWorker(const std::atomic<bool>* cancel, QObject* parent = nullptr);

public Q_SLOTS:
    /// Runs `job`; `errorContext` prefixes the message of an exception (e.g. "<file>: import").
    void run(const QString& errorContext, const ac::DetailedJob& job);

Q_SIGNALS:
    void progress(double fraction, const QString& message);
    void detail(const QVariant& value);
    void finished(const ac::JobResult& result);

private:
    const std::atomic<bool>* m_cancel;
};

} // namespace ac
