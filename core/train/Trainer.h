#pragma once

#include "domain/EpochMetrics.h"
#include "domain/ModelConfig.h"
#include "domain/RunRecord.h"
#include "domain/TrainConfig.h"

#include <QString>
#include <functional>

namespace ac
{

/// What to train: one cell type of a study, one variant.
struct TrainRequest {
    QString studyPath;
    QString cell;
    ModelConfig model;
    TrainConfig train;
    QString runId;       ///< empty: a new id is made ("<cell>-<kind>-<yyyyMMdd-hhmmss>")
    QString resumeRunId; ///< non-empty: continue this stored run from its last weights
};

/// A progress report of a running training; plain value, safe to queue across threads.
struct TrainProgress {
    int epoch = 0; ///< 1-based, the epoch in progress
    int epochs = 0;
    int batch = 0; ///< 1-based batch within the epoch
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
    bool ok = false; ///< false on error (then `error`); a cancel is ok with status "cancelled"
    QString error;
    RunRecord run; ///< as stored (status complete / stopped-early / cancelled / failed)
};

/**
 * Trains one model on one cell type and stores the run (config, seed, per-epoch metrics, best and
 * last weights) in the study, atomically: after the first epoch, then at most every 30 s (or 20
 * times the last save's duration, for large studies), and at the end. A cancel stores the last
 * finished epoch exactly; a crash leaves the study intact with the last saved epoch, at most
 * about 30 s of training behind. Blocking: run it in a worker thread. Deterministic for the same
 * seed and thread count. A non-finite loss stops with an error.
 *
 * Details of the contract:
 * - Threads: sets at::set_num_threads(train.threads, or all cores but one) for the calling thread.
 * - The run records the digest of the cell data it trains on (RunRecord::cellDigest): when the
 *   cell is imported again with other data, the run reads as stale, and cannot be resumed.
 * - Stored status: "running" after a save before the last epoch (what a crashed run keeps, read
 *   as interrupted once its process is gone),
 *   then "complete", "stopped-early" (patience ran out) or "cancelled"; "failed" when the loss
 *   became NaN after at least one epoch was stored. When the run ends with weights stored, the
 *   same commit caches p, α and β of every gene computed with the best weights
 *   (StudyEditor::writeResults), so the GUI can show the run at once.
 * - Cancel (the callback returns false): the epoch in progress is dropped; the stored run keeps
 *   the metrics and weights of the last finished epoch and gets status "cancelled". A cancel
 *   before the first epoch finished stores nothing (outcome ok, run.status "cancelled").
 * - Best epoch: the highest validation AUROC; the first epoch until one beats it (a validation
 *   split with one class only has NaN AUROC and never beats it).
 * - Early stopping: after `patience` epochs without a better validation AUROC (0 = never).
 * - Resume (resumeRunId): continues from the stored last weights with epoch (stored epochs + 1)
 *   up to train.epochs; the run keeps its model, seed, learning rate, batch size, clip and init
 *   range, and takes epochs, patience and threads from the request. Adam's moment estimates are
 *   not stored, so they restart from zero; shuffling and dropout are seeded per epoch, so the
 *   order of the genes is that of an uninterrupted run.
 * - Errors (outcome.ok false, `error` names the study and the run or gene): settings out of
 *   range (request.train fails TrainConfig::validate(); its message), unknown cell, no training or
 * validation genes, a non-finite input value, a non-finite loss, a failed write, an exception from
 * LibTorch (caught here, never thrown). Errors before the first stored epoch leave the study
 * unchanged.
 */
TrainOutcome trainModel(const TrainRequest& request, const TrainCallback& progress);

} // namespace ac
