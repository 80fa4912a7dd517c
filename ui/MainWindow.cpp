#include "MainWindow.h"

#include "AttentionAverages.h"
#include "AttributionController.h"
#include "CompareView.h"
#include "EvaluationView.h"
#include "FigureExporter.h"
#include "GeneListModel.h"
#include "GeneMenu.h"
#include "GeneView.h"
#include "HeatmapTab.h"
#include "HelpMenu.h"
#include "RunActions.h"
#include "SavedSession.h"
#include "SessionFile.h"
#include "StudyDock.h"
#include "StudyFileMenu.h"
#include "StudyWatcher.h"
#include "TrainingView.h"
#include "ValidationTab.h"
#include "ViewToolBar.h"
#include "session/StudySession.h"

#include <QAction>
#include <QCloseEvent>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QStatusBar>
#include <QTabWidget>

#include <algorithm>
#include <tuple>

namespace ac
{

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), m_session(std::make_unique<StudySession>())
{
    setWindowTitle(QStringLiteral("AttentiveChrome Studio"));
    m_tabs = new QTabWidget(this);
    m_geneView = new GeneView(m_tabs);
    m_tabs->addTab(m_geneView, QStringLiteral("Gene"));
    m_compareView = new CompareView(m_tabs);
    m_tabs->addTab(m_compareView, QStringLiteral("Compare"));
    m_trainingView = new TrainingView(m_tabs);
    m_tabs->addTab(m_trainingView, QStringLiteral("Training"));
    m_evaluationView = new EvaluationView(m_tabs);
    m_tabs->addTab(m_evaluationView, QStringLiteral("Evaluation"));
    m_validationTab = new ValidationTab(m_tabs);
    m_tabs->addTab(m_validationTab, QStringLiteral("Validation"));
    m_heatmapTab = new HeatmapTab(m_tabs);
    m_tabs->addTab(m_heatmapTab, QStringLiteral("Heatmap"));
    // All genes of the shown run (issue 15); a clicked row opens that gene in the Gene tab.
    for (auto changed : {&MainWindow::cellSelected, &MainWindow::runSelected})
        connect(this, changed, m_heatmapTab,
                [this] { m_heatmapTab->setContext(studyPath(), currentCell(), currentRun()); });
    connect(m_heatmapTab, &HeatmapTab::geneActivated, this, [this](int gene) {
        if (selectGene(gene))
            m_tabs->setCurrentWidget(m_geneView);
    });
    setCentralWidget(m_tabs);
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        if (compareVisible()) {
            updateCompare();
            updateAggregate();
        }
    });
    connect(m_compareView, &CompareView::checkedCellsChanged, this, [this] { updateCompare(); });
    connect(m_compareView, &CompareView::hovered, this,
            [this](const QString& t) { showStatus(t, 5000); });
    connect(m_trainingView, &TrainingView::runStored, this, &MainWindow::onRunStored);
    buildStudyWatcher();
    m_status = new QLabel(this);
    statusBar()->addPermanentWidget(m_status);
    // Hover text in a label of its own left of m_status (which it never overlaps), elided.
    m_hoverLabel = new QLabel(this);
    m_hoverLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    statusBar()->addWidget(m_hoverLabel, 1);
    connect(m_geneView, &GeneView::hovered, this, [this](const QString& t) {
        statusBar()->clearMessage();
        const QString line = QString(t).replace(QLatin1Char('\n'), QStringLiteral("  ·  "));
        m_hoverLabel->setText(
            m_hoverLabel->fontMetrics().elidedText(line, Qt::ElideRight, m_hoverLabel->width()));
    });
    m_attribution = new AttributionController(this);
    connect(m_attribution, &AttributionController::ready, this, &MainWindow::onAttributionReady);
    connect(m_attribution, &AttributionController::statusMessage, this, &MainWindow::showStatus);
    connect(m_attribution, &AttributionController::statusCleared, statusBar(),
            &QStatusBar::clearMessage);
    m_exporter = new FigureExporter(
        this,
        {m_tabs, m_geneView, m_compareView, m_trainingView, m_evaluationView, m_validationTab},
        m_session.get());
    connect(m_exporter, &FigureExporter::statusMessage, this, &MainWindow::showStatus);
    m_dock = new StudyDock(this);
    addDockWidget(Qt::LeftDockWidgetArea, m_dock);
    connectDock();
    // The dock's gene list is also a group of the heatmap and a choice of genes to validate.
    connect(m_dock, &StudyDock::geneListChanged, m_heatmapTab, &HeatmapTab::setGeneList);
    connect(m_dock, &StudyDock::geneListChanged, this,
            [this](const QString& name, const std::vector<bool>& membership) {
                const std::vector<GeneRecord>& genes = m_session->cellIndex().genes;
                QStringList ids;
                for (std::size_t g = 0; g < membership.size() && g < genes.size(); ++g)
                    if (membership[g])
                        ids << genes[g].remcId;
                m_validationTab->setGeneList(name, ids);
            });
    buildFileMenu();
    buildNavigation();
    // 1400 × 900 where the screen has room; never larger than the screen (a 1,366 × 768 laptop).
    const QSize screen = this->screen() ? this->screen()->availableGeometry().size() : QSize();
    resize(screen.isValid() ? QSize(1400, 900).boundedTo(screen) : QSize(1400, 900));
    updateNavActions();
}

