#pragma once

#include <QDockWidget>
#include <QPoint>

#include <functional>
#include <vector>

class QComboBox;
class QTableView;
class QTreeWidget;
class QTreeWidgetItem;

namespace ac
{

class GeneFilterProxy;
class GeneListModel;
class GeneSearch;
class StudyFile;
struct CellData;

/**
 * The window's left dock: the study tree (cell types and their runs, with kind, status and test
 * AUROC; each cell's active run in bold, its status saying "active"), the gene search
 * (GeneSearch), the split/label/predicted-class/correctness filters and the gene table.
 * It shows what it is given and reports what the user picks by signal; it never selects anything
 * by itself.
 *
 * GUI thread only. Owns its widgets, the gene model and the filter proxy.
 */
class StudyDock : public QDockWidget
{
    Q_OBJECT
public:
    explicit StudyDock(QWidget* parent = nullptr);

    /// Lists the cell types and runs of `study`; nullptr clears the tree.
    void setStudy(const StudyFile* study);
    /// Shows the genes (with labels and splits) of a cell; the p column is cleared.
    void setGenes(const CellData& index);
    /// P(high) per gene of the selected run; empty clears the p column.
    void setP(std::vector<float> p);
    /// Makes gene `index` the table's current row (scrolled into view) without emitting
    /// geneActivated().
    void showGene(int index);
    /// Puts the keyboard focus in the gene search (Ctrl+F).
    void focusSearch();

    QTreeWidget* tree() const { return m_tree; }
    GeneListModel* geneModel() const { return m_geneModel; }
    GeneFilterProxy* geneFilter() const { return m_filter; }
    QTableView* geneTable() const { return m_geneTable; }
    GeneSearch* geneSearch() const { return m_search; }

Q_SIGNALS:
    /// A tree item was clicked: a cell type (`runId` empty) or one of its runs.
    void itemChosen(const QString& cell, const QString& runId);
    /// A run was right-clicked at `globalPos` (for the run menu, RunActions).
    void runMenuRequested(const QString& cell, const QString& runId, const QPoint& globalPos);
    /// The table's current row moved to gene `index` (click or keyboard), or the search chose it
    /// by its exact name.
    void geneActivated(int index);

private:
    QWidget* buildFilters(QWidget* parent);
    void buildGeneTable(QWidget* parent);
    void onTreeItemClicked(QTreeWidgetItem* item);
    /// Applies a filter `change` without letting the table's current row choose another gene.
    void refilter(const std::function<void()>& change);

    QTreeWidget* m_tree = nullptr;
    GeneSearch* m_search = nullptr;
    QTableView* m_geneTable = nullptr;
    GeneListModel* m_geneModel = nullptr;
    GeneFilterProxy* m_filter = nullptr;
    /// True while showGene() moves the current row: the move is not reported as geneActivated().
    bool m_showingGene = false;
    int m_shownGene = -1; ///< the gene the window shows (showGene()), -1 for none
};

} // namespace ac
