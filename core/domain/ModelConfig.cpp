#include "domain/ModelConfig.h"

#include <QJsonValue>
#include <array>
#include <utility>

namespace ac
{

namespace
{

struct KindInfo {
    ModelKind kind;
    const char* key;
    const char* name;
};

constexpr std::array<KindInfo, 5> kKinds{{
    {ModelKind::AttentiveChrome, "attentivechrome", "LSTM-\u03b1,\u03b2 (AttentiveChrome)"},
    {ModelKind::LstmAlpha, "lstm-alpha", "LSTM-\u03b1"},
    {ModelKind::Lstm, "lstm", "LSTM"},
    {ModelKind::DeepChrome, "deepchrome", "DeepChrome (CNN)"},
    {ModelKind::CnnAlphaBeta, "cnn-alpha-beta", "CNN-\u03b1,\u03b2"},
}};

const KindInfo& info(ModelKind kind)
{
    for (const KindInfo& k : kKinds)
        if (k.kind == kind)
            return k;
    return kKinds[0];
}

// Reads an integer member if present; false when it is present but not a positive integer.
bool readPositiveInt(const QJsonObject& o, const char* key, int* out, QString* error)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined())
        return true;
    if (!v.isDouble() || v.toDouble() != static_cast<double>(v.toInt()) || v.toInt() <= 0) {
        *error = QStringLiteral("model config: \"%1\" must be a positive integer")
                     .arg(QLatin1String(key));
        return false;
    }
    *out = v.toInt();
    return true;
}

} // namespace

QString modelKindKey(ModelKind kind)
{
    return QString::fromLatin1(info(kind).key);
}

QString modelKindName(ModelKind kind)
{
    return QString::fromUtf8(info(kind).name);
}

bool parseModelKind(const QString& key, ModelKind* kind)
{
    for (const KindInfo& k : kKinds) {
        if (key == QLatin1String(k.key)) {
            *kind = k.kind;
            return true;
        }
    }
    return false;
}

QJsonObject ModelConfig::toJson() const
{
    return QJsonObject{
        {QStringLiteral("kind"), modelKindKey(kind)}, {QStringLiteral("bin_count"), binCount},
        {QStringLiteral("mark_count"), markCount},    {QStringLiteral("bin_hidden"), binHidden},
        {QStringLiteral("mark_hidden"), markHidden},  {QStringLiteral("conv_filters"), convFilters},
        {QStringLiteral("conv_kernel"), convKernel},  {QStringLiteral("pool_size"), poolSize},
        {QStringLiteral("mlp_hidden"), mlpHidden},    {QStringLiteral("dropout"), dropout}};
}

bool ModelConfig::fromJson(const QJsonObject& o, ModelConfig* out, QString* error)
{
    ModelConfig c;
    if (o.contains(QStringLiteral("kind"))) {
        const QString key = o.value(QStringLiteral("kind")).toString();
        if (!parseModelKind(key, &c.kind)) {
            *error = QStringLiteral("model config: unknown model kind \"%1\"").arg(key);
            return false;
        }
    }
    const std::pair<const char*, int*> ints[] = {
        {"bin_count", &c.binCount},       {"mark_count", &c.markCount},
        {"bin_hidden", &c.binHidden},     {"mark_hidden", &c.markHidden},
        {"conv_filters", &c.convFilters}, {"conv_kernel", &c.convKernel},
        {"pool_size", &c.poolSize},       {"mlp_hidden", &c.mlpHidden}};
    for (const auto& [key, field] : ints)
        if (!readPositiveInt(o, key, field, error))
            return false;
    const QJsonValue dropout = o.value(QStringLiteral("dropout"));
    if (!dropout.isUndefined()) {
        if (!dropout.isDouble() || dropout.toDouble() < 0 || dropout.toDouble() >= 1) {
            *error = QStringLiteral("model config: \"dropout\" must be a number in [0, 1)");
            return false;
        }
        c.dropout = dropout.toDouble();
    }
    *out = c;
    return true;
}

} // namespace ac
