#include "MainWindow.h"

#include "AttentionAverages.h"
#include "AttributionController.h"
#include "CompareView.h"
#include "EvaluationView.h"
#include "FigureExporter.h"
#include "GeneView.h"
#include "ImportDialog.h"
#include "StudyDock.h"
#include "TrackImportDialog.h"
#include "TrainingView.h"
#include "ValidationTab.h"
#include "session/StudySession.h"

#include <QAction>
#include <QCloseEvent>
#include <QComboBox>
#include <QCoreApplication>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>

#include <algorithm>

namespace ac {

namespace {
constexpr int kMaxRecent = 8;

// The gene view's attribution choices (mark ablation is marks × 1 and has no heatmap).
const AttributionMethod kGeneAttributions[] = {
    AttributionMethod::Saliency, AttributionMethod::InputTimesGradient,
    AttributionMethod::IntegratedGradients, AttributionMethod::Occlusion};
const char* const kGeneAttributionLabels[] = {"saliency", "input × gradient",
                                              "integrated gradients", "occlusion"};
} // namespace

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
    setCentralWidget(m_tabs);
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        if (compareVisible()) {
            updateCompare();
            updateAggregate();
        }
    });
    connect(m_compareView, &CompareView::checkedCellsChanged, this, [this] { updateCompare(); });
    connect(m_trainingView, &TrainingView::runStored, this, &MainWindow::onRunStored);
    m_status = new QLabel(this);
    statusBar()->addPermanentWidget(m_status);
    connect(m_geneView, &GeneView::hovered, this, [this](const QString& t) {
        showStatus(QString(t).replace(QLatin1Char('\n'), QStringLiteral("  ·  ")), 5000);
    });
    m_attribution = new AttributionController(this);
    connect(m_attribution, &AttributionController::ready, this, &MainWindow::onAttributionReady);
    connect(m_attribution, &AttributionController::statusMessage, this, &MainWindow::showStatus);
    connect(m_attribution, &AttributionController::statusCleared, statusBar(), &QStatusBar::clearMessage);
    m_exporter = new FigureExporter(this, {m_tabs, m_geneView, m_compareView, m_trainingView,
                                           m_evaluationView, m_validationTab},
                                    m_session.get());
    connect(m_exporter, &FigureExporter::statusMessage, this, &MainWindow::showStatus);
    m_dock = new StudyDock(this);
    addDockWidget(Qt::LeftDockWidgetArea, m_dock);
    connectDock();
    buildFileMenu();
    buildNavigation();
    resize(1400, 900);
    updateNavActions();
}

MainWindow::~MainWindow() = default;

void MainWindow::addView(QWidget* view, const QString& title)
{
    if (view) m_tabs->addTab(view, title);
}

QString MainWindow::studyPath() const { return m_session->path(); }
QString MainWindow::currentCell() const { return m_session->cell(); }
QString MainWindow::currentRun() const { return m_session->runId(); }
int MainWindow::currentGene() const { return m_session->geneIndex(); }
QString MainWindow::currentGeneId() const { return m_session->geneId(); }
GeneListModel* MainWindow::geneModel() const { return m_dock->geneModel(); }
GeneFilterProxy* MainWindow::geneFilter() const { return m_dock->geneFilter(); }
QTreeWidget* MainWindow::studyTree() const { return m_dock->tree(); }

void MainWindow::showStatus(const QString& text, int timeoutMs)
{
    statusBar()->showMessage(text, timeoutMs);
}

void MainWindow::connectDock()
{
    connect(m_dock, &StudyDock::itemChosen, this, [this](const QString& cell, const QString& run) {
        if (cell != currentCell()) selectCell(cell);
        if (!run.isEmpty()) selectRun(run);
    });
    connect(m_dock, &StudyDock::geneActivated, this, [this](int g) {
        if (g != currentGene()) showGene(g, true);
    });
    connect(m_dock, &StudyDock::geneNameChosen, this, [this](const QString& t) { selectGeneByName(t); });
    connect(m_dock, &StudyDock::searchSubmitted, this, &MainWindow::onSearchSubmitted);
}

