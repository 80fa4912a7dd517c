#include "train/Metrics.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ac::metrics
{

namespace
{

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// Scores sorted (descending) with their labels, and the class counts; `problem` is empty when
/// both classes are present and every score is a number.
struct Ranked {
    std::vector<std::pair<float, bool>> items;
    long long positives = 0;
    long long negatives = 0;
    QString problem;
};

Ranked rank(const std::vector<float>& scores, const std::vector<std::uint8_t>& labels,
            bool needNegatives)
{
    Ranked r;
    if (scores.size() != labels.size()) {
        r.problem = QStringLiteral("%1 scores but %2 labels").arg(scores.size()).arg(labels.size());
        return r;
    }
    if (scores.empty()) {
        r.problem = QStringLiteral("no genes");
        return r;
    }
    r.items.reserve(scores.size());
    for (std::size_t i = 0; i < scores.size(); ++i) {
        if (std::isnan(scores[i])) {
            r.problem = QStringLiteral("score of gene %1 is NaN").arg(i);
            r.items.clear();
            return r;
        }
        const bool positive = labels[i] != 0;
        r.items.emplace_back(scores[i], positive);
        (positive ? r.positives : r.negatives) += 1;
    }
    if (r.positives == 0 || (needNegatives && r.negatives == 0)) {
        r.problem = QStringLiteral("one class only (all %1 labels are %2)")
                        .arg(scores.size())
                        .arg(r.positives == 0 ? 0 : 1);
        r.items.clear();
        return r;
    }
    std::stable_sort(r.items.begin(), r.items.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    return r;
}

void setNote(QString* note, const QString& text)
{
    if (note)
        *note = text;
}

/// Calls f(score, truePositives, falsePositives) after each group of tied scores, in
/// decreasing score order.
template <typename F> void forEachThreshold(const Ranked& r, F f)
{
    long long tp = 0, fp = 0;
    std::size_t i = 0;
    while (i < r.items.size()) {
        const float score = r.items[i].first;
        while (i < r.items.size() && r.items[i].first == score) {
            (r.items[i].second ? tp : fp) += 1;
            ++i;
        }
        f(score, tp, fp);
    }
}

} // namespace

double auroc(const std::vector<float>& scores, const std::vector<std::uint8_t>& labels,
             QString* note)
{
    const Ranked r = rank(scores, labels, true);
    setNote(note, r.problem);
    if (!r.problem.isEmpty())
        return kNaN;
    // Ranks ascend with the score; the list is sorted descending, so item i (0-based) of a group
    // spanning [begin, end) has ascending ranks n-end+1 .. n-begin, whose mean is the midrank.
    const long long n = static_cast<long long>(r.items.size());
    double positiveRankSum = 0;
    std::size_t begin = 0;
    while (begin < r.items.size()) {
        std::size_t end = begin;
        long long groupPositives = 0;
        while (end < r.items.size() && r.items[end].first == r.items[begin].first) {
            groupPositives += r.items[end].second ? 1 : 0;
            ++end;
        }
        const double midrank = (static_cast<double>(n - static_cast<long long>(end) + 1) +
                                static_cast<double>(n - static_cast<long long>(begin))) /
                               2.0;
        positiveRankSum += midrank * static_cast<double>(groupPositives);
        begin = end;
    }
    const double p = static_cast<double>(r.positives);
    const double u = positiveRankSum - p * (p + 1) / 2.0;
    return u / (p * static_cast<double>(r.negatives));
}

double averagePrecision(const std::vector<float>& scores, const std::vector<std::uint8_t>& labels,
                        QString* note)
{
    const Ranked r = rank(scores, labels, false);
    setNote(note, r.problem);
    if (!r.problem.isEmpty())
        return kNaN;
    // Σ ΔTP · precision, divided by P once at the end: exact integers in the weights keep a
    // perfect ranking at exactly 1.
    double weighted = 0;
    long long previousTp = 0;
    forEachThreshold(r, [&](float, long long tp, long long fp) {
        if (tp != previousTp) {
            weighted += static_cast<double>(tp - previousTp) * static_cast<double>(tp) /
                        static_cast<double>(tp + fp);
            previousTp = tp;
        }
    });
    return weighted / static_cast<double>(r.positives);
}

double accuracy(const std::vector<float>& scores, const std::vector<std::uint8_t>& labels)
{
    if (scores.empty() || scores.size() != labels.size())
        return kNaN;
    std::size_t correct = 0;
    for (std::size_t i = 0; i < scores.size(); ++i)
        correct += ((scores[i] >= 0.5f) == (labels[i] != 0)) ? 1 : 0;
    return static_cast<double>(correct) / static_cast<double>(scores.size());
}

std::vector<CurvePoint> rocCurve(const std::vector<float>& scores,
                                 const std::vector<std::uint8_t>& labels)
{
    const Ranked r = rank(scores, labels, true);
    if (!r.problem.isEmpty())
        return {};
    std::vector<CurvePoint> points;
    points.push_back({0.0, 0.0, std::numeric_limits<double>::infinity()});
    const double p = static_cast<double>(r.positives), n = static_cast<double>(r.negatives);
    forEachThreshold(r, [&](float score, long long tp, long long fp) {
        points.push_back({static_cast<double>(fp) / n, static_cast<double>(tp) / p, score});
    });
    return points;
}

std::vector<CurvePoint> prCurve(const std::vector<float>& scores,
                                const std::vector<std::uint8_t>& labels)
{
    const Ranked r = rank(scores, labels, false);
    if (!r.problem.isEmpty())
        return {};
    std::vector<CurvePoint> points;
    points.push_back({0.0, 1.0, std::numeric_limits<double>::infinity()});
    const double p = static_cast<double>(r.positives);
    forEachThreshold(r, [&](float score, long long tp, long long fp) {
        points.push_back({static_cast<double>(tp) / p,
                          static_cast<double>(tp) / static_cast<double>(tp + fp), score});
    });
    return points;
}

BinaryMetrics evaluate(const std::vector<float>& scores, const std::vector<std::uint8_t>& labels)
{
    BinaryMetrics m;
    m.count = static_cast<int>(scores.size());
    if (scores.size() == labels.size())
        m.positives = static_cast<int>(
            std::count_if(labels.begin(), labels.end(), [](std::uint8_t l) { return l != 0; }));
    m.auroc = auroc(scores, labels, &m.note);
    QString aprNote;
    m.aupr = averagePrecision(scores, labels, &aprNote);
    if (m.note.isEmpty())
        m.note = aprNote;
    m.accuracy = accuracy(scores, labels);
    return m;
}

} // namespace ac::metrics
