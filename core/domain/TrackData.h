#pragma once

#include <QString>
#include <vector>

namespace ac
{

/// A signal track (e.g. H3K27ac) binned like X, for the genes of one cell type (same order).
struct TrackData {
    QString name;   ///< e.g. "H3K27ac"
    QString source; ///< file it was imported from
    /// Genome assembly the signal was placed with ("hg19", "hg38"); empty for binned CSV (placed
    /// by gene id) and for tracks imported before it was recorded.
    QString assembly;
    int binCount = 100;
    std::vector<float> values; ///< genes × bins; NaN where the gene is missing from the source
};

} // namespace ac