void MainWindow::buildFileMenu()
{
    QMenu* file = menuBar()->addMenu(QStringLiteral("&File"));
    file->addAction(QStringLiteral("&Open study…"), QKeySequence::Open, this, &MainWindow::openDialog);
    m_recentMenu = file->addMenu(QStringLiteral("Open &recent"));
    updateRecentMenu();
    file->addAction(QStringLiteral("Open &demo study"), this, [this] {
        const QString demo = prepareDemoStudy();
        if (demo.isEmpty())
            QMessageBox::warning(this, windowTitle(), QStringLiteral("No bundled demo study was found beside the application."));
        else
            openStudy(demo);
    });
    file->addAction(QStringLiteral("&Import REMC folder…"), this, &MainWindow::showImportDialog);
    m_importTrackAction =
        file->addAction(QStringLiteral("Import &track…"), this, &MainWindow::showImportTrackDialog);
    // A disabled menu item cannot say why by itself: show its tool tip.
    file->setToolTipsVisible(true);
    updateStudyActions();
    buildExportMenu(file);
    file->addSeparator();
    file->addAction(QStringLiteral("&Quit"), QKeySequence::Quit, this, &QWidget::close);
}

void MainWindow::buildExportMenu(QMenu* file)
{
    QMenu* exp = file->addMenu(QStringLiteral("&Export"));
    FigureExporter* x = m_exporter;
    exp->addAction(QStringLiteral("Gene panel as &PNG…"), x, [x] { x->exportGene(QStringLiteral("png")); });
    exp->addAction(QStringLiteral("Gene panel as &SVG…"), x, [x] { x->exportGene(QStringLiteral("svg")); });
    exp->addAction(QStringLiteral("Gene panel as P&DF…"), x, [x] { x->exportGene(QStringLiteral("pdf")); });
    exp->addAction(QStringLiteral("Numbers behind the figure (&TSV)…"), x, [x] { x->exportGene(QStringLiteral("tsv")); });
    exp->addSeparator();
    exp->addAction(QStringLiteral("Current tab's figures as P&NG…"), x, [x] { x->exportTabDialog(QStringLiteral("png")); });
    exp->addAction(QStringLiteral("Current tab's figures as S&VG…"), x, [x] { x->exportTabDialog(QStringLiteral("svg")); });
    exp->addAction(QStringLiteral("Current tab's figures as PD&F…"), x, [x] { x->exportTabDialog(QStringLiteral("pdf")); });
    exp->addSeparator();
    exp->addAction(QStringLiteral("&Batch export gene list…"), x, &FigureExporter::exportBatch);
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

    QToolBar* tb = addToolBar(QStringLiteral("Navigation"));
    tb->setObjectName(QStringLiteral("navToolbar"));
    tb->addAction(m_backAction);
    tb->addAction(m_forwardAction);
    tb->addSeparator();
    buildViewToolBar(tb);
    tb->addSeparator();
    tb->addAction(QStringLiteral("Reset zoom"), this, [this] { m_geneView->setXRange(-5000, 5000); });
}

void MainWindow::buildViewToolBar(QToolBar* tb)
{
    tb->addWidget(new QLabel(QStringLiteral(" Colour map "), tb));
    m_gradientBox = new QComboBox(tb);
    m_gradientBox->addItems(GeneView::gradientNames());
    tb->addWidget(m_gradientBox);
    connect(m_gradientBox, &QComboBox::currentTextChanged, m_geneView, &GeneView::setGradient);
    connect(m_gradientBox, &QComboBox::currentTextChanged, m_compareView, &CompareView::setGradient);
    tb->addWidget(new QLabel(QStringLiteral("  α range "), tb));
    m_rangeBox = new QComboBox(tb);
    m_rangeBox->addItems({QStringLiteral("auto per gene"), QStringLiteral("fixed 0 –")});
    m_rangeBox->setToolTip(QStringLiteral("α colour scale: each gene's own min–max, or one fixed "
                                          "range shared by all genes so that they compare"));
    tb->addWidget(m_rangeBox);
    m_rangeUpper = new QDoubleSpinBox(tb);
    m_rangeUpper->setDecimals(3);
    m_rangeUpper->setRange(0.001, 1.0);
    m_rangeUpper->setSingleStep(0.01);
    m_rangeUpper->setValue(0.05);
    m_rangeUpper->setToolTip(QStringLiteral("Upper end of the fixed α range (uniform attention "
                                            "over 100 bins is 0.01)"));
    m_rangeUpper->setEnabled(false);
    tb->addWidget(m_rangeUpper);
    const auto applyRange = [this] {
        const bool fixed = m_rangeBox->currentIndex() == 1;
        m_rangeUpper->setEnabled(fixed);
        if (fixed)
            m_geneView->setRange(GeneView::RangeMode::Fixed, 0.0, m_rangeUpper->value());
        else
            m_geneView->setRange(GeneView::RangeMode::AutoPerGene);
    };
    connect(m_rangeBox, &QComboBox::currentIndexChanged, this, applyRange);
    connect(m_rangeUpper, &QDoubleSpinBox::valueChanged, this, applyRange);
    tb->addWidget(new QLabel(QStringLiteral("  Attribution "), tb));
    m_attributionBox = new QComboBox(tb);
    m_attributionBox->addItem(QStringLiteral("none"), QStringLiteral("none"));
    for (std::size_t i = 0; i < std::size(kGeneAttributions); ++i)
        m_attributionBox->addItem(QString::fromUtf8(kGeneAttributionLabels[i]),
                                  attributionMethodKey(kGeneAttributions[i]));
    m_attributionBox->setToolTip(QStringLiteral("Attribution map of the selected run for the shown gene, "
                                                "drawn below α"));
    tb->addWidget(m_attributionBox);
    connect(m_attributionBox, &QComboBox::currentIndexChanged, this, [this] {
        if (currentGene() >= 0) showGene(currentGene(), false);
    });
}

