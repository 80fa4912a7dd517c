#pragma once

#include "interpret/GeneHeatmap.h"

#include <QString>
#include <QWidget>

#include <memory>
#include <vector>

class QComboBox;
class QCustomPlot;
class QLabel;
class QPushButton;
class QSpinBox;

namespace ac
{

class HeatmapFigure;
class JobController;
struct JobResult;

/**
 * The "Heatmap" tab (issue 15): every gene of the selected run's cell as one row, the chosen
 * mark's α, its signal and the cell's track (H3K27ac when it has one) side by side on one row
 * order, with a profile of each group on top (HeatmapFigure). Controls: mark, sort key (p(high),
 * α near the TSS, track), groups (none, true label, prediction, k-means clusters of α with k,
 * or a gene list given with setGeneList()), export (PNG, SVG, PDF, deepTools matrix). Clicking a
 * row emits geneActivated() with that gene.
 *
 * The cell's values, the run's results and the track are read in a JobController worker when
 * the tab is shown with a new context (a study, cell and run); re-sorting, regrouping and
 * changing the mark happen in the GUI thread (GeneHeatmap::layout() and one redraw, timed in the
 * status line). k-means clusters, up to a second for 20,000 genes, are computed in a second
 * worker once per k; the picture shown stays until they arrive, and a k chosen meanwhile is
 * clustered next.
 *
 * GUI thread only. Owns its controller, figure and data.
 */
class HeatmapTab : public QWidget
{
    Q_OBJECT
public:
    explicit HeatmapTab(QWidget* parent = nullptr);
    ~HeatmapTab() override;

    /// The study, cell and run shown (run may be empty: the tab says so). Read when the tab is
    /// visible (at once, or when it is next shown).
    void setContext(const QString& studyPath, const QString& cell, const QString& runId);
    /// Enables grouping by a gene list: `membership` has one flag per gene of the cell (true: in
    /// the list), `name` labels the group. An empty `membership` removes the list.
    void setGeneList(const QString& name, const std::vector<bool>& membership);

    /// Sort and grouping as the controls choose them; redraws.
    void setSort(HeatmapSort sort);
    void setGrouping(HeatmapGrouping grouping, int k = 3);
    /// Mark by index; redraws.
    void setMark(int mark);
    HeatmapOptions options() const;

    /// The heatmap drawn; nullptr before the data is read.
    const GeneHeatmap* heatmap() const { return m_heatmap.get(); }
    const HeatmapLayout& layout() const { return m_layout; }
    HeatmapFigure* figure() const { return m_figure.get(); }
    QCustomPlot* plot() const { return m_plot; }
    QLabel* statusLabel() const { return m_status; }
    /// Layout + redraw time of the last re-sort, in ms.
    double lastRedrawMs() const { return m_redrawMs; }
    bool isLoading() const;
    /// True while k-means clusters are computed in the worker (redrawn() follows).
    bool isClustering() const;

    /// The figure as "png", "svg" or "pdf" at its on-screen size (PlotExport); the matrix as a
    /// deepTools computeMatrix file (gzip when `file` ends in .gz). False with `error`.
    bool saveFigure(const QString& format, const QString& file, int dpi, QString* error) const;
    bool saveMatrix(const QString& file, QString* error) const;

    /// What the worker reads (the cell with X, results, track); defined in the .cpp.
    struct Source;

Q_SIGNALS:
    /// A row was clicked: `geneIndex` in the cell's gene order.
    void geneActivated(int geneIndex);
    /// The data of the context was read (`error` empty) or could not be (`error` says why).
    void loaded(const QString& error);
    /// The figure was drawn again (a new sort, grouping, mark, gene list or clusters).
    void redrawn();

protected:
    void showEvent(QShowEvent* event) override;

private:
    void load();
    void rebuild();
    void redraw();
    /// Starts k-means for `options` in the worker unless it is busy (its end redraws, which
    /// clusters again when the k chosen meanwhile differs).
    void cluster(const HeatmapOptions& options);
    /// Keeps the clusters the worker computed (when still for the heatmap shown) and redraws.
    void onClustered(const JobResult& result);
    void exportDialog(const QString& format);

    JobController* m_controller = nullptr;
    JobController* m_clusterer = nullptr;
    QCustomPlot* m_plot = nullptr;
    std::unique_ptr<HeatmapFigure> m_figure;
    QComboBox* m_markBox = nullptr;
    QComboBox* m_sortBox = nullptr;
    QComboBox* m_groupBox = nullptr;
    QSpinBox* m_kBox = nullptr;
    QPushButton* m_exportButton = nullptr;
    QLabel* m_status = nullptr;
    QString m_study, m_cell, m_runId;
    bool m_stale = false; ///< the context changed since the data was read
    std::shared_ptr<const Source> m_source;
    /// Shared with a clustering worker, which only calls its const computeClusters().
    std::shared_ptr<GeneHeatmap> m_heatmap;
    /// What the clustering worker is computing: for which heatmap, and k, seed and window.
    struct Clustering {
        std::shared_ptr<GeneHeatmap> heatmap;
        HeatmapOptions options;
    } m_clustering;
    HeatmapLayout m_layout;
    QString m_listName;
    std::vector<bool> m_membership;
    double m_redrawMs = 0;
};

} // namespace ac
