#pragma once

#include "domain/EpochMetrics.h"
#include "domain/ModelConfig.h"
#include "domain/TrainConfig.h"

#include <QDateTime>
#include <QString>

#include <optional>
#include <vector>

namespace ac
{

/// Everything the study keeps about one training run except its weights and cached results.
struct RunRecord {
    QString id;   ///< unique in the study, e.g. "E123-attentivechrome-20261124-153000"
    QString cell; ///< cell type trained on
    ModelConfig model;
    TrainConfig train;
    QDateTime created;
    QString status;    ///< "complete", "stopped-early", "cancelled", "imported"
    int bestEpoch = 0; ///< 1-based epoch of the best validation AUROC (the "best" weights)
    std::vector<EpochMetrics> epochs;

    /// The metrics of the best epoch (`bestEpoch`, 1-based), or nothing when the run has no
    /// such epoch (imported weights, or a run that stopped before its first epoch ended).
    std::optional<EpochMetrics> bestMetrics() const
    {
        if (bestEpoch < 1 || bestEpoch > static_cast<int>(epochs.size()))
            return std::nullopt;
        return epochs[static_cast<std::size_t>(bestEpoch - 1)];
    }
};

} // namespace ac
