#pragma once

#include "interpret/GeneHeatmap.h"

#include <QByteArray>
#include <QString>

namespace ac
{

/**
 * Writes a GeneHeatmap in the matrix format of deepTools' computeMatrix (reference-point mode,
 * reference point the TSS), so deepTools' plotHeatmap and plotProfile (`-m`) and
 * computeMatrixOperations read it: a first line `@` + a JSON header (upstream, downstream,
 * body, bin size, ref point, … one entry per sample; sample_labels and sample_boundaries name
 * the panels, group_labels and group_boundaries the groups), then one tab-separated row per gene
 * in the layout's order: chrom, start, end (the TSS as a 1 bp BED interval; "NA", 0, 1 when the
 * gene has no locus), name (Ensembl id, else the REMC id), score (p(high)), strand, then the
 * bins of every panel one after the other (in the gene's orientation, upstream first; "nan"
 * where there is no data). "sort regions" is "keep": plotHeatmap `--sortRegions keep` draws the
 * rows in this order.
 *
 * deepTools decodes each line as ASCII: the header escapes other characters (\u03b1 for the α of
 * a panel name, which deepTools' JSON reader turns back into α) and row fields replace them
 * with '_'. It opens the matrix with gzip, so it reads only a gzip-compressed file: a path ending
 * in
 * ".gz" is written gzip-compressed (zlib), any other path as plain text (for other tools). The
 * file is written to a temporary name and renamed (QSaveFile): a failure leaves no partial file.
 * Plain function of its inputs; any thread.
 */
class ComputeMatrixFile
{
public:
    /// Writes `heatmap`'s panels in `layout`'s order to `path`; false with `error` naming the
    /// file when it cannot be written or the layout has no rows.
    static bool write(const QString& path, const GeneHeatmap& heatmap, const HeatmapLayout& layout,
                      QString* error);
    /// The JSON header (without the leading '@' and the line end), ASCII only.
    static QByteArray header(const GeneHeatmap& heatmap, const HeatmapLayout& layout);
};

} // namespace ac
