#include "interpret/GeneHeatmap.h"

#include "interpret/KMeans.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace ac
{

namespace
{

constexpr int kMaxClusters = 20;
constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

struct Named {
    const char* key;
    const char* name;
};
const Named kSorts[] = {
    {"p", "p(high)"}, {"tss-alpha", "α mass near the TSS"}, {"track", "track near the TSS"}};
const Named kGroupings[] = {{"none", "none"},
                            {"label", "true label"},
                            {"prediction", "prediction"},
                            {"list", "gene list"},
                            {"clusters", "k-means clusters of α"}};

/// Sum (or mean) of row[first, last) over its finite values; NaN when none is finite.
float windowValue(const float* row, int first, int last, bool mean)
{
    double sum = 0;
    int n = 0;
    for (int b = first; b < last; ++b)
        if (std::isfinite(row[b])) {
            sum += row[b];
            ++n;
        }
    if (n == 0)
        return kNaN;
    return float(mean ? sum / n : sum);
}

float upperPercentile(const std::vector<float>& values)
{
    const std::size_t stride = std::max<std::size_t>(1, values.size() / 200000);
    std::vector<float> sample;
    for (std::size_t i = 0; i < values.size(); i += stride)
        if (std::isfinite(values[i]))
            sample.push_back(values[i]);
    if (sample.empty())
        return 1;
    const auto at = sample.begin() + std::ptrdiff_t(double(sample.size() - 1) * 0.99);
    std::nth_element(sample.begin(), at, sample.end());
    return *at > 0 ? *at : 1.0f;
}

/// `genes` ordered by decreasing key, NaN keys last, ties in the cell's order.
void sortByKey(std::vector<int>* genes, const std::vector<float>& keys)
{
    std::stable_sort(genes->begin(), genes->end(), [&keys](int a, int b) {
        const float ka = keys[std::size_t(a)], kb = keys[std::size_t(b)];
        const bool na = std::isnan(ka), nb = std::isnan(kb);
        if (na != nb)
            return nb;
        return !na && ka > kb;
    });
}

} // namespace

QString heatmapSortKey(HeatmapSort sort)
{
    return QLatin1String(kSorts[int(sort)].key);
}
QString heatmapSortName(HeatmapSort sort)
{
    return QString::fromUtf8(kSorts[int(sort)].name);
}
bool parseHeatmapSort(const QString& key, HeatmapSort* out)
{
    for (int i = 0; i < int(std::size(kSorts)); ++i)
        if (key == QLatin1String(kSorts[i].key)) {
            *out = HeatmapSort(i);
            return true;
        }
    return false;
}
QString heatmapGroupingKey(HeatmapGrouping grouping)
{
    return QLatin1String(kGroupings[int(grouping)].key);
}
QString heatmapGroupingName(HeatmapGrouping grouping)
{
    return QString::fromUtf8(kGroupings[int(grouping)].name);
}
bool parseHeatmapGrouping(const QString& key, HeatmapGrouping* out)
{
    for (int i = 0; i < int(std::size(kGroupings)); ++i)
        if (key == QLatin1String(kGroupings[i].key)) {
            *out = HeatmapGrouping(i);
            return true;
        }
    return false;
}

std::vector<int> HeatmapLayout::order() const
{
    std::vector<int> all;
    all.reserve(std::size_t(rowCount()));
    for (const HeatmapGroup& g : groups)
        all.insert(all.end(), g.genes.begin(), g.genes.end());
    return all;
}

int HeatmapLayout::rowCount() const
{
    std::size_t n = 0;
    for (const HeatmapGroup& g : groups)
        n += g.genes.size();
    return int(n);
}

bool GeneHeatmap::build(const CellData& cell, const RunResults& results, const TrackData& track,
                        int mark, GeneHeatmap* out, QString* error)
{
    const std::size_t genes = cell.genes.size(), bins = std::size_t(cell.binCount);
    const std::size_t marks = std::size_t(cell.markCount);
    if (mark < 0 || mark >= cell.markCount) {
        *error = QStringLiteral("cell %1: no mark %2 (it has %3)")
                     .arg(cell.name)
                     .arg(mark + 1)
                     .arg(cell.markCount);
        return false;
    }
    if (cell.values.size() != genes * bins * marks || cell.labels.size() != genes ||
        results.p.size() != genes ||
        (!results.alpha.empty() &&
         (results.alpha.size() != genes * bins * marks || results.binCount != cell.binCount))) {
        *error = QStringLiteral("cell %1: the run's results or the cell's values do not fit its "
                                "%2 genes")
                     .arg(cell.name)
                     .arg(genes);
        return false;
    }
    GeneHeatmap h;
    h.m_cell = cell.name;
    h.m_mark = mark;
    h.m_markName = cell.markNames.value(mark, QStringLiteral("mark %1").arg(mark + 1));
    h.m_binCount = cell.binCount;
    h.m_binSize = cell.binSize;
    h.m_windowStart = cell.windowStart;
    h.m_genes = cell.genes;
    h.m_p = results.p;
    h.m_labels = cell.labels;
    if (!results.alpha.empty()) {
        HeatmapPanel alpha{QStringLiteral("α %1").arg(h.m_markName), {}};
        alpha.values.resize(genes * bins);
        for (std::size_t g = 0; g < genes; ++g)
            std::copy_n(results.alpha.data() + (g * marks + std::size_t(mark)) * bins, bins,
                        alpha.values.data() + g * bins);
        h.m_alphaPanel = int(h.m_panels.size());
        h.m_panels.push_back(std::move(alpha));
    }
    HeatmapPanel signal{h.m_markName, {}};
    signal.values.resize(genes * bins);
    for (std::size_t g = 0; g < genes; ++g)
        for (std::size_t b = 0; b < bins; ++b)
            signal.values[g * bins + b] = cell.values[(g * bins + b) * marks + std::size_t(mark)];
    h.m_panels.push_back(std::move(signal));
    if (track.values.size() == genes * bins && track.binCount == cell.binCount) {
        h.m_trackPanel = int(h.m_panels.size());
        h.m_panels.push_back({track.name, track.values});
    }
    for (HeatmapPanel& panel : h.m_panels)
        panel.upper = upperPercentile(panel.values);
    *out = std::move(h);
    return true;
}

int GeneHeatmap::tssBin() const
{
    const int bin = m_binSize > 0 ? -m_windowStart / m_binSize : 0;
    return std::clamp(bin, 0, m_binCount);
}

std::vector<float> GeneHeatmap::sortKeys(HeatmapSort sort, int tssBins) const
{
    const std::size_t genes = m_genes.size(), bins = std::size_t(m_binCount);
    if (sort == HeatmapSort::PHigh)
        return m_p;
    const int panel = sort == HeatmapSort::TssAlpha ? m_alphaPanel : m_trackPanel;
    std::vector<float> keys(genes, kNaN);
    if (panel < 0)
        return keys;
    const int first = std::max(0, tssBin() - tssBins);
    const int last = std::min(m_binCount, tssBin() + tssBins);
    const std::vector<float>& v = m_panels[std::size_t(panel)].values;
    for (std::size_t g = 0; g < genes; ++g)
        keys[g] = windowValue(v.data() + g * bins, first, last, sort == HeatmapSort::TrackMean);
    return keys;
}

std::vector<int> GeneHeatmap::computeClusters(int k, std::uint64_t seed, int tssBins) const
{
    if (m_alphaPanel < 0)
        return {};
    std::vector<float> rows = m_panels[std::size_t(m_alphaPanel)].values;
    for (float& v : rows)
        if (!std::isfinite(v))
            v = 0;
    const KMeansResult r = KMeans::cluster(rows.data(), geneCount(), m_binCount, k, seed);
    if (r.k != k)
        return {};
    // Number the clusters by their centre's α mass near the TSS, so the numbering does not
    // depend on where k-means++ happened to start (ties: the larger cluster first).
    const int first = std::max(0, tssBin() - tssBins);
    const int last = std::min(m_binCount, tssBin() + tssBins);
    std::vector<int> rank(static_cast<std::size_t>(k));
    std::iota(rank.begin(), rank.end(), 0);
    std::vector<float> mass(static_cast<std::size_t>(k));
    for (int i = 0; i < k; ++i)
        mass[std::size_t(i)] =
            windowValue(r.centres.data() + std::size_t(i) * m_binCount, first, last, false);
    std::stable_sort(rank.begin(), rank.end(), [&](int a, int b) {
        if (mass[std::size_t(a)] != mass[std::size_t(b)])
            return mass[std::size_t(a)] > mass[std::size_t(b)];
        return r.sizes[std::size_t(a)] > r.sizes[std::size_t(b)];
    });
    std::vector<int> number(static_cast<std::size_t>(k));
    for (int i = 0; i < k; ++i)
        number[std::size_t(rank[std::size_t(i)])] = i;
    std::vector<int> clusters(r.assignment.size());
    for (std::size_t g = 0; g < r.assignment.size(); ++g)
        clusters[g] = number[std::size_t(r.assignment[g])];
    return clusters;
}

void GeneHeatmap::setClusters(int k, std::uint64_t seed, int tssBins, std::vector<int> clusters)
{
    const auto same = [&](const KeptClusters& c) {
        return c.k == k && c.seed == seed && c.tssBins == tssBins;
    };
    m_clusters.erase(std::remove_if(m_clusters.begin(), m_clusters.end(), same), m_clusters.end());
    m_clusters.push_back(KeptClusters{k, seed, tssBins, std::move(clusters)});
}

const std::vector<int>* GeneHeatmap::keptClusters(const HeatmapOptions& o) const
{
    for (const KeptClusters& c : m_clusters)
        if (c.k == o.clusters && c.seed == o.seed && c.tssBins == o.tssBins &&
            c.clusters.size() == m_genes.size())
            return &c.clusters;
    return nullptr;
}

bool GeneHeatmap::hasClusters(const HeatmapOptions& o) const
{
    return keptClusters(o) != nullptr;
}

bool GeneHeatmap::checkOptions(const HeatmapOptions& o, QString* error) const
{
    const int k = o.clusters;
    const bool needsAlpha =
        o.sort == HeatmapSort::TssAlpha || o.grouping == HeatmapGrouping::Clusters;
    if (needsAlpha && m_alphaPanel < 0)
        *error = QStringLiteral("cell %1: the run has no α (attention) to sort or cluster by")
                     .arg(m_cell);
    else if (o.sort == HeatmapSort::TrackMean && m_trackPanel < 0)
        *error = QStringLiteral("cell %1: no track to sort by").arg(m_cell);
    else if (o.tssBins < 1 || o.tssBins > m_binCount)
        *error = QStringLiteral("the TSS window must be 1 … %1 bins, not %2")
                     .arg(m_binCount)
                     .arg(o.tssBins);
    else if (o.grouping == HeatmapGrouping::Clusters &&
             (k < 1 || k > std::min(kMaxClusters, geneCount())))
        *error = QStringLiteral("k must be 1 … %1, not %2")
                     .arg(std::min(kMaxClusters, geneCount()))
                     .arg(k);
    else if (o.grouping == HeatmapGrouping::Membership && o.membership.size() != m_genes.size())
        *error = QStringLiteral("cell %1: the gene list marks %2 genes of the cell's %3")
                     .arg(m_cell)
                     .arg(o.membership.size())
                     .arg(m_genes.size());
    else
        return true;
    return false;
}

std::vector<std::vector<int>> GeneHeatmap::split(const HeatmapOptions& o, QStringList* labels) const
{
    const int genes = geneCount();
    std::vector<int> groupOf(std::size_t(genes), 0);
    switch (o.grouping) {
    case HeatmapGrouping::None:
        *labels = {QStringLiteral("all genes")};
        break;
    case HeatmapGrouping::TrueLabel:
        *labels = {QStringLiteral("label high"), QStringLiteral("label low")};
        for (int g = 0; g < genes; ++g)
            groupOf[std::size_t(g)] = m_labels[std::size_t(g)] == 1 ? 0 : 1;
        break;
    case HeatmapGrouping::Prediction:
        *labels = {QStringLiteral("predicted high"), QStringLiteral("predicted low")};
        for (int g = 0; g < genes; ++g)
            groupOf[std::size_t(g)] = m_p[std::size_t(g)] >= 0.5f ? 0 : 1;
        break;
    case HeatmapGrouping::Membership:
        *labels = {o.membershipName, QStringLiteral("not in %1").arg(o.membershipName)};
        for (int g = 0; g < genes; ++g)
            groupOf[std::size_t(g)] = o.membership[std::size_t(g)] ? 0 : 1;
        break;
    case HeatmapGrouping::Clusters:
        labels->clear();
        for (int c = 0; c < o.clusters; ++c)
            *labels << QStringLiteral("cluster %1").arg(c + 1);
        if (const std::vector<int>* kept = keptClusters(o))
            groupOf = *kept;
        else
            groupOf = computeClusters(o.clusters, o.seed, o.tssBins);
        if (groupOf.size() != std::size_t(genes)) // checkOptions() rules this out
            groupOf.assign(std::size_t(genes), 0);
        break;
    }
    std::vector<std::vector<int>> groups(std::size_t(labels->size()));
    for (int g = 0; g < genes; ++g)
        groups[std::size_t(groupOf[std::size_t(g)])].push_back(g);
    return groups;
}

std::vector<std::vector<float>> GeneHeatmap::meanProfiles(const std::vector<int>& genes) const
{
    const std::size_t bins = std::size_t(m_binCount);
    std::vector<std::vector<float>> out;
    std::vector<double> sum(bins);
    std::vector<int> n(bins);
    for (const HeatmapPanel& panel : m_panels) {
        std::fill(sum.begin(), sum.end(), 0.0);
        std::fill(n.begin(), n.end(), 0);
        for (int g : genes) {
            const float* row = panel.values.data() + std::size_t(g) * bins;
            for (std::size_t b = 0; b < bins; ++b) { // branch-free, so it vectorises
                const bool finite = std::isfinite(row[b]);
                sum[b] += finite ? double(row[b]) : 0.0;
                n[b] += finite;
            }
        }
        std::vector<float> mean(bins, kNaN);
        for (std::size_t b = 0; b < bins; ++b)
            if (n[b] > 0)
                mean[b] = float(sum[b] / n[b]);
        out.push_back(std::move(mean));
    }
    return out;
}

bool GeneHeatmap::layout(const HeatmapOptions& options, HeatmapLayout* out, QString* error) const
{
    if (!checkOptions(options, error))
        return false;
    const std::vector<float> keys = sortKeys(options.sort, options.tssBins);
    QStringList labels;
    std::vector<std::vector<int>> groups = split(options, &labels);
    HeatmapLayout layout;
    for (std::size_t i = 0; i < groups.size(); ++i) {
        if (groups[i].empty())
            continue;
        HeatmapGroup group;
        group.label = labels.value(int(i));
        group.meanProfiles = meanProfiles(groups[i]); // in the cell's order: memory order
        sortByKey(&groups[i], keys);
        group.genes = std::move(groups[i]);
        layout.groups.push_back(std::move(group));
    }
    *out = std::move(layout);
    return true;
}

} // namespace ac
