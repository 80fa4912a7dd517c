#pragma once

#include "data/TrackImportResult.h"
#include "domain/GeneRecord.h"
#include "domain/GenomeAssembly.h"
#include "domain/Progress.h"

#include <QString>
#include <vector>

namespace ac
{

/**
 * Reads a bigWig track with BigWigFile and bins it with a TrackBinner: only the data blocks that
 * overlap gene windows are read, chromosome by chromosome. A chromosome's range is the whole
 * chromosome as the header gives it (0 .. length) when the file has any data on it; one without
 * data is missing (NaN).
 *
 * BigWigFile checks the file's structure before anything else, and each data block before its
 * intervals are used: a damaged file fails with an error, never a crash and never a partial
 * track (issue 13, findings 1 and 4).
 *
 * Errors name the file: not a regular readable file, not a bigWig file (a bigBed is named as
 * such), damaged or truncated (with the part, and for data the chromosome and region), no
 * chromosome in its header, two names for one chromosome, no chromosome of the genes. Progress is
 * reported after each chromosome.
 *
 * Keeps a reference to `genes` (the caller keeps them alive during read()). Not thread-safe.
 */
class BigWigTrackReader
{
public:
    BigWigTrackReader(const std::vector<GeneRecord>& genes, const QString& trackName);

    /// Reads `path`; `progress` (optional) is called after each chromosome and may cancel.
    TrackImportResult read(const QString& path, const ProgressCallback& progress) const;

    /// The chromosomes of the header of bigWig `path` (raw names, file order) with their lengths;
    /// false with `error` (naming the file) when it is not a readable bigWig file.
    static bool chromosomeLengths(const QString& path, std::vector<GenomeAssembly::Chromosome>* out,
                                  QString* error);

private:
    const std::vector<GeneRecord>& m_genes;
    QString m_name;
};

} // namespace ac