MainWindow::~MainWindow() = default;

void MainWindow::addView(QWidget* view, const QString& title)
{
    if (view)
        m_tabs->addTab(view, title);
}

QString MainWindow::studyPath() const
{
    return m_session->path();
}
QString MainWindow::currentCell() const
{
    return m_session->cell();
}
QString MainWindow::currentRun() const
{
    return m_session->runId();
}
int MainWindow::currentGene() const
{
    return m_session->geneIndex();
}
QString MainWindow::currentGeneId() const
{
    return m_session->geneId();
}
GeneListModel* MainWindow::geneModel() const
{
    return m_dock->geneModel();
}
GeneFilterProxy* MainWindow::geneFilter() const
{
    return m_dock->geneFilter();
}
QTreeWidget* MainWindow::studyTree() const
{
    return m_dock->tree();
}
QAction* MainWindow::importTrackAction() const
{
    return m_fileMenu->importTrackAction();
}

void MainWindow::showStatus(const QString& text, int timeoutMs)
{
    statusBar()->showMessage(text, timeoutMs);
}

void MainWindow::connectDock()
{
    connect(m_dock, &StudyDock::itemChosen, this, [this](const QString& cell, const QString& run) {
        if (cell != currentCell())
            selectCell(cell);
        if (!run.isEmpty())
            selectRun(run);
    });
    connect(m_dock, &StudyDock::geneActivated, this, [this](int g) {
        if (g != currentGene())
            showGene(g, true);
    });
    m_runActions = new RunActions(this, m_session.get(), m_trainingView);
    connect(m_dock, &StudyDock::runMenuRequested, m_runActions,
            [this](const QString&, const QString& run, const QPoint& at) {
                m_runActions->showMenu(run, at);
            });
    connect(m_runActions, &RunActions::studyChanged, this, [this](const QString& show) {
        reloadStudy();
        if (!show.isEmpty())
            selectRun(show);
    });
    connect(m_runActions, &RunActions::statusMessage, this, &MainWindow::showStatus);
}

void MainWindow::buildFileMenu()
{
    m_fileMenu = new StudyFileMenu(this, m_session.get(), m_exporter);
    menuBar()->addMenu(m_fileMenu);
    connect(m_fileMenu, &StudyFileMenu::openRequested, this,
            [this](const QString& path) { openStudy(path); });
    connect(m_fileMenu, &StudyFileMenu::openSessionRequested, this,
            [this](const QString& path) { openSessionFile(path); });
    connect(m_fileMenu, &StudyFileMenu::saveSessionRequested, this, [this](const QString& path) {
        QString err;
        if (saveSessionFile(path, &err))
            showStatus(QStringLiteral("Session saved to %1").arg(path), 8000);
        else
            QMessageBox::critical(this, QStringLiteral("Save session"), err);
    });
    connect(m_fileMenu, &StudyFileMenu::studyImported, this,
            [this](const QString& path, const QStringList& cells) {
                const bool same =
                    m_session->isOpen() &&
                    QFileInfo(path).absoluteFilePath() == QFileInfo(studyPath()).absoluteFilePath();
                if (same)
                    reloadStudy();
                else
                    openStudy(path);
                if (!cells.isEmpty())
                    selectCell(cells.first());
            });
    connect(m_fileMenu, &StudyFileMenu::trackImported, this,
            [this](const QString& path, const QString& cell, const QString& track) {
                // Another study may have been opened while the dialog was open.
                if (!m_session->isOpen() ||
                    QFileInfo(path).absoluteFilePath() != QFileInfo(studyPath()).absoluteFilePath())
                    return;
                reloadStudy();
                if (cell != currentCell())
                    selectCell(cell);
                showStatus(QStringLiteral("Track %1 added to cell %2").arg(track, cell), 8000);
            });
}

