#pragma once

#include "domain/TrackData.h"

#include <QString>

namespace ac
{

/**
 * How many genes of a track have data: the one count that the import (CLI and dialog) and `info`
 * report, so they never disagree. A gene is covered when at least one of its bins is a number,
 * partly covered when some but not all are, missing when every bin is NaN.
 *
 * Plain value; of() reads the track once.
 */
struct TrackCoverage {
    int genes = 0;
    int partial = 0; ///< genes with some NaN bins and some numbers (counted in covered())
    int missing = 0; ///< genes whose every bin is NaN

    int covered() const { return genes - missing; }

    /// Counts the genes of `track` (values genes × binCount).
    static TrackCoverage of(const TrackData& track);

    /// "598 of 600 genes covered (3 partly), 2 missing (NaN)".
    QString summary() const;
};

} // namespace ac
