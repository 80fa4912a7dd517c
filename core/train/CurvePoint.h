#pragma once

namespace ac
{

/// One point of a ROC curve (x = false-positive rate, y = true-positive rate) or of a
/// precision-recall curve (x = recall, y = precision), reached by calling every score
/// >= `threshold` positive. Plain value.
struct CurvePoint {
    double x = 0;
    double y = 0;
    double threshold = 0;
};

} // namespace ac
