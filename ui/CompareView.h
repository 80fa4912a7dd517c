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
 * runs they come from. GUI thread only. Cells without α/β show empty panels.
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

    /// One entry per compared cell type (same gene in each).
    void setGenes(const std::vector<GeneViewData>& perCell);
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

Q_SIGNALS:
    /// The user ticked or unticked a cell type.
    void checkedCellsChanged(const QStringList& cells);

private:
    void buildGeneLayout(int columns, int marks, const QStringList& markNames);
    void buildAggregateLayout();
    /// Colours `maps` on one scale: m_alphaScale over the range of all their cells.
    void applyAlphaScale(const std::vector<QCPColorMap*>& maps) const;

    QString m_gradient = QStringLiteral("Viridis");
    AlphaScale m_alphaScale;
    QListWidget* m_cellList = nullptr;
    QLabel* m_geneLabel = nullptr;
    QCustomPlot* m_genePlot = nullptr;
    QCustomPlot* m_aggPlot = nullptr;
    std::vector<QCPColorMap*> m_geneMaps;
    std::vector<QCPBars*> m_geneBetas;
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
