#pragma once

#include "interpret/AttributionMethod.h"

#include <vector>

namespace ac
{

/**
 * One gene's attribution: a value per mark and bin (marks × bins, row-major, the layout of α).
 * For AttributionMethod::MarkAblation `binCount` is 1 (one Δp per mark). Plain value, safe to
 * copy across threads.
 */
struct AttributionMap {
    AttributionMethod method = AttributionMethod::Saliency;
    int markCount = 0;
    int binCount = 0;
    std::vector<float> values; ///< marks × bins
    float logit = 0;           ///< the model's logit for the unchanged input
    float p = 0;               ///< sigmoid(logit)
    /// Integrated gradients only: the logit at the baseline x₀, so that completeness is
    /// |Σ values − (logit − baselineLogit)|; 0 for the other methods.
    float baselineLogit = 0;

    float at(int mark, int bin) const
    {
        return values[static_cast<std::size_t>(mark) * binCount + bin];
    }
};

} // namespace ac
