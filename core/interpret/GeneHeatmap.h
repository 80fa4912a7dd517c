#pragma once

#include "domain/CellData.h"
#include "domain/GeneRecord.h"
#include "domain/RunResults.h"
#include "domain/TrackData.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace ac
{

/// How the rows of a GeneHeatmap are ordered within each group (highest value on top).
enum class HeatmapSort {
    PHigh,     ///< P(high) of the run
    TssAlpha,  ///< α mass of the mark within ±tssBins bins of the TSS
    TrackMean, ///< mean of the track within ±tssBins bins of the TSS (no data: at the bottom)
};

/// How the rows of a GeneHeatmap are split into groups (drawn one under the other).
enum class HeatmapGrouping {
    None,       ///< one group, every gene
    TrueLabel,  ///< label high, then low
    Prediction, ///< p ≥ 0.5 (predicted high), then p < 0.5
    Membership, ///< the genes of HeatmapOptions::membership, then the others
    Clusters,   ///< k-means clusters of the α profiles (HeatmapOptions::clusters)
};

/// Key ("p", "tss-alpha", "track") and readable name of a sort; parse the key back.
QString heatmapSortKey(HeatmapSort sort);
QString heatmapSortName(HeatmapSort sort);
bool parseHeatmapSort(const QString& key, HeatmapSort* out);
/// Key ("none", "label", "prediction", "list", "clusters") and readable name of a grouping.
QString heatmapGroupingKey(HeatmapGrouping grouping);
QString heatmapGroupingName(HeatmapGrouping grouping);
bool parseHeatmapGrouping(const QString& key, HeatmapGrouping* out);

/// What a GeneHeatmap::layout() is asked for.
struct HeatmapOptions {
    HeatmapSort sort = HeatmapSort::PHigh;
    HeatmapGrouping grouping = HeatmapGrouping::None;
    int tssBins = 5;              ///< half-width of the TSS window, in bins (5: ±500 bp)
    int clusters = 3;             ///< k of HeatmapGrouping::Clusters, 1 … min(20, genes)
    std::uint64_t seed = 1;       ///< seeds the k-means++ start
    std::vector<bool> membership; ///< HeatmapGrouping::Membership: one flag per gene
    QString membershipName = QStringLiteral("gene list"); ///< names the member group
};

/// One group of rows, top to bottom, with its mean profile per panel.
struct HeatmapGroup {
    QString label;          ///< e.g. "label high", "cluster 2"
    std::vector<int> genes; ///< gene indices (the cell's order), top to bottom
    /// Per panel, the mean over the group's genes of each bin (bins without data skipped; NaN
    /// when no gene of the group has data there).
    std::vector<std::vector<float>> meanProfiles;
};

/// The rows of a heatmap: its groups, top to bottom.
struct HeatmapLayout {
    std::vector<HeatmapGroup> groups;
    /// All genes, top to bottom (the groups one after the other).
    std::vector<int> order() const;
    int rowCount() const;
};

/// One panel: a genes × bins matrix in the cell's gene order (NaN: no data).
struct HeatmapPanel {
    QString name;              ///< e.g. "α H3K4me3", "H3K4me3", "H3K27ac"
    std::vector<float> values; ///< genes × bins
    /// The 99th percentile of the finite values (of at most ~200,000 evenly spaced ones), 1 when
    /// none is above 0: the top of a colour scale that a few outliers do not flatten.
    float upper = 1;
};

/**
 * The all-genes heatmap of one mark (issue 15): panels of genes × bins (the mark's α, its
 * signal, and a track such as H3K27ac when the cell has one) that share one row order, and the
 * orders and groups deepTools' plotHeatmap offers (sort by a key, group by label, prediction, a
 * gene list or k-means clusters of the α profiles), with each group's mean profile.
 *
 * A plain value: build() copies what it needs from the cell, the run's results and the track,
 * so it can be built in a worker and handed to the GUI thread. k-means clustering takes from
 * 0.1 s to a second for 20,000 genes, so it is kept apart: computeClusters() is a const function
 * a worker may call while the GUI thread reads the heatmap, and setClusters() keeps its result
 * for layout(), which otherwise clusters again on every call. Const methods are safe from several
 * threads; setClusters() must not overlap another call. Failures return false with `error`.
 */
class GeneHeatmap
{
public:
    /// Builds the panels of mark `mark` of `cell` (which must hold X): α when `results` has it,
    /// the signal, and `track` when it has values for every gene. False with `error` (naming the
    /// cell) when the mark is out of range or results or track do not fit the cell's genes.
    static bool build(const CellData& cell, const RunResults& results, const TrackData& track,
                      int mark, GeneHeatmap* out, QString* error);

    int geneCount() const { return int(m_genes.size()); }
    int binCount() const { return m_binCount; }
    int binSize() const { return m_binSize; }
    int windowStart() const { return m_windowStart; }
    /// The bin that starts at the TSS (50 for −5000 … +5000 bp in 100 bp bins).
    int tssBin() const;
    int mark() const { return m_mark; }
    QString markName() const { return m_markName; }
    QString cellName() const { return m_cell; }
    const std::vector<GeneRecord>& genes() const { return m_genes; }
    const std::vector<float>& p() const { return m_p; }
    const std::vector<std::uint8_t>& labels() const { return m_labels; }
    const std::vector<HeatmapPanel>& panels() const { return m_panels; }
    /// Index of the α panel and of the track panel; -1 when there is none.
    int alphaPanel() const { return m_alphaPanel; }
    int trackPanel() const { return m_trackPanel; }

    /// The sort key of every gene for `sort` (NaN: no value, sorted last).
    std::vector<float> sortKeys(HeatmapSort sort, int tssBins) const;
    /// The groups and row order for `options`. False with `error` when the sort or grouping needs
    /// a panel this heatmap lacks (α, track), k or the TSS window is out of range, or the
    /// membership does not have one flag per gene.
    bool layout(const HeatmapOptions& options, HeatmapLayout* out, QString* error) const;
    /// The k-means clusters of the α profiles (k, seed), one per gene, numbered by decreasing α
    /// mass of their centre within ±tssBins of the TSS; empty without α or when k is out of range.
    std::vector<int> computeClusters(int k, std::uint64_t seed, int tssBins) const;
    /// Keeps `clusters` (computeClusters() of the same arguments) for layout(), beside those of
    /// other k, seeds or windows (replacing those of the same ones).
    void setClusters(int k, std::uint64_t seed, int tssBins, std::vector<int> clusters);
    /// True when the clusters of `options` (k, seed, TSS window) are kept.
    bool hasClusters(const HeatmapOptions& options) const;

private:
    bool checkOptions(const HeatmapOptions& options, QString* error) const;
    std::vector<std::vector<int>> split(const HeatmapOptions& options, QStringList* labels) const;
    std::vector<std::vector<float>> meanProfiles(const std::vector<int>& genes) const;

    QString m_cell;
    QString m_markName;
    int m_mark = 0;
    int m_binCount = 0;
    int m_binSize = 0;
    int m_windowStart = 0;
    std::vector<GeneRecord> m_genes;
    std::vector<float> m_p;
    std::vector<std::uint8_t> m_labels;
    std::vector<HeatmapPanel> m_panels;
    int m_alphaPanel = -1;
    int m_trackPanel = -1;

    struct KeptClusters {
        int k = 0;
        std::uint64_t seed = 0;
        int tssBins = -1;
        std::vector<int> clusters;
    };
    std::vector<KeptClusters> m_clusters;
    /// The kept clusters of `options` (k, seed, window), one per gene; nullptr when none.
    const std::vector<int>* keptClusters(const HeatmapOptions& options) const;
};

} // namespace ac
