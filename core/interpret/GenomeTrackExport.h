#pragma once

#include "domain/CellData.h"
#include "domain/Progress.h"
#include "domain/RunResults.h"
#include "interpret/TrackQuantity.h"

#include <QString>
#include <QStringList>

namespace ac
{

class Attributor;
class StudyFile;

/**
 * Writes `quantity` of a run for every gene of `cell` to `path` as a genome track: bedGraph
 * (.bedGraph, .bg) or bigWig (.bw, .bigWig), placed by GenomeTrackWriter (each gene's bins at its
 * TSS and strand, overlaps to the nearest TSS) on the chromosomes of the cell's assembly. The
 * track is named `trackName`.
 *
 * α kinds read `results` (`attributor` may be null); attribution kinds compute the maps of every
 * gene with `attributor` (the run's model) from the cell's values, which `cell` must then hold,
 * reporting through `progress`. Returns false with `error` (naming the file) on a failure, when
 * the run lacks what `quantity` needs, or when `progress` cancels. Sentences about genes left out
 * are appended to `warnings`. Runs on the calling thread; see Attributor for its threading.
 */
bool exportGenomeTrack(const QString& path, const CellData& cell, const RunResults& results,
                       const TrackQuantity& quantity, const Attributor* attributor,
                       const QString& trackName, const ProgressCallback& progress,
                       QStringList* warnings, QString* error);

/**
 * exportGenomeTrack() for stored run `runId` of `study` with its `which` ("best", "last")
 * weights: reads the run, its cell and results (computed when not cached, as runResults()),
 * parses `what` (a TrackQuantity key) with the cell's marks and loads the model for attribution
 * kinds. The track is named "<cell> <run> <key>". Blocking (attribution of every gene may take
 * minutes): run it in a worker thread or the CLI. False with `error` naming the study, run or
 * file.
 */
bool exportRunTrack(const StudyFile& study, const QString& runId, const QString& which,
                    const QString& what, const QString& path, const ProgressCallback& progress,
                    QStringList* warnings, QString* error);

} // namespace ac