void MainWindow::buildStudyWatcher()
{
    m_watcher = new StudyWatcher(this);
    connect(m_watcher, &StudyWatcher::listingChanged, this, [this] {
        reloadStudy();
        showStatus(QStringLiteral("Another program changed the runs, cell types or tracks of %1; "
                                  "reloaded")
                       .arg(QFileInfo(studyPath()).fileName()),
                   8000);
    });
}

void MainWindow::buildNavigation()
{
    m_backAction = new QAction(QStringLiteral("◀ Back"), this);
    m_backAction->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Left));
    m_forwardAction = new QAction(QStringLiteral("Forward ▶"), this);
    m_forwardAction->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Right));
    connect(m_backAction, &QAction::triggered, this, &MainWindow::goBack);
    connect(m_forwardAction, &QAction::triggered, this, &MainWindow::goForward);
    QMenu* go = menuBar()->addMenu(QStringLiteral("&Go"));
    go->addAction(m_backAction);
    go->addAction(m_forwardAction);
    QAction* find = go->addAction(QStringLiteral("&Find gene…"));
    find->setObjectName(QStringLiteral("findGeneAction"));
    find->setShortcut(QKeySequence::Find);
    connect(find, &QAction::triggered, m_dock, &StudyDock::focusSearch);
    m_geneMenu = new GeneMenu(this, m_session.get());
    menuBar()->addMenu(m_geneMenu);
    connect(m_geneMenu, &GeneMenu::statusMessage, this, &MainWindow::showStatus);
    connect(m_geneView, &GeneView::headerClicked, m_geneMenu, [this](const QPoint& at) {
        if (currentGene() >= 0)
            m_geneMenu->popup(at);
    });
    menuBar()->addMenu(new HelpMenu(this));

    m_toolBar = new ViewToolBar(m_backAction, m_forwardAction, this);
    addToolBar(m_toolBar);
    connect(m_toolBar, &ViewToolBar::gradientChanged, m_geneView, &GeneView::setGradient);
    connect(m_toolBar, &ViewToolBar::gradientChanged, m_compareView, &CompareView::setGradient);
    connect(m_toolBar, &ViewToolBar::alphaScaleChanged, m_geneView, &GeneView::setAlphaScale);
    connect(m_toolBar, &ViewToolBar::alphaScaleChanged, m_compareView, &CompareView::setAlphaScale);
    connect(m_toolBar, &ViewToolBar::attributionChanged, this, [this] {
        if (currentGene() >= 0)
            showGene(currentGene(), false);
    });
    connect(m_toolBar, &ViewToolBar::resetZoom, this,
            [this] { m_geneView->setXRange(-5000, 5000); });
}

void MainWindow::updateNavActions()
{
    m_backAction->setEnabled(m_history.canGoBack());
    m_forwardAction->setEnabled(m_history.canGoForward());
}

bool MainWindow::openStudy(const QString& path, bool interactive)
{
    QString err;
    if (!m_session->open(path, &err)) {
        m_lastError = err;
        showStatus(err, 0);
        m_tabs->setVisible(m_session->isOpen()); // issue 14: no empty figure for a bad study
        if (interactive)
            QMessageBox::critical(this, QStringLiteral("Open study"), m_lastError);
        return false;
    }
    m_keepSavedStudy = false;
    m_watcher->watch(m_session->path());
    m_tabs->setVisible(true);
    updateStudyActions();
    m_history.clear();
    m_attribution->reset();
    m_fileMenu->addRecent(QFileInfo(path).absoluteFilePath());
    setWindowTitle(QStringLiteral("%1 — AttentiveChrome Studio").arg(QFileInfo(path).fileName()));
    m_dock->setStudy(m_session->study());
    updateSummary();
    const QStringList cells = m_session->cellNames();
    m_trainingView->setStudy(m_session->path(), cells, cells.isEmpty() ? QString() : cells.first());
    QStringList compared;
    for (const QString& c : cells)
        if (compared.size() < 3 && !m_session->activeRun(c).isEmpty())
            compared << c;
    m_compareView->setAvailableCells(cells, compared);
    Q_EMIT studyOpened(path);
    if (!cells.isEmpty())
        selectCell(cells.first());
    return true;
}

