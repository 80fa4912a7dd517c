#pragma once

#include "domain/TrackData.h"

#include <QString>
#include <QStringList>

namespace ac
{

/// What a track import produced. Plain value, safe to move across threads.
struct TrackImportResult {
    bool ok = false;
    QString error;        ///< on failure: "<file>:<line>: <what>" or "<file>: <what>"
    QStringList warnings; ///< things ignored or guessed, one sentence each
    TrackData track;      ///< genes × bins in the order of the genes given to the importer
    int missingGenes = 0; ///< genes whose every bin is NaN (not in the file, or no locus)
};

} // namespace ac
