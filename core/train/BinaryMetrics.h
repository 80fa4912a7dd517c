#pragma once

#include <QString>

namespace ac
{

/// Binary classification metrics of one split (see metrics::evaluate). Plain value; NaN where a
/// value is undefined, and `note` says why.
struct BinaryMetrics {
    int count = 0;
    int positives = 0;
    double auroc = 0;
    double aupr = 0;
    double accuracy = 0; ///< fraction correct when p >= 0.5 is called "high"
    QString note;        ///< empty, or e.g. "one class only (all 120 labels are 1)"
};

} // namespace ac
