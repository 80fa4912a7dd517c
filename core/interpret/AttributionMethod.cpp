#include "interpret/AttributionMethod.h"

#include <array>

namespace ac
{

namespace
{

struct MethodInfo {
    AttributionMethod method;
    const char* key;
    const char* alias;
    const char* name;
};

constexpr std::array<MethodInfo, 5> kMethods{{
    {AttributionMethod::Saliency, "saliency", "saliency", "Saliency |\u2202logit/\u2202x|"},
    {AttributionMethod::InputTimesGradient, "input-x-gradient", "ixg", "Input \u00d7 gradient"},
    {AttributionMethod::IntegratedGradients, "integrated-gradients", "ig", "Integrated gradients"},
    {AttributionMethod::Occlusion, "occlusion", "occlusion", "Bin occlusion \u0394p"},
    {AttributionMethod::MarkAblation, "mark-ablation", "ablation", "Mark ablation \u0394p"},
}};

const MethodInfo& info(AttributionMethod method)
{
    for (const MethodInfo& m : kMethods)
        if (m.method == method)
            return m;
    return kMethods[0];
}

} // namespace

QList<AttributionMethod> allAttributionMethods()
{
    QList<AttributionMethod> all;
    for (const MethodInfo& m : kMethods)
        all << m.method;
    return all;
}

QString attributionMethodKey(AttributionMethod method)
{
    return QString::fromLatin1(info(method).key);
}

QString attributionMethodName(AttributionMethod method)
{
    return QString::fromUtf8(info(method).name);
}

bool isSignedAttribution(AttributionMethod method)
{
    return method != AttributionMethod::Saliency;
}

bool parseAttributionMethod(const QString& key, AttributionMethod* out)
{
    const QString k = key.trimmed().toLower();
    for (const MethodInfo& m : kMethods)
        if (k == QLatin1String(m.key) || k == QLatin1String(m.alias)) {
            *out = m.method;
            return true;
        }
    return false;
}

} // namespace ac
