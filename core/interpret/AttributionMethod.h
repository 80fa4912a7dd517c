#pragma once

#include <QList>
#include <QString>

namespace ac
{

/// Ways to attribute a model's prediction for one gene to the marks × bins of its input.
enum class AttributionMethod {
    Saliency,           ///< |∂logit/∂x| (Simonyan et al. 2014), as in the paper's comparison
    InputTimesGradient, ///< x · ∂logit/∂x (signed)
    IntegratedGradients, ///< (x − x₀) · mean over the path x₀ → x of ∂logit/∂x (IgBaseline; signed)
    Occlusion,   ///< p(x) − p(x with one mark's bin set to 0), for every mark × bin
    MarkAblation ///< p(x) − p(x with one mark set to 0 in every bin): marks × 1
};

/// Every method, in the order above.
QList<AttributionMethod> allAttributionMethods();
/// Stable key used on the command line and in TSV files: "saliency", "input-x-gradient",
/// "integrated-gradients", "occlusion", "mark-ablation".
QString attributionMethodKey(AttributionMethod method);
/// Human name, e.g. "Integrated gradients".
QString attributionMethodName(AttributionMethod method);
/// True for the methods whose maps have a sign (input × gradient, integrated gradients,
/// occlusion, mark ablation): drawn with a diverging colour map centred at 0.
bool isSignedAttribution(AttributionMethod method);
/// Parses a key (also "ig" and "ixg"); false for an unknown key.
bool parseAttributionMethod(const QString& key, AttributionMethod* out);

} // namespace ac
