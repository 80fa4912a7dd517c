#pragma once

#include "GeneHistory.h"
#include "interpret/IgBaseline.h"

#include <QMainWindow>

#include <memory>
#include <vector>

class QAction;
class QLabel;
class QMenu;
class QTabWidget;
class QTreeWidget;

namespace ac
{

class AlphaScale;
class AttributionController;
class CompareView;
class EvaluationView;
class GeneMenu;
class GeneView;
class GeneListModel;
class HeatmapTab;
class TrainingView;
class ValidationTab;
class ViewToolBar;
class GeneFilterProxy;
class FigureExporter;
class RunActions;
class StudyDock;
class StudyFileMenu;
class StudyWatcher;
class StudySession;
struct GeneViewData;
struct SavedSession;

/**
 * The application window: study tree and gene list (left dock; each cell shows its active run,
 * see ac::activeRun(), and a finished training never switches the view to its run by itself), a
 * central tab widget with the gene, compare, training, evaluation, validation and heatmap views,
 * File/Export/Go/Help menus (HelpMenu), back/forward through visited genes, Ctrl+F to the gene
 * search, REMC and track import (ImportDialog, TrackImportDialog), and the session (QSettings)
 * restore.
 *
 * The open study, the selection (the gene by its REMC id) and the queries behind the views are a
 * StudySession; the dock (StudyDock), the File menu and imports (StudyFileMenu), the tool bar
 * (ViewToolBar), the attribution maps (AttributionController, off the GUI thread) and the exports
 * (FigureExporter) are parts that talk to the window by signals; the QSettings session is a
 * SavedSession.
 *
 * GUI thread only. Owns its StudySession (read-only study) and the views it created; views added
 * with addView() are reparented to the tab widget. A study that cannot be opened is reported in a
 * message box (and in lastError()), never by crashing.
 */
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Adds a tab (takes ownership of `view`).
    void addView(QWidget* view, const QString& title);

    /// Opens a study; false (and lastError()) when it cannot be read. `interactive` shows errors
    /// in a message box; the status bar shows them too, and without an open study the views are
    /// hidden (a study that cannot be read draws nothing).
    bool openStudy(const QString& path, bool interactive = true);
    QString studyPath() const;
    QString lastError() const { return m_lastError; }

    /// Selects a cell type / run / gene (gene index in the cell's order); false when unknown.
    bool selectCell(const QString& cell);
    bool selectRun(const QString& runId);
    bool selectGene(int geneIndex);
    /// Selects the gene with REMC id `remcId` in the current cell; false when it has none.
    bool selectGeneById(const QString& remcId);
    /// Selects the gene whose symbol, Ensembl id or REMC id is `text`; false when none matches.
    bool selectGeneByName(const QString& text);

    QString currentCell() const;
    QString currentRun() const;
    /// Index of the shown gene in the current cell's order; -1 when none.
    int currentGene() const;
    /// REMC id of the shown gene (its identity across re-imports); empty when none.
    QString currentGeneId() const;

    void goBack();
    void goForward();

    GeneView* geneView() const { return m_geneView; }
    CompareView* compareView() const { return m_compareView; }
    TrainingView* trainingView() const { return m_trainingView; }
    EvaluationView* evaluationView() const { return m_evaluationView; }
    ValidationTab* validationTab() const { return m_validationTab; }
    HeatmapTab* heatmapTab() const { return m_heatmapTab; }
    /// The study tree's run menu and its changes (make active, rename, note, delete, resume).
    RunActions* runActions() const { return m_runActions; }
    /// The gene view's attribution: "none" or an attribution method key ("saliency",
    /// "input-x-gradient", "integrated-gradients", "occlusion"). Computed for the shown gene off
    /// the GUI thread (the panel fills when the map is done). Remembered in the session.
    void setAttribution(const QString& key);
    QString attribution() const;
    /// The baseline x₀ the gene view's integrated gradients start from. Remembered in the session.
    void setIgBaseline(IgBaselineKind kind);
    IgBaselineKind igBaseline() const;
    /// Opens the import dialog (non-modal); the study is reloaded after a successful import.
    void showImportDialog();
    /// Opens the track import dialog (non-modal) for the open study, preselecting the current
    /// cell; after a successful import the study is reloaded and the track's cell selected.
    /// Without a study it only says one must be opened first.
    void showImportTrackDialog();
    /// File → Import track… (enabled while a study is open).
    QAction* importTrackAction() const;
    /// The Gene menu (Open in IGV, Ensembl, UCSC, Export genome track…), also popped up by a
    /// click on the gene view's header.
    GeneMenu* geneMenu() const { return m_geneMenu; }
    /// Colour map name and α colour scale (see AlphaScale).
    void setColourSettings(const QString& gradient, const AlphaScale& scale);
    GeneListModel* geneModel() const;
    GeneFilterProxy* geneFilter() const;
    QTabWidget* tabs() const { return m_tabs; }
    QTreeWidget* studyTree() const;

