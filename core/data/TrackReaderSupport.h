#pragma once

#include "data/TextLineReader.h"
#include "data/TrackImportResult.h"
#include "domain/Progress.h"

#include <QString>
#include <QStringList>
#include <vector>

namespace ac
{

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

/// The error for a track value `text` at `where` ("<file>:<line>") that was not accepted:
/// `finite` says it parsed as a finite number, too large for a 32-bit float (fitsFloat32()).
QString badValue(const QString& where, const QString& text, bool finite);

/// Reports `reader`'s share of the file read; false (with "<file>: import cancelled" in
/// `result`) when `progress` cancels. True without a callback.
bool reportProgress(const ProgressCallback& progress, const TextLineReader& reader,
                    const QString& path, TrackImportResult* result);

/// Completes a successful import: the track `name` from `path` (genes × bins `values`) and a
/// warning for the `missingGenes` genes without any data.
void setTrack(const QString& path, const QString& name, std::vector<float> values, int missingGenes,
              TrackImportResult* result);

/**
 * Reads `path` (plain or gzip-compressed) line by line: `visit(line, lineNo, &error)` gets each
 * line without its ending and returns false (with `error`) to stop. Progress is reported every
 * 65,536 lines. False when the file cannot be opened or read, `visit` stopped, or `progress`
 * cancelled; `result->error` then says why.
 */
template <typename Visit>
bool forEachLine(const QString& path, const ProgressCallback& progress, TrackImportResult* result,
                 Visit&& visit)
{
    TextLineReader reader;
    if (!reader.open(path, &result->error))
        return false;
    QByteArray line;
    qint64 lineNo = 0;
    while (reader.readLine(&line, &result->error)) {
        ++lineNo;
        if (lineNo % 65536 == 0 && !reportProgress(progress, reader, path, result))
            return false;
        if (!visit(line, lineNo, &result->error))
            return false;
    }
    return result->error.isEmpty(); // else a read error ended the loop
}

} // namespace trackio
} // namespace ac
