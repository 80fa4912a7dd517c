#pragma once

#include <QString>
#include <vector>

namespace ac
{

/// Where class optimisation starts.
enum class ClassOptimisationStart {
    TrainingMean, ///< the mean input over the cell's training genes (the default)
    Zero          ///< no reads anywhere
};

/// How ClassOptimizer searches (Simonyan et al. 2013, as in DeepChrome and AttentiveChrome).
/// Plain value.
struct ClassOptimisationSettings {
    ClassOptimisationStart start = ClassOptimisationStart::TrainingMean;
    double lambda = 1e-3;      ///< λ of the penalty λ‖X‖² (X in reads per bin)
    double learningRate = 0.1; ///< Adam's step size, in reads
    int maxSteps = 2000;       ///< at most this many Adam steps
    /// Converged when the objective changed by less than tolerance × max(1, |objective|) over
    /// the last `window` steps.
    int window = 50;
    double tolerance = 1e-4;
};

/**
 * The input that a model finds most typical of a class: X ≥ 0 (marks × bins) maximising
 * S(X) − λ‖X‖², where S is the logit for ON and minus the logit for OFF, and how the search went.
 * Plain value, safe to copy across threads.
 */
struct ClassOptimum {
    bool on = true; ///< the ON class (expression high) or the OFF class
    ClassOptimisationSettings settings;
    int markCount = 0;
    int binCount = 0;
    std::vector<float> values;     ///< marks × bins, all ≥ 0 (the α layout)
    std::vector<double> objective; ///< S(X) − λ‖X‖² before the first step and after each step
    int steps = 0;                 ///< Adam steps taken
    bool converged = false;        ///< stopped by the tolerance, not by maxSteps
    double score = 0;              ///< S(X) at the end (the logit, or minus it for OFF)
    double penalty = 0;            ///< λ‖X‖² at the end
    double startScore = 0;         ///< S at the start

    /// "ON" or "OFF".
    QString className() const { return on ? QStringLiteral("ON") : QStringLiteral("OFF"); }
    double finalObjective() const { return objective.empty() ? 0.0 : objective.back(); }
    float at(int mark, int bin) const
    {
        return values[static_cast<std::size_t>(mark) * binCount + bin];
    }
    /// One line: class, start, λ, steps, converged, objective, score, penalty.
    QString summary() const;
};

/// Stable key of a start: "mean" or "zero"; parseClassOptimisationStart() reads it back.
QString classOptimisationStartKey(ClassOptimisationStart start);
bool parseClassOptimisationStart(const QString& key, ClassOptimisationStart* out);

} // namespace ac
