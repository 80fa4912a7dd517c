#pragma once

#include "domain/GeneRecord.h"
#include "domain/RemcLayout.h"
#include "domain/RunResults.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace ac
{

/**
 * Everything the gene view shows for one gene: a plain value, safe to copy across threads.
 *
 * The view knows nothing of models; whoever fills this struct (StudySession from a study's cached
 * RunResults, the CLI, a test) decides where the numbers come from. Empty vectors mean "not
 * available" and hide the matching panel.
 */
struct GeneViewData {
    GeneRecord gene;
    QString cell;             ///< cell type id, e.g. "E123"
    QString runId;            ///< run the α/β/p come from; empty when none
    bool runIsActive = false; ///< `runId` is its cell's active run (ac::activeRun())
    int binCount = remc::kBinCount;
    int markCount = remc::kMarkCount;
    int binSize = remc::kBinSize;
    int windowStart = remc::kWindowStart;
    QStringList markNames = remc::markNames();
    std::vector<float> values;      ///< bins × marks (REMC row order), may be empty
    std::vector<float> alpha;       ///< marks × bins; empty when the run has no α
    std::vector<float> beta;        ///< marks; empty when the run has no β
    float p = -1.0f;                ///< P(high); < 0 when unknown
    int label = -1;                 ///< 1 high, 0 low, -1 unknown
    QString trackName;              ///< e.g. "H3K27ac"; empty when no track
    std::vector<float> track;       ///< bins, NaN where the track has no data; empty: no track
    QString attributionName;        ///< e.g. "integrated gradients"; empty when none
    bool attributionSigned = false; ///< signed map: diverging colours centred at 0
    std::vector<float> attribution; ///< marks × bins; empty when none

    /// Takes p, α and β of gene index `g` from a run's cached results; leaves each unset when
    /// `results` does not hold it for that gene.
    void takeResults(const RunResults& results, int g)
    {
        if (g < 0 || g >= results.geneCount)
            return;
        const std::size_t i = std::size_t(g);
        const std::size_t n = std::size_t(results.markCount) * results.binCount;
        const std::size_t m = std::size_t(results.markCount);
        if (i < results.p.size())
            p = results.p[i];
        if (results.alpha.size() >= (i + 1) * n)
            alpha.assign(results.alpha.begin() + std::ptrdiff_t(i * n),
                         results.alpha.begin() + std::ptrdiff_t((i + 1) * n));
        if (results.beta.size() >= (i + 1) * m)
            beta.assign(results.beta.begin() + std::ptrdiff_t(i * m),
                        results.beta.begin() + std::ptrdiff_t((i + 1) * m));
    }

    float value(int bin, int mark) const { return values[std::size_t(bin) * markCount + mark]; }
    float alphaAt(int mark, int bin) const { return alpha[std::size_t(mark) * binCount + bin]; }
    /// TSS-relative centre of `bin` in bp.
    double binCentre(int bin) const { return windowStart + (bin + 0.5) * binSize; }
};

} // namespace ac
