#pragma once

#include "domain/CellData.h"
#include "domain/Progress.h"
#include "domain/RunResults.h"

#include <QString>

namespace ac
{

class StudyFile;

/**
 * p, α and β of every gene of a run's cell type. With `which` "best" the results cached in the
 * study are returned when present (and match the cell's gene count); otherwise they are computed
 * with a RunPredictor in the calling thread (its torch thread count). `cell` is the run's cell
 * (readCell; X is needed only when nothing is cached). Returns false with `error` naming the
 * study and run on failure, or "cancelled" when `progress` returns false.
 */
bool runResults(const StudyFile& study, const QString& runId, const QString& which,
                const CellData& cell, RunResults* out, const ProgressCallback& progress,
                QString* error);

/**
 * Computes p, α and β of every gene with the run's best weights and caches them in the study at
 * `studyPath` (one atomic StudyEditor commit), replacing older cached results: for runs whose
 * weights came from elsewhere (imported). Blocking; run it in a worker thread.
 */
bool cacheRunResults(const QString& studyPath, const QString& runId,
                     const ProgressCallback& progress, QString* error);

} // namespace ac
