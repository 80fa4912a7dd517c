#pragma once

namespace ac
{

/// What one epoch measured. NaN where a value could not be computed (e.g. one class only).
struct EpochMetrics {
    int epoch = 0; ///< 1-based
    double trainLoss = 0;
    double validLoss = 0;
    double trainAuroc = 0;
    double validAuroc = 0;
    double validAupr = 0;
    double testAuroc = 0;
    double testAupr = 0;
    double seconds = 0; ///< wall time of the epoch including evaluation
};

} // namespace ac
