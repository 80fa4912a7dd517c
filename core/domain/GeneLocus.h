#pragma once

#include "domain/GeneRecord.h"

#include <QString>
#include <cstdint>

namespace ac
{

/**
 * A genomic span, 0-based half-open; above all the window of a gene's bins as TrackImporter
 * places it (the one definition of that placement): for a plus-strand gene with 1-based TSS t,
 * from the base windowStart before the TSS base, binCount × binSize long; for a minus-strand gene
 * mirrored, ending windowStart past the TSS base (with the REMC window, plus covers 1-based
 * [t−5000, t+4999], minus [t−4999, t+5000]). Plain value; every function is reentrant.
 */
struct GeneLocus {
    QString chrom;          ///< as the gene record spells it
    std::int64_t start = 0; ///< 0-based, may be negative near a chromosome's start
    std::int64_t end = 0;   ///< exclusive

    /// The window of `gene`; false (and `out` untouched) when it has no chromosome, TSS or strand.
    static bool ofWindow(const GeneRecord& gene, int binCount, int binSize, int windowStart,
                         GeneLocus* out);
    /// "chrX:99889989-99899988": 1-based inclusive, clipped at 1, as IGV and UCSC read a locus.
    QString text() const;
};

} // namespace ac
