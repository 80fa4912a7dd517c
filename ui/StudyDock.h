#pragma once

#include "data/GeneListFile.h"

#include <QDockWidget>
#include <QPoint>

#include <functional>
#include <vector>

class QAction;
class QComboBox;
class QLabel;
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
 * (GeneSearch), the split/label/predicted-class/correctness filters, a gene list loaded from a
 * file (GeneListFile: only its genes are listed, and the listed genes can be saved), the count of
 * listed genes and the gene table.
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

    /// Lists only the genes of the gene-list file `path` (also in the cells chosen later); false
    /// with `error` ("<file>:<line>: ...") when it cannot be read, the current list then stays.
    /// Entries that match no gene of the cell are told in geneListNote().
    bool loadGeneList(const QString& path, QString* error);
    /// Lists every gene again.
    void clearGeneList();
    /// The loaded gene list's file; empty without one.
    QString geneListPath() const;
    /// "N of M entries of <file> not found: ..." for the current cell; empty when all were found.
    QString geneListNote() const { return m_listNote; }
    /// Writes the genes the table lists now (every filter applied), in its order, as a gene list
    /// (GeneListFile::write()); false with `error` naming the file.
    bool saveListedGenes(const QString& path, QString* error) const;
    /// "123 of 19,802 genes · list: file.txt", as shown above the table.
    QString geneCountText() const;

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
    /// The gene list or the cell changed: the list's file name and one flag per gene of the cell
    /// (empty without a list), for the heatmap's gene-list group.
    void geneListChanged(const QString& name, const std::vector<bool>& membership);

private:
    QWidget* buildFilters(QWidget* parent);
    void buildGeneTable(QWidget* parent);
    QWidget* buildListRow(QWidget* parent);
    void applyGeneList();
    void updateGeneCount();
    void chooseGeneList();
    void chooseSaveListed();
    void onTreeItemClicked(QTreeWidgetItem* item);
    /// Applies a filter `change` without letting the table's current row choose another gene.
    void refilter(const std::function<void()>& change);

    QTreeWidget* m_tree = nullptr;
    GeneSearch* m_search = nullptr;
    QTableView* m_geneTable = nullptr;
    GeneListModel* m_geneModel = nullptr;
    GeneFilterProxy* m_filter = nullptr;
    QLabel* m_geneCount = nullptr;
    QAction* m_clearListAction = nullptr;
    GeneListFile m_geneList;
    bool m_hasGeneList = false;
    QString m_listNote;
    /// True while showGene() moves the current row: the move is not reported as geneActivated().
    bool m_showingGene = false;
    int m_shownGene = -1; ///< the gene the window shows (showGene()), -1 for none
};

} // namespace ac
