#pragma once

#include "GeneHistory.h"

#include <QMainWindow>

#include "domain/CellData.h"

#include <map>
#include <memory>
#include <vector>

class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QMenu;
class QTabWidget;
class QTableView;
class QTreeWidget;
class QTreeWidgetItem;
class QAction;
class QLabel;

namespace ac {

class Attributor;
class CompareView;
class EvaluationView;
class GeneView;
class GeneListModel;
class TrainingView;
class ValidationTab;
class GeneFilterProxy;
class StudyFile;
struct GeneViewData;
struct RunResults;
struct TrackData;

/**
 * The application window: study tree and gene list (left dock), a central tab widget with the
 * gene, compare, training, evaluation and validation views, File/Export/Go menus, back/forward through
 * visited genes, REMC and track import (ImportDialog, TrackImportDialog), and the session
 * (QSettings) restore.
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
    CompareView* compareView() const { return m_compareView; }
    TrainingView* trainingView() const { return m_trainingView; }
    EvaluationView* evaluationView() const { return m_evaluationView; }
    ValidationTab* validationTab() const { return m_validationTab; }
    /// The gene view's attribution: "none" or an attribution method key ("saliency",
    /// "input-x-gradient", "integrated-gradients", "occlusion"). Saliency and input × gradient
    /// are computed at once for the shown gene; integrated gradients and occlusion in a thread
    /// pool (the panel fills when they are done). Remembered in the session.
    void setAttribution(const QString& key);
    QString attribution() const;
    /// Opens the import dialog (non-modal); the study is reloaded after a successful import.
    void showImportDialog();
    /// Opens the track import dialog (non-modal) for the open study, preselecting the current
    /// cell; after a successful import the study is reloaded and the track's cell selected.
    /// Without a study it only says one must be opened first.
    void showImportTrackDialog();
    /// File → Import track… (enabled while a study is open).
    QAction* importTrackAction() const { return m_importTrackAction; }
    /// Colour map name and α range: `fixedUpper` <= 0 is auto per gene, else the fixed range
    /// 0..fixedUpper shared by all genes (clamped to 0.001..1).
    void setColourSettings(const QString& gradient, double fixedUpper);
    GeneListModel* geneModel() const { return m_geneModel; }
    GeneFilterProxy* geneFilter() const { return m_filter; }
    QTabWidget* tabs() const { return m_tabs; }
    QTreeWidget* studyTree() const { return m_tree; }

    /// Finds `<app dir>/../share/attentivechrome/demo-study.h5`, copies it to AppDataLocation
    /// (once) and returns the copy's path; empty when there is no bundled demo.
    static QString prepareDemoStudy();

    /// Restores the last session (study, cell, run, gene, colour settings); false when none.
    bool restoreSession();

    /// Writes the figures of the current tab (Gene: the gene panel; Compare: gene and ON/OFF
    /// averages; Training: loss and AUROC; Evaluation: ROC and PR; Validation: summary figure and
    /// gene overlay) as `<base>-<figure>.<format>` ("png" at `dpi`, "svg", "pdf"), each at its
    /// on-screen size. `written` receives the file names. False and `error` (naming the file) on
    /// the first failure.
    bool exportTabFigures(const QString& format, const QString& base, int dpi,
                          QStringList* written, QString* error);

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
    /// Asks for a DPI (PNG) and a base file name, then exportTabFigures().
    void exportTabDialog(const QString& format);
    void exportBatch();
    void openDialog();
    void onTreeItemClicked(QTreeWidgetItem* item);
    void onSearchReturn();
    void updateNavActions();
    void updateEvaluation();
    void updateSummary();
    void updateCompare();
    void updateAggregate();
    bool compareVisible() const;
    /// Cached results of `runId` (read once); nullptr when it has none.
    std::shared_ptr<const RunResults> cachedResults(const QString& runId);
    /// The newest run of `cell` with cached results, or empty.
    QString newestRunWithResults(const QString& cell) const;
    void onRunStored(const QString& runId);
    void updateValidationContext();
    /// Enables the actions that need an open study.
    void updateStudyActions();
    /// Fills the chosen attribution of `gene` into `d`, or starts computing it off the GUI thread.
    void attachAttribution(int gene, GeneViewData* d);

    std::unique_ptr<StudyFile> m_study;
    std::unique_ptr<RunResults> m_results; ///< of m_runId, loaded once per run
    std::unique_ptr<TrackData> m_track;    ///< the shown track of m_cell, loaded once per cell
    std::vector<std::uint8_t> m_labels;
    std::vector<Split> m_splits;
    /// Results of other cells' runs for the compare view, by run id; cleared on study reload.
    std::map<QString, std::shared_ptr<const RunResults>> m_resultsCache;
    /// Gene index indexes (genes, labels) of cells for the compare view, by cell name.
    std::map<QString, CellData> m_indexCache;
    QString m_cell;
    QString m_runId;
    int m_gene = -1;
    QString m_lastError;
    GeneHistory m_history;

    QTabWidget* m_tabs = nullptr;
    GeneView* m_geneView = nullptr;
    CompareView* m_compareView = nullptr;
    TrainingView* m_trainingView = nullptr;
    EvaluationView* m_evaluationView = nullptr;
    ValidationTab* m_validationTab = nullptr;
    QComboBox* m_attributionBox = nullptr;
    std::unique_ptr<Attributor> m_attributor; ///< GUI-thread instance for the fast methods
    QString m_attributorRun;                  ///< run m_attributor was loaded from
    int m_attributionToken = 0;               ///< bumps per request; stale async results drop
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
    QDoubleSpinBox* m_rangeUpper = nullptr;
    QMenu* m_recentMenu = nullptr;
    QAction* m_backAction = nullptr;
    QAction* m_forwardAction = nullptr;
    QAction* m_importTrackAction = nullptr;
    QLabel* m_status = nullptr;
};

} // namespace ac
