#pragma once

#include "data/GeneRecord.h"
#include "data/RemcLayout.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace ac {

/**
 * Everything the gene view shows for one gene: a plain value, safe to copy across threads.
 *
 * The view knows nothing of models; whoever fills this struct (MainWindow from a study's cached
 * RunResults, the CLI, a test) decides where the numbers come from. Empty vectors mean "not
 * available" and hide the matching panel.
 */
struct GeneViewData {
    GeneRecord gene;
    QString cell;                  ///< cell type id, e.g. "E123"
    QString runId;                 ///< run the α/β/p come from; empty when none
    int binCount = remc::kBinCount;
    int markCount = remc::kMarkCount;
    int binSize = remc::kBinSize;
    int windowStart = remc::kWindowStart;
    QStringList markNames = remc::markNames();
    std::vector<float> values;     ///< bins × marks (REMC row order), may be empty
    std::vector<float> alpha;      ///< marks × bins; empty when the run has no α
    std::vector<float> beta;       ///< marks; empty when the run has no β
    float p = -1.0f;               ///< P(high); < 0 when unknown
    int label = -1;                ///< 1 high, 0 low, -1 unknown
    QString trackName;             ///< e.g. "H3K27ac"; empty when no track
    std::vector<float> track;      ///< bins; empty when no track
    QString attributionName;       ///< e.g. "integrated gradients"; empty when none
    std::vector<float> attribution;///< marks × bins; empty when none

    float value(int bin, int mark) const { return values[std::size_t(bin) * markCount + mark]; }
    float alphaAt(int mark, int bin) const { return alpha[std::size_t(mark) * binCount + bin]; }
    /// TSS-relative centre of `bin` in bp.
    double binCentre(int bin) const { return windowStart + (bin + 0.5) * binSize; }
};

} // namespace ac
