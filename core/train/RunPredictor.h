#pragma once

#include "domain/CellData.h"
#include "domain/ModelConfig.h"
#include "domain/Progress.h"
#include "domain/RunResults.h"
#include "domain/WeightArray.h"

#include <QString>
#include <memory>
#include <vector>

namespace ac
{

class StudyFile;

/// p(high), α and β of one gene; α/β empty when the variant has none.
struct GenePrediction {
    float p = 0;
    std::vector<float> alpha; ///< marks × bins
    std::vector<float> beta;  ///< marks
};

/**
 * A stored run loaded for inference (no autograd, the fast fused path where the variant has one).
 * Owns its model. Not thread-safe: one instance per thread; it uses the calling thread's torch
 * thread count (at::set_num_threads). load() fails with `error` naming the study and run when the
 * run or its weights are missing or do not fit the variant.
 */
class RunPredictor
{
public:
    /// `which` is "best" or "last".
    static std::unique_ptr<RunPredictor> load(const StudyFile& study, const QString& runId,
                                              const QString& which, QString* error);
    /// A predictor for weights held in memory (e.g. the trainer's best epoch); fails with `error`
    /// when they do not fit `config`.
    static std::unique_ptr<RunPredictor> create(const ModelConfig& config, const Weights& weights,
                                                QString* error);
    ~RunPredictor();

    const ModelConfig& modelConfig() const;
    /// One gene: `values` is bins × marks as in CellData (binCount × markCount of the config).
    GenePrediction predictGene(const float* values) const;
    /// Every gene of `cell` (whose bin and mark counts must be the config's), in batches;
    /// returns false (and leaves `out`) when `progress` cancels. An empty `progress` is allowed.
    bool predictAll(const CellData& cell, RunResults* out, const ProgressCallback& progress) const;

private:
    RunPredictor();
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace ac
