#pragma once

#include "train/BinaryMetrics.h"
#include "train/CurvePoint.h"

#include <QString>
#include <cstdint>
#include <vector>

namespace ac
{

/**
 * Ranking metrics of scores against 0/1 labels (pure functions, no torch, thread-safe).
 *
 * Scores are probabilities (or any monotone score; accuracy assumes probabilities). Labels are 0
 * or 1; any non-zero label counts as 1. Undefined values are NaN, never an exception: AUROC and
 * AUPR of a split with one class only, or of scores containing NaN, are NaN and `note` (when
 * given) explains. The sizes of `scores` and `labels` must match (otherwise NaN and a note).
 */
namespace metrics
{

/// Area under the ROC curve: the Mann–Whitney U statistic with midranks for tied scores, so a
/// tie between a positive and a negative counts one half.
double auroc(const std::vector<float>& scores, const std::vector<std::uint8_t>& labels,
             QString* note = nullptr);

/// Area under the precision-recall curve as average precision, step-wise
/// (Σ (R_k − R_{k−1}) P_k over the distinct thresholds, tied scores taken as one group).
double averagePrecision(const std::vector<float>& scores, const std::vector<std::uint8_t>& labels,
                        QString* note = nullptr);

/// Fraction of genes with (score >= 0.5) == label; NaN for no genes.
double accuracy(const std::vector<float>& scores, const std::vector<std::uint8_t>& labels);

/// ROC points from (0, 0) at threshold +inf to (1, 1), one per distinct score; empty when
/// undefined (one class, NaN scores, size mismatch).
std::vector<CurvePoint> rocCurve(const std::vector<float>& scores,
                                 const std::vector<std::uint8_t>& labels);

/// PR points from (recall 0, precision 1) at threshold +inf, then one per distinct score in
/// decreasing order; empty when undefined (no positive, NaN scores, size mismatch).
std::vector<CurvePoint> prCurve(const std::vector<float>& scores,
                                const std::vector<std::uint8_t>& labels);

/// All of the above for one split.
BinaryMetrics evaluate(const std::vector<float>& scores, const std::vector<std::uint8_t>& labels);

} // namespace metrics

} // namespace ac