bool MainWindow::selectCell(const QString& cell)
{
    if (!m_session->cellNames().contains(cell))
        return false;
    QString err, warning;
    if (!m_session->selectCell(cell, &err, &warning)) {
        m_lastError = err;
        showStatus(err, 10000);
        return false;
    }
    if (!warning.isEmpty())
        showStatus(warning, 10000);
    m_history.clear();
    m_dock->setGenes(m_session->cellIndex());
    m_status->setText(QStringLiteral("%1: %2 genes").arg(cell).arg(m_session->geneCount()));
    Q_EMIT cellSelected(cell);
    updateEvaluation();
    // The cell's active run (the user's choice, else its best complete run), never silently a
    // cancelled or failed one.
    const QString run = m_session->activeRun(cell);
    if (!run.isEmpty())
        selectRun(run);
    updateValidationContext();
    if (m_session->geneCount() > 0)
        selectGene(0);
    updateNavActions();
    return true;
}

bool MainWindow::selectRun(const QString& runId)
{
    if (!m_session->isOpen())
        return false;
    QString err, warning;
    const QString cell = m_session->runCell(runId, &err);
    if (cell.isEmpty()) {
        m_lastError = err;
        return false;
    }
    if (cell != currentCell() && !selectCell(cell))
        return false;
    if (!m_session->selectRun(runId, &err, &warning)) {
        m_lastError = err;
        return false;
    }
    if (!warning.isEmpty()) {
        m_lastError = warning;
        showStatus(warning, 10000);
    }
    m_dock->setP(m_session->results().p);
    updateEvaluation();
    if (compareVisible())
        updateAggregate();
    updateValidationContext();
    Q_EMIT runSelected(runId);
    if (currentGene() >= 0)
        showGene(currentGene(), false);
    return true;
}

bool MainWindow::selectGene(int geneIndex)
{
    if (geneIndex < 0 || geneIndex >= m_session->geneCount())
        return false;
    showGene(geneIndex, true);
    return true;
}

bool MainWindow::selectGeneById(const QString& remcId)
{
    return selectGene(m_session->indexOfGene(remcId));
}

bool MainWindow::selectGeneByName(const QString& text)
{
    const int g = m_session->findGene(text);
    return g >= 0 && selectGene(g);
}

void MainWindow::showGene(int gene, bool recordHistory)
{
    if (!m_session->selectGene(gene))
        return;
    QString err;
    const GeneViewData d = m_session->geneData(gene, &err);
    if (!err.isEmpty()) {
        m_lastError = err;
        showStatus(err, 10000);
    }
    m_geneView->setData(d);
    requestAttribution(d);
    m_validationTab->setGene(gene);
    if (recordHistory)
        m_history.visit(gene);
    updateNavActions();
    if (compareVisible())
        updateCompare();
    // Keep the list selection in step (without re-entering showGene).
    m_dock->showGene(gene);
    Q_EMIT geneSelected(gene);
}

void MainWindow::requestAttribution(const GeneViewData& d)
{
    AttributionMethod method;
    const std::size_t n = std::size_t(d.binCount) * d.markCount;
    if (!m_session->isOpen() || d.runId.isEmpty() ||
        !parseAttributionMethod(attribution(), &method) || d.values.size() != n) {
        m_attribution->cancel();
        return;
    }
    AttributionRequest r;
    r.studyPath = m_session->path();
    r.runId = d.runId;
    r.geneId = d.gene.remcId;
    r.geneName = d.gene.symbol.isEmpty() ? d.gene.remcId : d.gene.symbol;
    r.values = d.values;
    r.markCount = d.markCount;
    r.binCount = d.binCount;
    r.method = method;
    r.cell = currentCell();
    r.baseline = m_toolBar->igBaseline();
    m_attribution->request(std::move(r));
}

void MainWindow::onAttributionReady(const QString& geneId, const QString& name,
                                    const std::vector<float>& map)
{
    if (geneId != currentGeneId())
        return;
    GeneViewData d = m_geneView->data();
    d.attributionName = name;
    d.attributionSigned = true;
    for (AttributionMethod m : allAttributionMethods())
        if (name.startsWith(attributionMethodName(m))) // IG's name may add its baseline
            d.attributionSigned = isSignedAttribution(m);
    d.attribution = map;
    m_geneView->setData(d);
}