    /// Finds `<prefix>/share/attentivechrome/demo-study.h5` (install::dataFile), copies it to
    /// AppDataLocation (once) and returns the copy's path; empty when there is no bundled demo.
    static QString prepareDemoStudy();

    /// Restores the last session (study, cell, run, gene, colour settings); false when none. The
    /// gene is found by its REMC id, so a study re-imported in another gene order restores the
    /// same gene. A saved study that exists but cannot be read also gives false, with
    /// lastError() saying why; the saved session is then kept (not reset on close).
    bool restoreSession();

    /// Opens the session file `path` (SessionFile: study, cell, run, gene, gene list, tab, colour
    /// and attribution settings). Everything it names is checked first: on any error the window
    /// stays as it was and false is returned with lastError() naming the file and the field
    /// (shown in a message box when `interactive`).
    bool openSessionFile(const QString& path, bool interactive = true);
    /// Writes the window's session to `path` (SessionFile::write()); false with `error`.
    bool saveSessionFile(const QString& path, QString* error) const;
    StudyDock* studyDock() const { return m_dock; }

    /// Writes the figures of the current tab (Gene: the gene panel; Compare: gene and ON/OFF
    /// averages; Training: loss and AUROC; Evaluation: ROC and PR; Validation: summary figure and
    /// gene overlay) as `<base>-<figure>.<format>` ("png" at `dpi`, "svg", "pdf"), each at its
    /// on-screen size. `written` receives the file names. False and `error` (naming the file) on
    /// the first failure.
    bool exportTabFigures(const QString& format, const QString& base, int dpi, QStringList* written,
                          QString* error);

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
    void buildFileMenu();
    /// The watch on the open study: reloads it when other programs add runs or cell types.
    void buildStudyWatcher();
    void buildNavigation();
    void connectDock();
    void showGene(int gene, bool recordHistory);
    void showStatus(const QString& text, int timeoutMs);
    void saveSession() const;
    /// The window's view as a session (geometry, study, cell, run, gene, list, tab, colours).
    SavedSession currentSession() const;
    /// Selects what `session` names in the open study and applies its view settings.
    void showSession(const SavedSession& session);
    void updateNavActions();
    void updateEvaluation();
    void updateSummary();
    void updateCompare();
    void updateAggregate();
    bool compareVisible() const;
    void onRunStored(const QString& runId);
    void updateValidationContext();
    /// Enables the actions that need an open study.
    void updateStudyActions();
    /// Starts computing the chosen attribution of the shown gene `d` (or drops a pending one).
    void requestAttribution(const GeneViewData& d);
    void onAttributionReady(const QString& geneId, const QString& name,
                            const std::vector<float>& map);

    std::unique_ptr<StudySession> m_session;
    QString m_lastError;
    bool m_keepSavedStudy = false; ///< the saved session's study could not be read
    GeneHistory m_history;

    QTabWidget* m_tabs = nullptr;
    GeneView* m_geneView = nullptr;
    CompareView* m_compareView = nullptr;
    TrainingView* m_trainingView = nullptr;
    EvaluationView* m_evaluationView = nullptr;
    ValidationTab* m_validationTab = nullptr;
    HeatmapTab* m_heatmapTab = nullptr;
    StudyDock* m_dock = nullptr;
    RunActions* m_runActions = nullptr;
    AttributionController* m_attribution = nullptr;
    FigureExporter* m_exporter = nullptr;
    ViewToolBar* m_toolBar = nullptr;
    StudyFileMenu* m_fileMenu = nullptr;
    StudyWatcher* m_watcher = nullptr; ///< reloads when other programs add runs or cell types
    GeneMenu* m_geneMenu = nullptr;
    QAction* m_backAction = nullptr;
    QAction* m_forwardAction = nullptr;
    QLabel* m_hoverLabel = nullptr; ///< the gene view's hover text
    QLabel* m_status = nullptr;
};

} // namespace ac