void MainWindow::updateNavActions()
{
    m_backAction->setEnabled(m_history.canGoBack());
    m_forwardAction->setEnabled(m_history.canGoForward());
}

void MainWindow::updateRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = QSettings().value(QStringLiteral("recentStudies")).toStringList();
    for (const QString& p : recent)
        m_recentMenu->addAction(p, this, [this, p] { openStudy(p); });
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::addRecent(const QString& path)
{
    QSettings s;
    QStringList recent = s.value(QStringLiteral("recentStudies")).toStringList();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > kMaxRecent) recent.removeLast();
    s.setValue(QStringLiteral("recentStudies"), recent);
    updateRecentMenu();
}

void MainWindow::openDialog()
{
    const QString f = QFileDialog::getOpenFileName(this, QStringLiteral("Open study"), QString(),
                                                   QStringLiteral("Studies (*.h5);;All files (*)"));
    if (!f.isEmpty()) openStudy(f);
}

bool MainWindow::openStudy(const QString& path, bool interactive)
{
    QString err;
    if (!m_session->open(path, &err)) {
        m_lastError = err;
        if (interactive) QMessageBox::critical(this, QStringLiteral("Open study"), m_lastError);
        return false;
    }
    updateStudyActions();
    m_history.clear();
    m_attribution->reset();
    addRecent(QFileInfo(path).absoluteFilePath());
    setWindowTitle(QStringLiteral("%1 — AttentiveChrome Studio").arg(QFileInfo(path).fileName()));
    m_dock->setStudy(m_session->study());
    updateSummary();
    const QStringList cells = m_session->cellNames();
    m_trainingView->setStudy(m_session->path(), cells, cells.isEmpty() ? QString() : cells.first());
    QStringList compared;
    for (const QString& c : cells)
        if (compared.size() < 3 && !m_session->newestRunWithResults(c).isEmpty()) compared << c;
    m_compareView->setAvailableCells(cells, compared);
    Q_EMIT studyOpened(path);
    if (!cells.isEmpty()) selectCell(cells.first());
    return true;
}

bool MainWindow::selectCell(const QString& cell)
{
    if (!m_session->cellNames().contains(cell)) return false;
    QString err, warning;
    if (!m_session->selectCell(cell, &err, &warning)) {
        m_lastError = err;
        showStatus(err, 10000);
        return false;
    }
    if (!warning.isEmpty()) showStatus(warning, 10000);
    m_history.clear();
    m_dock->setGenes(m_session->cellIndex());
    m_status->setText(QStringLiteral("%1: %2 genes").arg(cell).arg(m_session->geneCount()));
    Q_EMIT cellSelected(cell);
    updateEvaluation();
    // The newest run with cached results is the sensible default to look at.
    const QString run = m_session->newestRunWithResults(cell);
    if (!run.isEmpty()) selectRun(run);
    updateValidationContext();
    if (m_session->geneCount() > 0) selectGene(0);
    updateNavActions();
    return true;
}

bool MainWindow::selectRun(const QString& runId)
{
    if (!m_session->isOpen()) return false;
    QString err, warning;
    const QString cell = m_session->runCell(runId, &err);
    if (cell.isEmpty()) {
        m_lastError = err;
        return false;
    }
    if (cell != currentCell() && !selectCell(cell)) return false;
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
    if (compareVisible()) updateAggregate();
    updateValidationContext();
    Q_EMIT runSelected(runId);
    if (currentGene() >= 0) showGene(currentGene(), false);
    return true;
}

