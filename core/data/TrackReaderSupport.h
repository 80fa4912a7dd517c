#pragma once

#include "data/TrackImportResult.h"
#include "domain/Progress.h"

#include <QString>
#include <QStringList>
#include <vector>

namespace ac
{

class TextLineReader;

/// Small pieces shared by the track readers (BinnedCsvTrackReader, BedGraphTrackReader,
/// BigWigTrackReader). Stateless functions, safe from any thread.
namespace trackio
{

/// The file's name without its folder, as track errors and warnings name files.
QString fileName(const QString& path);
/// "<file name>:<line>".
QString fileLine(const QString& path, qint64 line);
/// The first five of `names` (sorted), quoted, and how many more there are.
QString firstFew(QStringList names);

/// Reports `reader`'s share of the file read; false (with "<file>: import cancelled" in
/// `result`) when `progress` cancels. True without a callback.
bool reportProgress(const ProgressCallback& progress, const TextLineReader& reader,
                    const QString& path, TrackImportResult* result);

/// Completes a successful import: the track `name` from `path` (genes × bins `values`) and a
/// warning for the `missingGenes` genes without any data.
void setTrack(const QString& path, const QString& name, std::vector<float> values, int missingGenes,
              TrackImportResult* result);

} // namespace trackio
} // namespace ac
