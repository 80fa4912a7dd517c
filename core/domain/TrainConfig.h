#pragma once

#include <QJsonObject>
#include <QString>
#include <cstdint>

namespace ac {

/// Optimisation settings of one training run. Plain value; defaults follow the reference code.
struct TrainConfig {
    int epochs = 30;
    int batchSize = 16;
    double learningRate = 2e-4;
    double gradClip = 1.0;     ///< max global gradient norm; <= 0 disables
    double initRange = 0.1;    ///< parameters ~ U(-initRange, initRange)
    int patience = 10;         ///< epochs without validation-AUROC gain before stopping; 0 = never
    std::uint64_t seed = 1;
    int threads = 0;           ///< intra-op threads; 0 = all cores but one (at least 1)

    QJsonObject toJson() const;
    static bool fromJson(const QJsonObject& o, TrainConfig* out, QString* error);
};

} // namespace ac
