#pragma once

#include "domain/CellData.h"
#include "domain/ModelConfig.h"
#include "domain/Progress.h"
#include "domain/WeightArray.h"
#include "interpret/AttributionMap.h"
#include "interpret/IgBaseline.h"
#include "interpret/IgCompleteness.h"

#include <memory>
#include <vector>

namespace ac
{

class ChromatinModelImpl;
class StudyFile;

/**
 * Attribution maps of a trained model (any variant) for one gene or many.
 *
 * The zero input (no reads in any bin) is the baseline of occlusion and ablation, and by
 * default of integrated gradients, whose baseline can be changed (IgBaseline: zero, the gene's
 * bins shuffled, the training-set mean); IG integrates from the baseline x₀ to x and multiplies
 * by x − x₀. Gradient methods differentiate the logit (before the sigmoid); occlusion and ablation
 * report Δp = p(x) − p(x changed), positive where the signal pushed the prediction towards "ON".
 * Occlusion zeroes one mark in one bin at a time (a marks × bins map, 500 extra forward passes
 * per gene); mark ablation zeroes one whole mark (a marks × 1 map).
 *
 * Shares ownership of the model and switches it to eval mode. Holds no torch type in its
 * interface, so ui/ may use it. Not thread-safe: one instance (and model) per thread; enables
 * autograd for its own computations whatever the calling thread's grad mode. Inputs are
 * bins × marks per gene (the CellData layout); outputs marks × bins (the α layout).
 */
class Attributor
{
public:
    explicit Attributor(std::shared_ptr<ChromatinModelImpl> model);
    ~Attributor();

    /// A model of `config` with `weights`; nullptr and `error` when they do not fit.
    static std::unique_ptr<Attributor> create(const ModelConfig& config, const Weights& weights,
                                              QString* error);
    /// The "best" or "last" weights of a stored run; nullptr and `error` (naming the study and
    /// the run) when the run or its weights are missing or do not fit its variant.
    static std::unique_ptr<Attributor> load(const StudyFile& study, const QString& runId,
                                            const QString& which, QString* error);

    /// Riemann steps (midpoint rule) of integrated gradients; default 32, at least 1.
    void setIntegratedGradientSteps(int steps);
    int integratedGradientSteps() const { return m_steps; }
    /// The baseline x₀ of integrated gradients; false with `error` when a mean baseline does not
    /// have bins × marks values of the model (the baseline is then unchanged).
    bool setIntegratedGradientBaseline(const IgBaseline& baseline, QString* error);
    const IgBaseline& integratedGradientBaseline() const { return m_baseline; }
    /// Genes per forward/backward pass of the batch job; default 64.
    void setBatchSize(int genes);

    int markCount() const;
    int binCount() const;
    /// Bins of the maps `method` produces (1 for mark ablation).
    int mapBinCount(AttributionMethod method) const;

    /// One gene; `values` is bins × marks.
    AttributionMap attribute(const float* values, AttributionMethod method) const;

    /**
     * The maps of `genes` (indices into `cell`, all genes when empty) into `out`, laid out
     * genes × marks × mapBinCount(method), and the probabilities into `p` (optional). For
     * integrated gradients `completeness` (optional) receives each gene's Σ attribution and
     * f(x) − f(x₀). Returns false when `progress` cancels (outputs then unspecified).
     */
    bool attributeAll(const CellData& cell, const std::vector<int>& genes, AttributionMethod method,
                      std::vector<float>* out, std::vector<float>* p,
                      const ProgressCallback& progress,
                      IgCompleteness* completeness = nullptr) const;

private:
    /// `n` genes (bins × marks each) → maps into `out`, logits of the unchanged inputs and, for
    /// integrated gradients, of their baselines into `baselineLogits` (optional).
    void computeBatch(const float* values, int n, AttributionMethod method, float* out,
                      float* logits, float* baselineLogits = nullptr) const;

    std::shared_ptr<ChromatinModelImpl> m_model;
    int m_steps = 32;
    IgBaseline m_baseline;
    int m_batchSize = 64;
};

} // namespace ac
