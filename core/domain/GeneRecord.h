#pragma once

#include <QString>
#include <cstdint>

namespace ac
{

/// Identity and locus of one gene of a cell type. Plain value, safe to copy across threads.
struct GeneRecord {
    QString remcId;       ///< GeneID as in the REMC CSV, e.g. "000003" (simulated: "S00001")
    QString ensemblId;    ///< e.g. "ENSG00000000003"; empty when not an Ensembl gene
    QString symbol;       ///< e.g. "TSPAN6"; empty when the annotation does not know the gene
    QString chrom;        ///< e.g. "chrX"; empty when unknown
    std::int64_t tss = 0; ///< 1-based TSS; 0 when unknown
    char strand = '.';    ///< '+', '-' or '.' when unknown
};

} // namespace ac
