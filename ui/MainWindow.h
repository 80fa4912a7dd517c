#pragma once

#include "GeneHistory.h"

#include <QMainWindow>

#include <memory>
#include <vector>

class QComboBox;
class QLineEdit;
class QMenu;
class QTabWidget;
class QTableView;
class QTreeWidget;
class QTreeWidgetItem;
class QAction;
class QLabel;

namespace ac {

class GeneView;
class GeneListModel;
class GeneFilterProxy;
class StudyFile;
struct GeneViewData;
struct RunResults;

/**
 * The application window: study tree and gene list (left dock), a central tab widget whose first
 * tab is the gene view, File/Export/View menus, back/forward through visited genes, and the
 * session (QSettings) restore.
 *
 * GUI thread only. Owns its StudyFile (read-only) and the views it created; views added with
 * addView() are reparented to the tab widget. A study that cannot be opened is reported in a
 * message box (and in lastError()), never by crashing.
 */
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Adds a tab (takes ownership of `view`).
    void addView(QWidget* view, const QString& title);

    /// Opens a study; false (and lastError()) when it cannot be read. `interactive` shows errors
    /// in a message box.
    bool openStudy(const QString& path, bool interactive = true);
    QString studyPath() const;
    QString lastError() const { return m_lastError; }

    /// Selects a cell type / run / gene (gene index in the cell's order); false when unknown.
    bool selectCell(const QString& cell);
    bool selectRun(const QString& runId);
    bool selectGene(int geneIndex);
    /// Selects the gene whose symbol or Ensembl id is `text`; false when none matches.
    bool selectGeneByName(const QString& text);

    QString currentCell() const { return m_cell; }
    QString currentRun() const { return m_runId; }
    int currentGene() const { return m_gene; }

    void goBack();
    void goForward();

    GeneView* geneView() const { return m_geneView; }
    GeneListModel* geneModel() const { return m_geneModel; }
    GeneFilterProxy* geneFilter() const { return m_filter; }
    QTabWidget* tabs() const { return m_tabs; }
    QTreeWidget* studyTree() const { return m_tree; }

    /// Finds `<app dir>/../share/attentivechrome/demo-study.h5`, copies it to AppDataLocation
    /// (once) and returns the copy's path; empty when there is no bundled demo.
    static QString prepareDemoStudy();

    /// Restores the last session (study, cell, run, gene, colour settings); false when none.
    bool restoreSession();

public Q_SLOTS:
    /// Re-opens the current study (after a run was added) keeping cell, run and gene.
    void reloadStudy();

Q_SIGNALS:
    void studyOpened(const QString& path);
    void cellSelected(const QString& cell);
    void runSelected(const QString& runId);
    void geneSelected(int geneIndex);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildMenus();
    void buildDock();
    void populateTree();
    void updateRecentMenu();
    void addRecent(const QString& path);
    void showGene(int gene, bool recordHistory);
    bool fillGeneData(int gene, GeneViewData* out);
    void saveSession() const;
    void exportCurrent(const QString& format);
    void exportBatch();
    void openDialog();
    void onTreeItemClicked(QTreeWidgetItem* item);
    void onSearchReturn();
    void updateNavActions();

    std::unique_ptr<StudyFile> m_study;
    std::unique_ptr<RunResults> m_results; ///< of m_runId, loaded once per run
    std::vector<std::uint8_t> m_labels;
    QString m_cell;
    QString m_runId;
    int m_gene = -1;
    QString m_lastError;
    QStringList m_trackNames;
    GeneHistory m_history;

    QTabWidget* m_tabs = nullptr;
    GeneView* m_geneView = nullptr;
    QTreeWidget* m_tree = nullptr;
    QTableView* m_geneTable = nullptr;
    GeneListModel* m_geneModel = nullptr;
    GeneFilterProxy* m_filter = nullptr;
    QLineEdit* m_search = nullptr;
    QComboBox* m_splitFilter = nullptr;
    QComboBox* m_labelFilter = nullptr;
    QComboBox* m_predFilter = nullptr;
    QComboBox* m_correctFilter = nullptr;
    QComboBox* m_gradientBox = nullptr;
    QComboBox* m_rangeBox = nullptr;
    QMenu* m_recentMenu = nullptr;
    QAction* m_backAction = nullptr;
    QAction* m_forwardAction = nullptr;
    QLabel* m_status = nullptr;
};

} // namespace ac
