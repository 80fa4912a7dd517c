#pragma once

#include "domain/Progress.h"

#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <functional>

namespace ac
{

/// How a background job (JobController) ended. Plain value, queued across threads.
struct JobResult {
    bool ok = false;
    bool cancelled = false; ///< set by the controller when a cancel was asked and the job failed
    QString message;        ///< a one-line summary when `ok`, else the error (file:line if any)
    QStringList warnings;   ///< things accepted or guessed, one sentence each
    QStringList items;      ///< names of what the job added, e.g. the imported cells
    QVariant value;         ///< a plain value the job computed, e.g. a ValidationReport
};

/**
 * Long work for JobController's thread: a callable holding its inputs by value (never pointers
 * into GUI objects). It reports through the ProgressCallback, which returns false once a cancel
 * was asked (fraction < 0 shows a busy indicator), and returns its result. Exceptions are
 * caught by the worker.
 */
using Job = std::function<JobResult(const ProgressCallback& progress)>;

/// Hands a job's own progress value (e.g. a TrainProgress) to JobController::detail(). Called
/// from the worker thread; the job decides how often (it is relayed unthrottled).
using DetailCallback = std::function<void(const QVariant& detail)>;

/// A Job that also reports progress values of its own kind through a DetailCallback. It still
/// learns of a cancel from the ProgressCallback.
using DetailedJob =
    std::function<JobResult(const ProgressCallback& progress, const DetailCallback& detail)>;

} // namespace ac

Q_DECLARE_METATYPE(ac::JobResult)
Q_DECLARE_METATYPE(ac::DetailedJob)
