#pragma once

#include <QJsonObject>
#include <QString>
#include <cstdint>

namespace ac
{

/// Optimisation settings of one training run. Plain value; defaults follow the reference code
/// (and are valid). validate() holds the rules a training request must meet, for the trainer,
/// the GUI and the CLI alike.
struct TrainConfig {
    static constexpr int kMaxEpochs = 100000;       ///< epochs in [1, kMaxEpochs]
    static constexpr int kMaxBatchSize = 1 << 20;   ///< batch size in [1, kMaxBatchSize]
    static constexpr double kMaxLearningRate = 1.0; ///< learning rate in (0, kMaxLearningRate]
    static constexpr int kMaxPatience = 100000;     ///< patience in [0, kMaxPatience]
    static constexpr int kMaxThreads = 1024;        ///< threads in [0, kMaxThreads]

    int epochs = 30;
    int batchSize = 16;
    double learningRate = 2e-4;
    double gradClip = 1.0;  ///< max global gradient norm (finite, >= 0); 0 disables
    double initRange = 0.1; ///< parameters ~ U(-initRange, initRange)
    int patience = 10;      ///< epochs without validation-AUROC gain before stopping; 0 = never
    std::uint64_t seed = 1;
    int threads = 0; ///< intra-op threads; 0 = all cores but one (at least 1)

    /// True when every setting is in its range (see the limits above; grad clip finite and
    /// >= 0, init range finite and > 0; any seed). Otherwise false and `error` (if given) names
    /// the first setting out of range, its range and its value ("training needs a learning rate
    /// in (0, 1], not 2"). Thread-safe (a const check of a value).
    bool validate(QString* error) const;

    /// The intra-op threads a training uses: `threads`, or for 0 all cores but one (at least 1).
    int threadCount() const;

    QJsonObject toJson() const;
    static bool fromJson(const QJsonObject& o, TrainConfig* out, QString* error);
};

} // namespace ac
