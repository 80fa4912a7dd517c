#pragma once

#include "domain/GeneRecord.h"
#include "domain/RemcLayout.h"
#include "domain/Split.h"

#include <QString>
#include <QStringList>
#include <cstdint>
#include <vector>

namespace ac
{

/**
 * All input data of one cell type: the histone-mark matrix of every gene, labels and split.
 *
 * Plain value; owns its arrays; safe to move across threads. `values` is laid out
 * genes × bins × marks (row-major), exactly as the REMC CSV rows come: gene g, bin b, mark m is
 * `values[(g * binCount + b) * markCount + m]`. Bin 0 is the most upstream bin in the gene's
 * orientation (TSS-5 kb), as in the REMC files.
 */
struct CellData {
    QString name; ///< cell type id, e.g. "E123"
    int binCount = remc::kBinCount;
    int markCount = remc::kMarkCount;
    int binSize = remc::kBinSize;
    int windowStart = remc::kWindowStart;
    QStringList markNames = remc::markNames();
    /// Genome assembly of the gene loci ("hg19", "hg38"; GenomeAssembly); empty when the study
    /// does not record it (studies written before it did: their loci are hg19).
    QString assembly;
    std::vector<GeneRecord> genes;
    std::vector<float> values;        ///< genes × bins × marks
    std::vector<std::uint8_t> labels; ///< 1 = expression above the cell's median
    std::vector<Split> splits;

    int geneCount() const { return static_cast<int>(genes.size()); }
    /// Pointer to the bins × marks block of gene `g`.
    const float* geneValues(int g) const
    {
        return values.data() + static_cast<std::size_t>(g) * binCount * markCount;
    }
};

} // namespace ac
