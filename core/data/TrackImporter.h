#pragma once

#include "data/TrackImportResult.h"
#include "domain/GeneRecord.h"
#include "domain/Progress.h"

#include <QString>
#include <QStringList>
#include <vector>

namespace ac
{

/// File formats a validation track (e.g. H3K27ac) can be imported from.
enum class TrackFormat {
    BinnedCsv, ///< `GeneID,BinID,value`, REMC gene ids, bins 1..100, already in gene orientation
    BedGraph,  ///< `chrom start end value`, 0-based half-open, sorted, non-overlapping
    BigWig     ///< binary bigWig (read and checked by BigWigFile)
};

/// "csv", "bedgraph" or "bigwig"; false for anything else.
bool parseTrackFormat(const QString& key, TrackFormat* out);

/// The format a file's extension names (case-insensitive): .bw/.bigwig → BigWig,
/// .bedgraph/.bg → BedGraph, .csv → BinnedCsv, the text formats also with .gz; false for
/// anything else.
bool trackFormatFromFileName(const QString& path, TrackFormat* out);

/**
 * Bins a signal track to the 100 bins of X (TSS-5000 .. TSS+5000, 100 bp each) for the genes of
 * one cell type.
 *
 * Orientation (the same as X in the REMC files): bin 0 is the most upstream bin *in the gene's
 * orientation*. For a plus-strand gene with 1-based TSS t, bin b covers the 1-based bases
 * [t-5000+100b, t-4901+100b]; for a minus-strand gene the window is mirrored, bin b covers
 * [t+4901-100b, t+5000-100b], so bin 0 is genomic TSS+5000 and bin 50 is the 100 bp ending at
 * the TSS. The binned CSV is taken as already oriented (it is in the REMC layout).
 *
 * bedGraph and bigWig intervals are placed with each gene's chrom/tss/strand (from the gene
 * annotation; hg19 by default). A bin's value is the mean signal over its 100 bp, weighted by
 * coverage: bases without an interval count as 0, as bedGraph and bigWig leave zero runs out.
 * Chromosome names are compared after normalising (`chr1`, `Chr1` and `1` are the same; `MT` is
 * `M`); a warning says when that was needed.
 *
 * Missing data is NaN, never 0: a gene without a locus, on a chromosome the file has no data for,
 * or whose window lies entirely outside the file's range gets a NaN row; bins outside the range get
 * NaN. The range of a chromosome is, for bedGraph, the span from its first interval's start to its
 * last interval's end; for bigWig, the chromosome as its header gives it (0 .. length), when the
 * file has any data on it.
 *
 * Errors (the result's `error`, naming the file and line): unreadable file, malformed line, end not
 * after start, unsorted or overlapping bedGraph intervals, a chromosome appearing in two separate
 * runs, no chromosome of the file known to the annotation, duplicate CSV (gene, bin), bin outside
 * 1..100, not a bigWig file. Chromosomes of the file without any annotated gene are ignored with a
 * warning.
 *
 * The entry point of track import: each format has its reader (BinnedCsvTrackReader,
 * BedGraphTrackReader, BigWigTrackReader); bedGraph and bigWig are binned by TrackBinner.
 *
 * Stateless apart from its settings; one instance may be used from one thread at a time.
 * Files are streamed: memory is genes × bins, whatever the file size. bedGraph and binned CSV
 * may be gzip-compressed (recognised by content, e.g. `x.bedGraph.gz`).
 */
class TrackImporter
{
public:
    /// `genes` in the cell's order: remcId for CSV; chrom, tss and strand for bedGraph/bigWig.
    explicit TrackImporter(std::vector<GeneRecord> genes);

    /// Track name stored with the result (default "H3K27ac").
    void setTrackName(const QString& name) { m_name = name; }
    QString trackName() const { return m_name; }

    /// Imports `path`; `progress` (optional) is called now and then and may cancel.
    TrackImportResult importFile(TrackFormat format, const QString& path,
                                 const ProgressCallback& progress = {}) const;
    TrackImportResult importBinnedCsv(const QString& path,
                                      const ProgressCallback& progress = {}) const;
    TrackImportResult importBedGraph(const QString& path,
                                     const ProgressCallback& progress = {}) const;
    TrackImportResult importBigWig(const QString& path,
                                   const ProgressCallback& progress = {}) const;

    /// The comparable form of a chromosome name (TrackBinner::normalizedChromosome): "chr" prefix
    /// dropped, "MT" as "M" ("chrX" → "X").
    static QString normalizedChromosome(const QString& name);

private:
    std::vector<GeneRecord> m_genes;
    QString m_name = QStringLiteral("H3K27ac");
};

} // namespace ac