bool MainWindow::selectGene(int geneIndex)
{
    if (geneIndex < 0 || geneIndex >= m_session->geneCount()) return false;
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

void MainWindow::onSearchSubmitted(const QString& text)
{
    if (selectGeneByName(text)) return;
    // Not an exact name: take the first row the filter still shows.
    const int first = m_dock->firstShownGene();
    if (first >= 0)
        selectGene(first);
    else
        showStatus(QStringLiteral("No gene matches '%1'").arg(text), 5000);
}

void MainWindow::showGene(int gene, bool recordHistory)
{
    if (!m_session->selectGene(gene)) return;
    QString err;
    const GeneViewData d = m_session->geneData(gene, &err);
    if (!err.isEmpty()) {
        m_lastError = err;
        showStatus(err, 10000);
    }
    m_geneView->setData(d);
    requestAttribution(d);
    m_validationTab->setGene(gene);
    if (recordHistory) m_history.visit(gene);
    updateNavActions();
    if (compareVisible()) updateCompare();
    // Keep the list selection in step (without re-entering showGene).
    m_dock->showGene(gene);
    Q_EMIT geneSelected(gene);
}

void MainWindow::requestAttribution(const GeneViewData& d)
{
    AttributionMethod method;
    const std::size_t n = std::size_t(d.binCount) * d.markCount;
    if (!m_session->isOpen() || d.runId.isEmpty() || !parseAttributionMethod(attribution(), &method)
        || d.values.size() != n) {
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
    m_attribution->request(std::move(r));
}

void MainWindow::onAttributionReady(const QString& geneId, const QString& name,
                                    const std::vector<float>& map)
{
    if (geneId != currentGeneId()) return;
    GeneViewData d = m_geneView->data();
    d.attributionName = name;
    d.attribution = map;
    m_geneView->setData(d);
}

void MainWindow::goBack()
{
    const int g = m_history.back();
    if (g >= 0) showGene(g, false);
}

void MainWindow::goForward()
{
    const int g = m_history.forward();
    if (g >= 0) showGene(g, false);
}

void MainWindow::reloadStudy()
{
    if (!m_session->isOpen()) return;
    const QString path = studyPath(), cell = currentCell(), run = currentRun(), gene = currentGeneId();
    m_session->close();
    if (!openStudy(path, false)) {
        updateStudyActions();
        return;
    }
    selectCell(cell);
    if (!run.isEmpty()) selectRun(run);
    if (!gene.isEmpty()) selectGeneById(gene);
}

bool MainWindow::exportTabFigures(const QString& format, const QString& base, int dpi,
                                  QStringList* written, QString* error)
{
    return m_exporter->exportTabFigures(format, base, dpi, written, error);
}

void MainWindow::setColourSettings(const QString& gradient, double fixedUpper)
{
    m_gradientBox->setCurrentText(gradient);
    if (fixedUpper > 0)
        m_rangeUpper->setValue(fixedUpper);
    m_rangeBox->setCurrentIndex(fixedUpper > 0 ? 1 : 0);
}

void MainWindow::showImportDialog()
{
    QString target = studyPath();
    if (target.isEmpty())
        target = QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
                     .filePath(QStringLiteral("study.h5"));
    auto* dialog = new ImportDialog(target, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ImportDialog::imported, this, [this](const QString& path, const QStringList& cells) {
        const bool same = m_session->isOpen() && QFileInfo(path).absoluteFilePath() == QFileInfo(studyPath()).absoluteFilePath();
        if (same) reloadStudy();
        else openStudy(path);
        if (!cells.isEmpty()) selectCell(cells.first());
    });
    dialog->show();
}

void MainWindow::showImportTrackDialog()
{
    if (!m_session->isOpen()) {
        QMessageBox::information(this, QStringLiteral("Import track"),
                                 QStringLiteral("Open a study first: a track is added to one of "
                                                "its cell types."));
        return;
    }
    auto* dialog = new TrackImportDialog(studyPath(), currentCell(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &TrackImportDialog::trackImported, this,
            [this](const QString& path, const QString& cell, const QString& track) {
                // Another study may have been opened while the dialog was open.
                if (!m_session->isOpen() || QFileInfo(path).absoluteFilePath() !=
                                    QFileInfo(studyPath()).absoluteFilePath())
                    return;
                reloadStudy();
                if (cell != currentCell()) selectCell(cell);
                showStatus(QStringLiteral("Track %1 added to cell %2").arg(track, cell), 8000);
            });
    dialog->show();
}

void MainWindow::updateStudyActions()
{
    const bool open = m_session->isOpen();
    m_importTrackAction->setEnabled(open);
    m_importTrackAction->setToolTip(
        open ? QStringLiteral("Add a validation track (e.g. H3K27ac; bedGraph, bigWig or binned CSV) "
                              "to a cell type of the open study")
             : QStringLiteral("Open a study first: a track is added to one of its cell types"));
    m_importTrackAction->setStatusTip(m_importTrackAction->toolTip());
}

void MainWindow::updateEvaluation()
{
    // Test-split p and labels of the selected run.
    const SplitScores s = m_session->testScores();
    m_evaluationView->setRunCurves(s.p.empty() ? QString() : currentRun(), s.p, s.labels);
}

void MainWindow::updateSummary() { m_evaluationView->setSummary(m_session->runSummary()); }

bool MainWindow::compareVisible() const { return m_tabs->currentWidget() == m_compareView; }

void MainWindow::updateCompare()
{
    QString err;
    const std::vector<GeneViewData> columns = m_session->compareColumns(m_compareView->checkedCells(), &err);
    if (!err.isEmpty()) showStatus(err, 10000);
    m_compareView->setGenes(columns);
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
    // The trainer replaced the study file atomically: reopen it, then show the new run.
    reloadStudy();
    if (selectRun(runId)) showStatus(QStringLiteral("Run %1 added to the study").arg(runId), 8000);
}

void MainWindow::updateValidationContext()
{
    m_validationTab->setContext(studyPath(), currentCell(), currentRun(), m_session->trackNames());
}

void MainWindow::setAttribution(const QString& key)
{
    const int i = m_attributionBox->findData(key);
    m_attributionBox->setCurrentIndex(i >= 0 ? i : 0);
}

QString MainWindow::attribution() const { return m_attributionBox->currentData().toString(); }

QString MainWindow::prepareDemoStudy()
{
    const QString bundled = QDir(QCoreApplication::applicationDirPath())
                                .filePath(QStringLiteral("../share/attentivechrome/demo-study.h5"));
    if (!QFileInfo::exists(bundled)) return {};
    const QString dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (dataDir.isEmpty() || !QDir().mkpath(dataDir)) return {};
    const QString copy = QDir(dataDir).filePath(QStringLiteral("demo-study.h5"));
    // Copy once so the user's runs go into their own file and the bundle stays pristine.
    if (!QFileInfo::exists(copy) && !QFile::copy(bundled, copy)) return {};
    QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
    return copy;
}

bool MainWindow::restoreSession()
{
    QSettings s;
    restoreGeometry(s.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(s.value(QStringLiteral("window/state")).toByteArray());
    const QString grad = s.value(QStringLiteral("view/gradient")).toString();
    if (!grad.isEmpty()) m_gradientBox->setCurrentText(grad);
    setColourSettings(m_gradientBox->currentText(),
                      s.value(QStringLiteral("view/alpha-fixed-upper"), 0.0).toDouble());
    const QString study = s.value(QStringLiteral("session/study")).toString();
    if (study.isEmpty() || !QFileInfo::exists(study) || !openStudy(study, false)) return false;
    const QString cell = s.value(QStringLiteral("session/cell")).toString();
    if (!cell.isEmpty() && cell != currentCell()) selectCell(cell);
    const QString run = s.value(QStringLiteral("session/run")).toString();
    if (!run.isEmpty()) selectRun(run);
    const QString gene = s.value(QStringLiteral("session/gene-id")).toString();
    if (!gene.isEmpty()) selectGeneById(gene);
    setAttribution(s.value(QStringLiteral("view/attribution"), QStringLiteral("none")).toString());
    m_tabs->setCurrentIndex(std::clamp(s.value(QStringLiteral("session/tab"), 0).toInt(), 0, m_tabs->count() - 1));
    return true;
}

void MainWindow::saveSession() const
{
    QSettings s;
    s.setValue(QStringLiteral("window/geometry"), saveGeometry());
    s.setValue(QStringLiteral("window/state"), saveState());
    s.setValue(QStringLiteral("view/gradient"), m_gradientBox->currentText());
    s.setValue(QStringLiteral("view/alpha-fixed-upper"),
               m_rangeBox->currentIndex() == 1 ? m_rangeUpper->value() : 0.0);
    s.setValue(QStringLiteral("view/attribution"), attribution());
    s.setValue(QStringLiteral("session/study"), studyPath());
    s.setValue(QStringLiteral("session/cell"), currentCell());
    s.setValue(QStringLiteral("session/run"), currentRun());
    // The gene by its REMC id: a study re-imported in another gene order restores the same gene.
    s.setValue(QStringLiteral("session/gene-id"), currentGeneId());
    s.setValue(QStringLiteral("session/tab"), m_tabs->currentIndex());
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    saveSession();
    QMainWindow::closeEvent(event);
}

} // namespace ac

// Own TU for the moc output: tests that link ac_ui without the window do not pull MainWindow
// (and with it the study store) in through the shared mocs_compilation object.
#include "moc_MainWindow.cpp"
