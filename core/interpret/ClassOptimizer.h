#pragma once

#include "domain/CellData.h"
#include "domain/Progress.h"
#include "interpret/ClassOptimum.h"

#include <QString>
#include <QStringList>
#include <memory>
#include <vector>

namespace ac
{

class ChromatinModelImpl;
class StudyFile;

/**
 * Class optimisation (Simonyan, Vedaldi, Zisserman 2013; DeepChrome's and AttentiveChrome's
 * "class-based optimisation"), issue 15 item 4: the input X ≥ 0 of marks × bins that maximises
 * S(X) − λ‖X‖², S the model's logit for the ON class and minus the logit for OFF (the models
 * have one logit, P(high) = sigmoid(logit)). Adam ascends from a documented start (the training
 * mean or zeros; ClassOptimisationSettings), X is projected onto X ≥ 0 after every step, and the
 * search stops when the objective changed by less than tolerance × max(1, |objective|) over the
 * last `window` steps (converged) or after maxSteps. Deterministic: no randomness; the same
 * thread count gives the same numbers.
 *
 * Shares ownership of the model and switches it to eval mode; enables autograd for its own
 * computation whatever the calling thread's grad mode. Not thread-safe: one instance (and
 * model) per thread; uses the calling thread's torch thread count. No torch type in the
 * interface. Inputs (starts) are bins × marks (the CellData layout); maps are marks × bins.
 */
class ClassOptimizer
{
public:
    explicit ClassOptimizer(std::shared_ptr<ChromatinModelImpl> model);
    ~ClassOptimizer();

    /// The "best" or "last" weights of a stored run; nullptr and `error` (naming the study and
    /// the run) when they are missing or do not fit.
    static std::unique_ptr<ClassOptimizer> load(const StudyFile& study, const QString& runId,
                                                const QString& which, QString* error);

    int markCount() const;
    int binCount() const;

    /// The start of `settings` for `cell` (bins × marks): its training mean, or zeros.
    static std::vector<float> startFor(const CellData& cell,
                                       const ClassOptimisationSettings& settings);

    /// Optimises the ON (`on`) or OFF class from `start` (bins × marks, negative values clipped
    /// to 0). False when `progress` cancels or `start` has the wrong size (with `error`).
    bool optimise(bool on, const std::vector<float>& start,
                  const ClassOptimisationSettings& settings, ClassOptimum* out,
                  const ProgressCallback& progress, QString* error) const;
    /// ON then OFF from startFor(cell, settings) into `out` (two entries).
    bool optimiseBoth(const CellData& cell, const ClassOptimisationSettings& settings,
                      std::vector<ClassOptimum>* out, const ProgressCallback& progress,
                      QString* error) const;

    /**
     * Writes `optimum` as TSV: a header `mark` + the TSS-relative start of each bin (bp), then
     * one row per mark; and comment lines (#) with the class, start, λ, steps, convergence and
     * objective. False with `error` naming the file on failure.
     */
    static bool writeTsv(const ClassOptimum& optimum, const QStringList& markNames, int windowStart,
                         int binSize, const QString& path, QString* error);

private:
    std::shared_ptr<ChromatinModelImpl> m_model;
};

} // namespace ac
