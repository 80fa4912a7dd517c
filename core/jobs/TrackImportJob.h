#pragma once

#include "data/TrackImporter.h"
#include "domain/Progress.h"
#include "domain/TrackCoverage.h"

#include <QString>
#include <QStringList>

namespace ac
{

/// What to import: one track file into one cell type of a study. Plain value.
struct TrackImportRequest {
    QString studyPath;
    QString cell;
    TrackFormat format = TrackFormat::BedGraph;
    QString file;
    QString trackName = QStringLiteral("H3K27ac");
    /// Gene table (TSV, see GeneAnnotation) placing bedGraph/bigWig signal; it overrides the loci
    /// stored with the cell. Empty: the stored loci, completed from the bundled table of
    /// `assembly`.
    QString annotationPath;
    /// Genome assembly of the track file ("hg19", "hg38"). Empty: the one the cell records (hg19
    /// when it records none). Another than the cell's places every gene with the bundled table
    /// of this one (genes it lacks are missing).
    QString assembly;
};

/// How an import ended. Plain value, safe to queue across threads.
struct TrackImportOutcome {
    bool ok = false;
    bool cancelled = false; ///< the progress callback returned false (then `ok` is false)
    QString error;          ///< names the study, cell, or "<file>:<line>"
    QStringList warnings;   ///< the importer's, one sentence each, once the file was read
    int genes = 0;          ///< genes of the cell (rows of the track)
    TrackCoverage coverage; ///< of the track written (what `info` reports too)
    /// The assembly the signal was placed with (recorded with the track; empty for binned CSV).
    QString assembly;
    /// Genes whose locus came from the annotation table (bedGraph/bigWig), and that table's
    /// source (GeneAnnotation::source()); 0 and empty for binned CSV.
    int genesPlaced = 0;
    QString annotationSource;
};

/**
 * Imports a track into a study: reads the cell's gene index, fills missing gene loci from the
 * annotation of the chosen assembly (bedGraph/bigWig only), bins the file with TrackImporter and
 * writes the track (replacing one of the same name, with its assembly) with StudyEditor in one
 * atomic commit.
 *
 * Warnings (first): a bigWig whose chromosome lengths are not those of the chosen assembly
 * (chromosomeLengthMismatch; the import goes on, the user decides), and a cell that records no
 * assembly (an older study: hg19 assumed).
 *
 * Blocking: run it in a worker thread (or the CLI). `progress` (optional) receives the
 * importer's progress, then fraction 1 with "writing …" just before the study is written; it may
 * cancel until then. Failures are returned in the outcome; on error or cancel the study is
 * byte-for-byte unchanged. Safe to call from any thread, for different studies at once.
 */
TrackImportOutcome importTrack(const TrackImportRequest& request,
                               const ProgressCallback& progress = {});

} // namespace ac
