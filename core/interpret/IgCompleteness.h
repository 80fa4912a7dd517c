#pragma once

#include <QString>
#include <vector>

namespace ac
{

/**
 * How far integrated gradients are from their completeness axiom (Sundararajan et al. 2017):
 * the attributions of a gene should sum to f(x) − f(x₀), the logit at the input minus the logit
 * at the baseline. The Riemann sum over the path misses by |Σ attribution − (f(x) − f(x₀))|,
 * which shrinks as the steps grow; a large miss means too few steps.
 *
 * A gene's miss is "large" when it exceeds kRelativeTolerance × |f(x) − f(x₀)| (and
 * kAbsoluteFloor, for genes whose logit hardly moves); the whole is large when more than
 * kLargeFraction of the genes are. Plain value, safe to copy across threads.
 */
struct IgCompleteness {
    static constexpr double kRelativeTolerance = 0.05;
    static constexpr double kAbsoluteFloor = 1e-3;
    static constexpr double kLargeFraction = 0.05;

    int steps = 0;            ///< Riemann steps of the integrated gradients
    QString baseline;         ///< IgBaseline::key of the baseline
    std::vector<float> sum;   ///< per gene: Σ attribution over marks × bins
    std::vector<float> delta; ///< per gene: f(x) − f(x₀) (logits)

    bool isEmpty() const { return sum.empty(); }
    int geneCount() const { return static_cast<int>(sum.size()); }
    /// |sum − delta| of gene `g`.
    double error(int g) const;
    /// Whether gene `g`'s miss is large (see the class comment).
    bool isLarge(int g) const;

    double medianError() const;
    double maxError() const;
    /// Fraction of the genes whose miss is large (0 when there are none).
    double largeFraction() const;
    /// True when more than kLargeFraction of the genes miss by a large amount.
    bool isLarge() const;

    /// One line: steps, baseline, median and largest miss, fraction above the tolerance.
    QString summary() const;
    /// Advice when isLarge() (more steps), else empty.
    QString warning() const;
};

} // namespace ac