void MainWindow::goBack()
{
    const int g = m_history.back();
    if (g >= 0)
        showGene(g, false);
}

void MainWindow::goForward()
{
    const int g = m_history.forward();
    if (g >= 0)
        showGene(g, false);
}

void MainWindow::reloadStudy()
{
    if (!m_session->isOpen())
        return;
    const QString path = studyPath(), cell = currentCell(), run = currentRun(),
                  gene = currentGeneId();
    m_session->close();
    if (!openStudy(path, false)) {
        updateStudyActions();
        return;
    }
    selectCell(cell);
    if (!run.isEmpty())
        selectRun(run);
    if (!gene.isEmpty())
        selectGeneById(gene);
}

bool MainWindow::exportTabFigures(const QString& format, const QString& base, int dpi,
                                  QStringList* written, QString* error)
{
    FigureSize size; // each figure as on screen
    size.dpi = dpi;
    return m_exporter->exportTabFigures(format, base, size, written, error);
}

void MainWindow::setColourSettings(const QString& gradient, const AlphaScale& scale)
{
    m_toolBar->setColourSettings(gradient, scale);
}

void MainWindow::showImportDialog()
{
    m_fileMenu->showImportDialog();
}

void MainWindow::showImportTrackDialog()
{
    m_fileMenu->showImportTrackDialog();
}

void MainWindow::updateStudyActions()
{
    m_fileMenu->updateStudyActions();
}

void MainWindow::updateEvaluation()
{
    // Test-split p and labels of the selected run.
    const SplitScores s = m_session->testScores();
    m_evaluationView->setRunCurves(s.p.empty() ? QString() : currentRun(), s.p, s.labels);
}

void MainWindow::updateSummary()
{
    m_evaluationView->setSummary(m_session->runSummary());
}

bool MainWindow::compareVisible() const
{
    return m_tabs->currentWidget() == m_compareView;
}

void MainWindow::updateCompare()
{
    QString err;
    const std::vector<GeneViewData> columns =
        m_session->compareColumns(m_compareView->checkedCells(), &err);
    if (!err.isEmpty())
        showStatus(err, 10000);
    const int g = currentGene();
    const QString gene = g >= 0 ? m_dock->geneModel()->displayName(g) : QString();
    m_compareView->setGenes(columns, gene);
}

void MainWindow::updateAggregate()
{
    AttentionAverages a;
    const RunResults& r = m_session->results();
    if (r.geneCount > 0) {
        a = AttentionAverages::compute(r, m_session->cellIndex().labels);
        a.cell = currentCell();
        a.runId = currentRun();
    }
    m_compareView->setAggregate(a);
}

void MainWindow::onRunStored(const QString& runId)
{
    // The trainer replaced the study file atomically: reopen it. The new run is not shown by
    // itself (issue 14, item 1): the view stays on its run, or follows the cell's active run
    // when it showed that one (a better complete run may have become the active one).
    const bool showedActive =
        !currentRun().isEmpty() && currentRun() == m_session->activeRun(currentCell());
    reloadStudy();
    const QString active = m_session->activeRun(currentCell());
    if (showedActive && !active.isEmpty() && active != currentRun())
        selectRun(active);
    showStatus(QStringLiteral("Run %1 stored in the study (shown: %2; right-click a run to make "
                              "it active)")
                   .arg(runId, currentRun().isEmpty() ? QStringLiteral("none") : currentRun()),
               10000);
}

void MainWindow::updateValidationContext()
{
    m_validationTab->setContext(studyPath(), currentCell(), currentRun(), m_session->trackNames());
}

void MainWindow::setAttribution(const QString& key)
{
    m_toolBar->setAttribution(key);
}

QString MainWindow::attribution() const
{
    return m_toolBar->attribution();
}

void MainWindow::setIgBaseline(IgBaselineKind kind)
{
    m_toolBar->setIgBaseline(kind);
}

IgBaselineKind MainWindow::igBaseline() const
{
    return m_toolBar->igBaseline();
}

QString MainWindow::prepareDemoStudy()
{
    return StudyFileMenu::prepareDemoStudy();
}

