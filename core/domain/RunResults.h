#pragma once

#include <vector>

namespace ac
{

/// Cached inference of one run over every gene of its cell type (same gene order as CellData).
struct RunResults {
    int geneCount = 0;
    int markCount = 5;
    int binCount = 100;
    std::vector<float> p;     ///< P(high) per gene
    std::vector<float> alpha; ///< genes × marks × bins; empty when the variant has no α
    std::vector<float> beta;  ///< genes × marks; empty when the variant has no β
};

} // namespace ac
