#pragma once

#include "domain/GeneRecord.h"
#include "domain/RemcLayout.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace ac
{

/**
 * Writes per-gene bin values (α, attribution, …; genes × bins in each gene's orientation, the
 * layout of X) as a genome track, bedGraph or bigWig, in genomic coordinates: the exact inverse
 * of TrackImporter's placement. For a plus-strand gene with 1-based TSS t, bin b covers the
 * 1-based bases [t + windowStart + b·binSize, … + binSize − 1]; for a minus-strand gene the window
 * is mirrored, bin 0 being the most downstream genomic bin. Re-importing the file as a track
 * gives back every bin of a gene whose window overlaps no other gene's.
 *
 * Overlapping windows (genes closer than one window): every base gets the value of the gene whose
 * TSS is nearest to it; on a tie the gene with the smaller TSS coordinate, then the one earlier in
 * the gene list. Bins that are NaN are left out (no interval), also where they win a base.
 * Adjacent intervals of equal value are merged.
 *
 * Chromosomes are those of `assembly` (GenomeAssembly: UCSC names, lengths for the bigWig header;
 * hg19 when empty), matched after normalising ("1" and "chr1" are the same). Genes without a
 * locus or on another chromosome (e.g. an unplaced contig) are left out with a warning; windows
 * are clipped to the chromosome.
 *
 * Files are written to a temporary name beside the target and renamed, so a failure leaves no
 * partial file. Plain value, reentrant: one instance may be used by one thread at a time.
 */
class GenomeTrackWriter
{
public:
    /// One interval of the track, 0-based half-open.
    struct Interval {
        std::int64_t start = 0;
        std::int64_t end = 0;
        float value = 0;
    };
    /// The intervals of one chromosome, sorted and non-overlapping.
    struct Chromosome {
        QString name; ///< UCSC name, as the assembly spells it
        std::int64_t length = 0;
        std::vector<Interval> intervals;
    };

    /// `genes` in the order of the values' rows; the window of X.
    GenomeTrackWriter(std::vector<GeneRecord> genes, const QString& assembly,
                      int binCount = remc::kBinCount, int binSize = remc::kBinSize,
                      int windowStart = remc::kWindowStart);

    /// The assembly used ("hg19" when the one given was empty).
    QString assembly() const { return m_assembly; }

    /// The intervals of `values` (genes × bins), every chromosome of the assembly in its order
    /// (empty ones included); sentences about genes left out are appended to `warnings`.
    std::vector<Chromosome> place(const std::vector<float>& values, QStringList* warnings) const;

    /// True when `path` names a format write() knows (by extension); else false with `error`.
    static bool checkFileName(const QString& path, QString* error);

    /// Writes `values` to `path`: bigWig for .bw/.bigwig, bedGraph for .bedgraph/.bg (with a
    /// `track` line naming `trackName` and `description`). False with `error` naming the file on
    /// an unknown extension, values that do not fit the genes, or a write failure.
    bool write(const QString& path, const std::vector<float>& values, const QString& trackName,
               const QString& description, QStringList* warnings, QString* error) const;

private:
    struct Window;
    std::vector<Window> windows(const QString& normalized) const;
    void placeChromosome(const std::vector<Window>& list, const std::vector<float>& values,
                         Chromosome* out) const;

    std::vector<GeneRecord> m_genes;
    QString m_assembly;
    int m_binCount;
    int m_binSize;
    int m_windowStart;
};

} // namespace ac
