#pragma once

#include "Job.h"
#include "TrainMetaTypes.h"

namespace ac
{

/**
 * One training request as a DetailedJob for JobController's thread: trains the run with
 * trainModel, which stores it and, once it stops with weights, its cached results (p, α, β of
 * every gene from the best weights) in the study.
 *
 * Hands TrainProgress values to the DetailCallback at most ~10 per second plus every finished
 * epoch, and asks the ProgressCallback between batches whether to go on (the trainer stores a
 * cancelled run with status "cancelled"). The result is ok unless the training failed; its
 * `items` holds the stored run's id (empty when nothing was stored) and `value` the run's status
 * ("complete", "stopped-early", "cancelled", "failed"). Exceptions are left to the JobWorker.
 */
class TrainingJob
{
public:
    static JobResult run(const TrainRequest& request, const ProgressCallback& progress,
                         const DetailCallback& detail);
};

} // namespace ac
