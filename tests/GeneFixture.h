#pragma once

// A gene with a locus, for the tests (and fuzz seeds) that place tracks. Header-only helper of
// the tests, not a unit.

#include "domain/GeneRecord.h"

#include <cstdint>

namespace ac::testing
{

/// Gene `id` on `chrom` with its TSS (1-based) and strand ('+', '-' or '.').
inline GeneRecord locatedGene(const char* id, const char* chrom, std::int64_t tss, char strand)
{
    GeneRecord g;
    g.remcId = QString::fromLatin1(id);
    g.chrom = QString::fromLatin1(chrom);
    g.tss = tss;
    g.strand = strand;
    return g;
}

} // namespace ac::testing
