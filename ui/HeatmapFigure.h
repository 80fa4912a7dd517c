#pragma once

#include "FigureSize.h"
#include "interpret/GeneHeatmap.h"

#include <QPoint>
#include <QString>

#include <vector>

class QCustomPlot;
class QCPAxisRect;

namespace ac
{

/**
 * Draws an all-genes heatmap (GeneHeatmap + HeatmapLayout) on a QCustomPlot in the style of
 * deepTools' plotHeatmap: one column per panel (α of the mark, its signal, the track), each a
 * profile plot on top (the mean of every group, one colour per group, legend with the group
 * sizes) over a heatmap of genes × bins on the shared TSS-relative axis, all columns on the same
 * row order, group boundaries as lines and group names on the left, a colour bar under each.
 *
 * How it is drawn: the rows are averaged down to at most `maxRows` image rows (the widget's
 * height in pixels is enough; missing values skipped) and each panel is one QCPColorMap of
 * bins × image rows, so a re-sort of 19,802 genes costs one pass over the matrix and one replot
 * (bench heatmap). Exported with PlotExport like every figure. α is coloured 0 … 5 × uniform
 * (1/bins, magenta above), signal and track 0 … their 99th percentile (HeatmapPanel::upper).
 *
 * Does not own the plot. GUI thread only; never throws.
 */
class HeatmapFigure
{
public:
    static constexpr int kDefaultMaxRows = 800;
    static constexpr int kDefaultWidth = 1200; ///< logical px (96 per inch) of a saved figure
    static constexpr int kDefaultHeight = 800;

    explicit HeatmapFigure(QCustomPlot* plot);

    /// Replaces what the plot shows; `heatmap` and `layout` are copied as far as needed (the row
    /// order). Replots unless `replot` is false.
    void draw(const GeneHeatmap& heatmap, const HeatmapLayout& layout,
              const QString& gradientName = QString(), int maxRows = kDefaultMaxRows,
              bool replot = true);
    /// Clears the plot and shows `message` in its place (no run, no attention, …).
    void showMessage(const QString& message);

    /// kDefaultWidth × kDefaultHeight at `dpi`, fonts as on screen.
    static FigureSize defaultSize(int dpi = 300);
    /// Draws `heatmap` in `layout` on a plot of its own at `size` and writes it as "png", "svg"
    /// or "pdf" (PlotExport) with `title` above; false with `error` naming the file. Needs a
    /// QApplication (offscreen is fine); GUI thread only.
    static bool save(const GeneHeatmap& heatmap, const HeatmapLayout& layout, const QString& format,
                     const QString& file, const FigureSize& size, const QString& title,
                     QString* error);

    /// The gene (index in the cell's order) of the heatmap row under `pos` (plot pixels); -1
    /// outside the heatmaps.
    int geneAt(const QPoint& pos) const;
    /// The genes top to bottom, as drawn.
    const std::vector<int>& order() const { return m_order; }
    /// The heatmap axis rect of panel `panel`; nullptr when not drawn.
    QCPAxisRect* mapRect(int panel) const;
    /// Image rows of the last draw (≤ maxRows).
    int imageRows() const { return m_imageRows; }

private:
    /// The heatmap of panel `p` in m_order, with its colour scale.
    QCPAxisRect* addMapRect(const GeneHeatmap& heatmap, int p, const QString& gradientName);

    QCustomPlot* m_plot;
    std::vector<QCPAxisRect*> m_mapRects;
    std::vector<int> m_order;
    int m_imageRows = 0;
};

} // namespace ac
