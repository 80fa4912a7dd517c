#pragma once

#include <QString>

#include <cstdint>
#include <vector>

namespace ac
{

struct RunResults;

/**
 * The paper's aggregate attention views of one run: α (marks × bins) and β (marks) averaged over
 * the genes labelled high ("ON") and over those labelled low ("OFF"). Plain value.
 */
struct AttentionAverages {
    QString cell;
    QString runId;
    int markCount = 5;
    int binCount = 100;
    int onCount = 0;
    int offCount = 0;
    std::vector<float> alphaOn; ///< marks × bins; empty when the run has no α
    std::vector<float> alphaOff;
    std::vector<float> betaOn; ///< marks; empty when the run has no β
    std::vector<float> betaOff;

    /// Averages `results` over the genes whose `labels` entry is 1 (ON) or 0 (OFF). Sizes that
    /// do not match (labels vs genes, α vs genes) leave the matching vectors empty.
    static AttentionAverages compute(const RunResults& results,
                                     const std::vector<std::uint8_t>& labels);
};

} // namespace ac
