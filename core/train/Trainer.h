#pragma once

#include "model/ModelConfig.h"
#include "store/RunRecord.h"
#include "train/EpochMetrics.h"
#include "train/TrainConfig.h"

#include <QString>
#include <functional>

namespace ac {

/// What to train: one cell type of a study, one variant.
struct TrainRequest {
    QString studyPath;
    QString cell;
    ModelConfig model;
    TrainConfig train;
    QString runId;        ///< empty: a new id is made ("<cell>-<kind>-<yyyyMMdd-hhmmss>")
    QString resumeRunId;  ///< non-empty: continue this stored run from its last weights
};

/// A progress report of a running training; plain value, safe to queue across threads.
struct TrainProgress {
    int epoch = 0;          ///< 1-based, the epoch in progress
    int epochs = 0;
    int batch = 0;          ///< 1-based batch within the epoch
    int batches = 0;
    double loss = 0;        ///< running mean training loss of this epoch
    double etaSeconds = -1; ///< < 0 until known
    bool epochDone = false; ///< true once per epoch, with `metrics` filled
    EpochMetrics metrics;
};

/// Called from the training thread between batches; return false to cancel.
using TrainCallback = std::function<bool(const TrainProgress&)>;

/// How a training ended.
struct TrainOutcome {
    bool ok = false;        ///< false on error (then `error`); a cancel is ok with status "cancelled"
    QString error;
    RunRecord run;          ///< as stored (status complete / stopped-early / cancelled)
};

/**
 * Trains one model on one cell type and stores the run (config, seed, per-epoch metrics, best and
 * last weights) in the study, atomically after every epoch, so a crash or a cancel leaves the
 * study and the best checkpoint of the last finished epoch intact. Blocking: run it in a worker
 * thread. Deterministic for the same seed and thread count. A NaN loss stops with an error.
 */
TrainOutcome trainModel(const TrainRequest& request, const TrainCallback& progress);

} // namespace ac