bool MainWindow::restoreSession()
{
    const SavedSession saved = SavedSession::load();
    restoreGeometry(saved.geometry);
    restoreState(saved.state);
    setColourSettings(saved.gradient.isEmpty() ? m_toolBar->gradient() : saved.gradient,
                      AlphaScale::fromKey(saved.alphaScale));
    if (saved.study.isEmpty() || !QFileInfo::exists(saved.study))
        return false;
    if (!openStudy(saved.study, false)) {
        m_keepSavedStudy = true; // reopened once the file is readable again
        return false;
    }
    showSession(saved);
    return true;
}

void MainWindow::showSession(const SavedSession& session)
{
    if (!session.cell.isEmpty() && session.cell != currentCell())
        selectCell(session.cell);
    QString err;
    if (session.geneList.isEmpty())
        m_dock->clearGeneList();
    else if (!m_dock->loadGeneList(session.geneList, &err))
        showStatus(err, 10000);
    if (!session.run.isEmpty())
        selectRun(session.run);
    // By REMC id: a study re-imported in another gene order restores the same gene.
    if (!session.geneId.isEmpty())
        selectGeneById(session.geneId);
    IgBaselineKind baseline = IgBaselineKind::Zero;
    IgBaseline::parse(session.igBaseline, &baseline); // SessionFile::check() knows it
    setIgBaseline(baseline);
    setAttribution(session.attribution);
    if (session.zoomTo > session.zoomFrom)
        m_geneView->setXRange(session.zoomFrom, session.zoomTo);
    m_tabs->setCurrentIndex(std::clamp(session.tab, 0, m_tabs->count() - 1));
}

bool MainWindow::openSessionFile(const QString& path, bool interactive)
{
    // Settings the file leaves out stay as they are; the selection is the file's alone.
    SavedSession session;
    session.gradient = m_toolBar->gradient();
    session.alphaScale = m_toolBar->alphaScale().key();
    session.attribution = attribution();
    session.igBaseline = IgBaseline::key(igBaseline());
    QString err;
    if (!SessionFile::read(path, &session, &err) ||
        !SessionFile::check(path, session, m_tabs->count(), &err)) {
        m_lastError = err;
        showStatus(err, 0);
        if (interactive)
            QMessageBox::critical(this, QStringLiteral("Open session"), err);
        return false;
    }
    if (!openStudy(session.study, interactive))
        return false;
    if (!session.gradient.isEmpty())
        setColourSettings(session.gradient, AlphaScale::fromKey(session.alphaScale));
    showSession(session);
    showStatus(QStringLiteral("Session %1 opened").arg(QFileInfo(path).fileName()), 8000);
    return true;
}

bool MainWindow::saveSessionFile(const QString& path, QString* error) const
{
    return SessionFile::write(path, currentSession(), error);
}

SavedSession MainWindow::currentSession() const
{
    SavedSession saved;
    saved.geometry = saveGeometry();
    saved.state = saveState();
    saved.gradient = m_toolBar->gradient();
    saved.alphaScale = m_toolBar->alphaScale().key();
    saved.attribution = attribution();
    saved.igBaseline = IgBaseline::key(igBaseline());
    if (m_geneView->isZoomed())
        std::tie(saved.zoomFrom, saved.zoomTo) = m_geneView->xRange();
    saved.study = studyPath();
    saved.cell = currentCell();
    saved.run = currentRun();
    saved.geneId = currentGeneId();
    saved.geneList = m_dock->geneListPath();
    saved.tab = m_tabs->currentIndex();
    return saved;
}

void MainWindow::saveSession() const
{
    SavedSession saved = currentSession();
    if (m_keepSavedStudy && !m_session->isOpen()) {
        const SavedSession kept = SavedSession::load();
        saved.study = kept.study;
        saved.cell = kept.cell;
        saved.run = kept.run;
        saved.geneId = kept.geneId;
        saved.geneList = kept.geneList;
        saved.tab = kept.tab;
    }
    saved.save();
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (!m_runActions->confirmQuit(m_validationTab->isRunning())) {
        event->ignore();
        return;
    }
    saveSession();
    QMainWindow::closeEvent(event);
}

} // namespace ac

// Own TU for the moc output: tests that link ac_ui without the window do not pull MainWindow
// (and with it the study store) in through the shared mocs_compilation object.
#include "moc_MainWindow.cpp"
