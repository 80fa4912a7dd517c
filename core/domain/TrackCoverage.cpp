#include "domain/TrackCoverage.h"

#include <cmath>

namespace ac
{

TrackCoverage TrackCoverage::of(const TrackData& track)
{
    TrackCoverage c;
    if (track.binCount <= 0)
        return c;
    const std::size_t bins = std::size_t(track.binCount);
    c.genes = int(track.values.size() / bins);
    for (std::size_t g = 0; g < std::size_t(c.genes); ++g) {
        int nan = 0;
        for (std::size_t b = 0; b < bins; ++b)
            nan += std::isnan(track.values[g * bins + b]) ? 1 : 0;
        if (nan == track.binCount)
            ++c.missing;
        else if (nan > 0)
            ++c.partial;
    }
    return c;
}

QString TrackCoverage::summary() const
{
    QString s = QStringLiteral("%1 of %2 genes covered").arg(covered()).arg(genes);
    if (partial > 0)
        s += QStringLiteral(" (%1 partly)").arg(partial);
    return s + QStringLiteral(", %1 missing (NaN)").arg(missing);
}

} // namespace ac
