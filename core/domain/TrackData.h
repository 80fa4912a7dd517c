#pragma once

#include <QString>
#include <vector>

namespace ac
{

/// A signal track (e.g. H3K27ac) binned like X, for the genes of one cell type (same order).
struct TrackData {
    QString name;   ///< e.g. "H3K27ac"
    QString source; ///< file it was imported from
    int binCount = 100;
    std::vector<float> values; ///< genes × bins; NaN where the gene is missing from the source
};

} // namespace ac
