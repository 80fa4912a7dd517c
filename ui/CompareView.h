#pragma once

#include "AlphaScale.h"
#include "AttentionAverages.h"
#include "domain/GeneViewData.h"

#include <QWidget>

#include <vector>

class QCustomPlot;
class QCPColorMap;
class QCPColorScale;
class QCPBars;
class QLabel;
class QMouseEvent;
class QPointF;
class QCPAxisRect;
class QListWidget;

namespace ac
{

/**
 * Side-by-side attention: the same gene in two or more cell types (α heatmap and β bars per cell
 * type, one colour scale shared by all of them so colours compare), and the paper's aggregate
 * views of one run (α and β averaged over the ON genes and over the OFF genes, again on one
 * shared scale).
 *
 * Receives plain values (GeneViewData per cell type, AttentionAverages); the window decides which
 * runs they come from. GUI thread only. Cells without α/β show empty panels. All panels of a row
 * have the same width; hovering shows the value under the mouse.
 */
class CompareView : public QWidget
{
    Q_OBJECT
public:
    explicit CompareView(QWidget* parent = nullptr);
    ~CompareView() override;

    /// Cell types offered for comparison; `checked` are ticked.
    void setAvailableCells(const QStringList& cells, const QStringList& checked);
    QStringList checkedCells() const;

    /// One entry per ticked cell type that has the selected gene `gene` (its name; empty when
    /// no gene is selected). Ticked cell types without it are named above the panels.
    void setGenes(const std::vector<GeneViewData>& perCell, const QString& gene = QString());
    void setAggregate(const AttentionAverages& averages);
    void setGradient(const QString& name);
    /// The α colour scale of both plots (see AlphaScale), shared by the maps of each plot.
    void setAlphaScale(const AlphaScale& scale);

    int geneColumnCount() const { return int(m_geneMaps.size()); }
    QCPColorMap* geneMap(int column) const { return m_geneMaps.at(std::size_t(column)); }
    QCPBars* geneBeta(int column) const { return m_geneBetas.at(std::size_t(column)); }
    QCPColorMap* aggregateMap(bool on) const { return on ? m_onMap : m_offMap; }
    QCPBars* aggregateBeta(bool on) const { return on ? m_betaOnBars : m_betaOffBars; }
    QCustomPlot* genePlot() const { return m_genePlot; }
    QCustomPlot* aggregatePlot() const { return m_aggPlot; }
    /// The text above the panels (which gene, where it is missing, what to do).
    QString geneLabelText() const;
    /// What the mouse at `pos` (pixels in `plot`, the gene or the aggregate plot) points at: cell
    /// type or ON/OFF, mark, bin with its bp range and α, or β of a mark; empty elsewhere.
    QString hoverText(const QCustomPlot* plot, const QPointF& pos) const;

Q_SIGNALS:
    /// The user ticked or unticked a cell type.
    void checkedCellsChanged(const QStringList& cells);
    /// The mouse points at a value (hoverText()); also shown as a tool tip.
    void hovered(const QString& text);

private:
    void buildGeneLayout(int columns, int marks, const QStringList& markNames);
    void buildAggregateLayout();
    /// Colours `maps` on one scale: m_alphaScale over the range of all their cells.
    void applyAlphaScale(const std::vector<QCPColorMap*>& maps) const;
    void onMouseMove(QCustomPlot* plot, QMouseEvent* event);
    /// The title of the panel drawn in `rect` ("E123", "ON genes"), or "" when it is none of ours.
    QString panelTitle(const QCPAxisRect* rect) const;

    QString m_gradient = QStringLiteral("Viridis");
    AlphaScale m_alphaScale;
    QListWidget* m_cellList = nullptr;
    QLabel* m_geneLabel = nullptr;
    QCustomPlot* m_genePlot = nullptr;
    QCustomPlot* m_aggPlot = nullptr;
    std::vector<QCPColorMap*> m_geneMaps;
    std::vector<QCPBars*> m_geneBetas;
    QStringList m_columnCells; ///< cell type of each gene column
    QStringList m_markNames = remc::markNames();
    QCPColorScale* m_geneScale = nullptr;
    QCPColorMap* m_onMap = nullptr;
    QCPColorMap* m_offMap = nullptr;
    QCPColorScale* m_aggScale = nullptr;
    QCPBars* m_betaOnBars = nullptr;
    QCPBars* m_betaOffBars = nullptr;
    int m_layoutColumns = -1;
    int m_layoutMarks = -1;
};

} // namespace ac
