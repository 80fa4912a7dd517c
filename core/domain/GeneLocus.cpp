#include "domain/GeneLocus.h"

#include <algorithm>

namespace ac
{

bool GeneLocus::ofWindow(const GeneRecord& gene, int binCount, int binSize, int windowStart,
                         GeneLocus* out)
{
    if (gene.chrom.isEmpty() || gene.tss <= 0 || (gene.strand != '+' && gene.strand != '-'))
        return false;
    const std::int64_t length = std::int64_t(binCount) * binSize;
    out->chrom = gene.chrom;
    // Plus: from windowStart bp before the TSS base (0-based tss-1); minus: the mirror image.
    out->start = gene.strand == '-' ? gene.tss - windowStart - length : gene.tss - 1 + windowStart;
    out->end = out->start + length;
    return true;
}

QString GeneLocus::text() const
{
    return QStringLiteral("%1:%2-%3").arg(chrom).arg(std::max<std::int64_t>(start, 0) + 1).arg(end);
}

} // namespace ac
