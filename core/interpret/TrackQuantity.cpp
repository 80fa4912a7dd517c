#include "interpret/TrackQuantity.h"

namespace ac
{

namespace
{

int markIndex(const QStringList& marks, const QString& name)
{
    for (int m = 0; m < marks.size(); ++m)
        if (marks[m].compare(name.trimmed(), Qt::CaseInsensitive) == 0)
            return m;
    return -1;
}

QString allowed(const QStringList& marks)
{
    QStringList methods;
    for (AttributionMethod m : allAttributionMethods())
        if (m != AttributionMethod::MarkAblation)
            methods << attributionMethodKey(m);
    return QStringLiteral("use alpha:<mark>, alpha-sum, beta-alpha, attribution:<method> or "
                          "attribution:<method>:<mark>; marks: %1; methods: %2")
        .arg(marks.join(QStringLiteral(", ")), methods.join(QStringLiteral(", ")));
}

} // namespace

bool TrackQuantity::parse(const QString& key, const QStringList& markNames, TrackQuantity* out,
                          QString* error)
{
    const QStringList parts = key.trimmed().split(QLatin1Char(':'));
    const QString head = parts.first().toLower();
    TrackQuantity q;
    bool ok = false;
    if (head == QLatin1String("alpha-sum") || head == QLatin1String("beta-alpha")) {
        q.kind = head == QLatin1String("alpha-sum") ? Kind::AlphaSum : Kind::BetaAlpha;
        ok = parts.size() == 1;
    } else if (head == QLatin1String("alpha") && parts.size() == 2) {
        q.kind = Kind::Alpha;
        q.mark = markIndex(markNames, parts[1]);
        ok = q.mark >= 0;
    } else if (head == QLatin1String("attribution") && (parts.size() == 2 || parts.size() == 3)) {
        q.kind = Kind::Attribution;
        ok = parseAttributionMethod(parts[1], &q.method) &&
             q.method != AttributionMethod::MarkAblation;
        if (parts.size() == 3) {
            q.mark = markIndex(markNames, parts[2]);
            ok = ok && q.mark >= 0;
        }
    }
    if (!ok) {
        *error = QStringLiteral("'%1' is not a track to export (%2)").arg(key, allowed(markNames));
        return false;
    }
    *out = q;
    return true;
}

QString TrackQuantity::key(const QStringList& markNames) const
{
    switch (kind) {
    case Kind::Alpha:
        return QStringLiteral("alpha:") + markNames.value(mark);
    case Kind::AlphaSum:
        return QStringLiteral("alpha-sum");
    case Kind::BetaAlpha:
        return QStringLiteral("beta-alpha");
    case Kind::Attribution:
        break;
    }
    const QString head = QStringLiteral("attribution:") + attributionMethodKey(method);
    return mark < 0 ? head : head + QLatin1Char(':') + markNames.value(mark);
}

QString TrackQuantity::description(const QStringList& markNames) const
{
    const QString mark = markNames.value(this->mark);
    switch (kind) {
    case Kind::Alpha:
        return QStringLiteral("α of %1").arg(mark);
    case Kind::AlphaSum:
        return QStringLiteral("α summed over the marks");
    case Kind::BetaAlpha:
        return QStringLiteral("β-weighted α (Σ β·α over the marks)");
    case Kind::Attribution:
        break;
    }
    const QString name = attributionMethodName(method);
    return this->mark < 0 ? QStringLiteral("%1 summed over the marks").arg(name)
                          : QStringLiteral("%1 of %2").arg(name, mark);
}

bool TrackQuantity::fromResults(const RunResults& r, std::vector<float>* out, QString* error) const
{
    if (kind == Kind::Attribution) {
        *error = QStringLiteral("an attribution map is computed from the model, not the run's "
                                "results");
        return false;
    }
    if (r.alpha.empty() || (kind == Kind::BetaAlpha && r.beta.empty())) {
        *error = QStringLiteral("the run's model has no %1")
                     .arg(r.alpha.empty() ? QStringLiteral("α") : QStringLiteral("β"));
        return false;
    }
    const std::size_t bins = static_cast<std::size_t>(r.binCount);
    const std::size_t marks = static_cast<std::size_t>(r.markCount);
    out->assign(static_cast<std::size_t>(r.geneCount) * bins, 0.0f);
    for (std::size_t g = 0; g < static_cast<std::size_t>(r.geneCount); ++g)
        for (std::size_t m = 0; m < marks; ++m) {
            if (kind == Kind::Alpha && static_cast<int>(m) != mark)
                continue;
            const float weight = kind == Kind::BetaAlpha ? r.beta[g * marks + m] : 1.0f;
            const float* alpha = r.alpha.data() + (g * marks + m) * bins;
            for (std::size_t b = 0; b < bins; ++b)
                (*out)[g * bins + b] += weight * alpha[b];
        }
    return true;
}

std::vector<float> TrackQuantity::fromMaps(const std::vector<float>& maps, int genes, int marks,
                                           int bins) const
{
    std::vector<float> out(static_cast<std::size_t>(genes) * bins, 0.0f);
    for (int g = 0; g < genes; ++g)
        for (int m = 0; m < marks; ++m) {
            if (mark >= 0 && m != mark)
                continue;
            const float* map = maps.data() + (static_cast<std::size_t>(g) * marks + m) * bins;
            for (int b = 0; b < bins; ++b)
                out[static_cast<std::size_t>(g) * bins + b] += map[b];
        }
    return out;
}

} // namespace ac
