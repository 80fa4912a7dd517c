#pragma once

#include <QJsonObject>
#include <QString>

namespace ac
{

/// The model variants of the paper (Singh et al. 2017, Table 1).
enum class ModelKind {
    AttentiveChrome, ///< LSTM-α,β: per-mark BiLSTM + bin attention, mark BiLSTM + mark attention
    LstmAlpha,       ///< LSTM-α: bin attention only, mark embeddings concatenated
    Lstm,            ///< LSTM: no attention (last hidden states)
    DeepChrome,      ///< CNN baseline (Singh et al. 2016)
    CnnAlphaBeta     ///< CNN-α,β: convolutional bin encoder with both attention levels
};

/// Stable lower-case key of a kind ("attentivechrome", "lstm-alpha", "lstm", "deepchrome",
/// "cnn-alpha-beta"); used on the command line and in the study file.
QString modelKindKey(ModelKind kind);
/// Human name as in the paper ("LSTM-α,β (AttentiveChrome)", ...).
QString modelKindName(ModelKind kind);
/// Parses a key; returns false for an unknown key.
bool parseModelKind(const QString& key, ModelKind* kind);

/// Architecture of one model: variant and sizes. Plain value; defaults are the paper's.
struct ModelConfig {
    ModelKind kind = ModelKind::AttentiveChrome;
    int binCount = 100;
    int markCount = 5;
    int binHidden = 32;   ///< bin-level LSTM hidden size per direction
    int markHidden = 16;  ///< mark-level LSTM hidden size per direction
    int convFilters = 50; ///< DeepChrome / CNN-α,β filters
    int convKernel = 10;
    int poolSize = 5;
    int mlpHidden = 625;  ///< DeepChrome first fully connected layer
    double dropout = 0.5; ///< DeepChrome dropout

    QJsonObject toJson() const;
    /// Missing keys keep their defaults; returns false (with `error`) on a wrong type or kind.
    static bool fromJson(const QJsonObject& o, ModelConfig* out, QString* error);
};

} // namespace ac
