#include "MainWindow.h"

#include "AttentionAverages.h"
#include "CompareView.h"
#include "EvaluationView.h"
#include "GeneFigure.h"
#include "GeneFilterProxy.h"
#include "GeneListModel.h"
#include "GeneView.h"
#include "session/GeneViewData.h"
#include "ImportDialog.h"
#include "PlotExport.h"
#include "QcpInclude.h"
#include "TrackImportDialog.h"
#include "TrainingView.h"
#include "ValidationTab.h"
#include "ValidationView.h"
#include "interpret/Attributor.h"
#include "store/StudyFile.h"
#include "train/CellSummary.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QCompleter>
#include <QCoreApplication>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTextStream>
#include <QToolBar>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace ac {

namespace {
constexpr int kMaxRecent = 8;
const char* kRunRole = "run";

// The gene view's attribution choices (mark ablation is marks × 1 and has no heatmap).
const AttributionMethod kGeneAttributions[] = {
    AttributionMethod::Saliency, AttributionMethod::InputTimesGradient,
    AttributionMethod::IntegratedGradients, AttributionMethod::Occlusion};
const char* const kGeneAttributionLabels[] = {"saliency", "input × gradient",
                                              "integrated gradients", "occlusion"};
} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), m_results(std::make_unique<RunResults>()), m_track(std::make_unique<TrackData>())
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
    connect(m_geneView, &GeneView::hovered, this,
            [this](const QString& t) { statusBar()->showMessage(QString(t).replace(QLatin1Char('\n'), QStringLiteral("  ·  ")), 5000); });
    buildDock();
    buildMenus();
    resize(1400, 900);
    updateNavActions();
}

MainWindow::~MainWindow() = default;

void MainWindow::addView(QWidget* view, const QString& title)
{
    if (view) m_tabs->addTab(view, title);
}

QString MainWindow::studyPath() const { return m_study ? m_study->path() : QString(); }

void MainWindow::buildDock()
{
    auto* dock = new QDockWidget(QStringLiteral("Study"), this);
    dock->setObjectName(QStringLiteral("studyDock"));
    auto* panel = new QWidget(dock);
    auto* lay = new QVBoxLayout(panel);
    lay->setContentsMargins(4, 4, 4, 4);

    m_tree = new QTreeWidget(panel);
    m_tree->setHeaderLabels({QStringLiteral("Cell type / run"), QStringLiteral("Kind"),
                             QStringLiteral("Status"), QStringLiteral("Test AUROC")});
    m_tree->setRootIsDecorated(true);
    connect(m_tree, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem* i) { onTreeItemClicked(i); });

    m_search = new QLineEdit(panel);
    m_search->setPlaceholderText(QStringLiteral("Search symbol or Ensembl id…"));
    m_search->setClearButtonEnabled(true);

    m_geneModel = new GeneListModel(this);
    m_filter = new GeneFilterProxy(this);
    m_filter->setSourceModel(m_geneModel);
    auto* completer = new QCompleter(m_geneModel, this);
    completer->setCompletionColumn(GeneListModel::Symbol);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchStartsWith);
    m_search->setCompleter(completer);
    connect(m_search, &QLineEdit::textChanged, m_filter, &GeneFilterProxy::setSearchText);
    connect(m_search, &QLineEdit::returnPressed, this, &MainWindow::onSearchReturn);
    connect(completer, qOverload<const QString&>(&QCompleter::activated), this,
            [this](const QString& t) { selectGeneByName(t); });

    auto makeFilter = [panel](const QStringList& items) {
        auto* c = new QComboBox(panel);
        c->addItems(items);
        return c;
    };
    m_splitFilter = makeFilter({QStringLiteral("any"), QStringLiteral("train"), QStringLiteral("valid"), QStringLiteral("test")});
    m_labelFilter = makeFilter({QStringLiteral("any"), QStringLiteral("low"), QStringLiteral("high")});
    m_predFilter = makeFilter({QStringLiteral("any"), QStringLiteral("low"), QStringLiteral("high")});
    m_correctFilter = makeFilter({QStringLiteral("any"), QStringLiteral("incorrect"), QStringLiteral("correct")});
    connect(m_splitFilter, &QComboBox::currentIndexChanged, m_filter, [this](int i) { m_filter->setSplitFilter(i - 1); });
    connect(m_labelFilter, &QComboBox::currentIndexChanged, m_filter, [this](int i) { m_filter->setLabelFilter(i - 1); });
    connect(m_predFilter, &QComboBox::currentIndexChanged, m_filter, [this](int i) { m_filter->setPredictedFilter(i - 1); });
    connect(m_correctFilter, &QComboBox::currentIndexChanged, m_filter, [this](int i) { m_filter->setCorrectFilter(i - 1); });
    auto* form = new QFormLayout;
    form->addRow(QStringLiteral("Split"), m_splitFilter);
    form->addRow(QStringLiteral("True label"), m_labelFilter);
    form->addRow(QStringLiteral("Predicted"), m_predFilter);
    form->addRow(QStringLiteral("Prediction"), m_correctFilter);

    m_geneTable = new QTableView(panel);
    m_geneTable->setModel(m_filter);
    // Start in the study's gene order; clicking a header sorts (p numerically).
    m_geneTable->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    m_geneTable->setSortingEnabled(true);
    m_geneTable->setColumnWidth(GeneListModel::Symbol, 84);
    m_geneTable->setColumnWidth(GeneListModel::Ensembl, 126);
    m_geneTable->setColumnWidth(GeneListModel::SplitCol, 42);
    m_geneTable->setColumnWidth(GeneListModel::Label, 42);
    m_geneTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_geneTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_geneTable->verticalHeader()->hide();
    m_geneTable->verticalHeader()->setDefaultSectionSize(20);
    m_geneTable->horizontalHeader()->setStretchLastSection(true);
    m_geneTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    // Up/down keys move the current row; follow it so the keyboard walks through genes.
    connect(m_geneTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& cur) {
                if (!cur.isValid()) return;
                const int g = m_filter->data(cur, GeneListModel::GeneIndexRole).toInt();
                if (g != m_gene) showGene(g, true);
            });

    auto* split = new QSplitter(Qt::Vertical, panel);
    split->addWidget(m_tree);
    auto* lower = new QWidget(split);
    auto* ll = new QVBoxLayout(lower);
    ll->setContentsMargins(0, 0, 0, 0);
    ll->addWidget(m_search);
    ll->addLayout(form);
    ll->addWidget(m_geneTable, 1);
    split->addWidget(lower);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 3);
    lay->addWidget(split);
    dock->setWidget(panel);
    panel->setMinimumWidth(410);
    addDockWidget(Qt::LeftDockWidgetArea, dock);
}

void MainWindow::buildMenus()
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
    QMenu* exp = file->addMenu(QStringLiteral("&Export"));
    exp->addAction(QStringLiteral("Gene panel as &PNG…"), this, [this] { exportCurrent(QStringLiteral("png")); });
    exp->addAction(QStringLiteral("Gene panel as &SVG…"), this, [this] { exportCurrent(QStringLiteral("svg")); });
    exp->addAction(QStringLiteral("Gene panel as P&DF…"), this, [this] { exportCurrent(QStringLiteral("pdf")); });
    exp->addAction(QStringLiteral("Numbers behind the figure (&TSV)…"), this, [this] { exportCurrent(QStringLiteral("tsv")); });
    exp->addSeparator();
    exp->addAction(QStringLiteral("Current tab's figures as P&NG…"), this, [this] { exportTabDialog(QStringLiteral("png")); });
    exp->addAction(QStringLiteral("Current tab's figures as S&VG…"), this, [this] { exportTabDialog(QStringLiteral("svg")); });
    exp->addAction(QStringLiteral("Current tab's figures as PD&F…"), this, [this] { exportTabDialog(QStringLiteral("pdf")); });
    exp->addSeparator();
    exp->addAction(QStringLiteral("&Batch export gene list…"), this, &MainWindow::exportBatch);
    file->addSeparator();
    file->addAction(QStringLiteral("&Quit"), QKeySequence::Quit, this, &QWidget::close);

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
        if (m_gene >= 0) showGene(m_gene, false);
    });
    tb->addSeparator();
    tb->addAction(QStringLiteral("Reset zoom"), this, [this] { m_geneView->setXRange(-5000, 5000); });
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
    auto study = StudyFile::open(path, &err);
    if (!study) {
        m_lastError = err.isEmpty() ? QStringLiteral("%1: cannot open study").arg(path) : err;
        if (interactive) QMessageBox::critical(this, QStringLiteral("Open study"), m_lastError);
        return false;
    }
    m_study = std::move(study);
    updateStudyActions();
    m_cell.clear();
    m_runId.clear();
    m_gene = -1;
    m_history.clear();
    *m_results = RunResults();
    m_resultsCache.clear();
    m_indexCache.clear();
    m_attributor.reset();
    m_attributorRun.clear();
    addRecent(QFileInfo(path).absoluteFilePath());
    setWindowTitle(QStringLiteral("%1 — AttentiveChrome Studio").arg(QFileInfo(path).fileName()));
    populateTree();
    updateSummary();
    const QStringList cells = m_study->cellNames();
    m_trainingView->setStudy(m_study->path(), cells, cells.isEmpty() ? QString() : cells.first());
    QStringList compared;
    for (const QString& c : cells)
        if (compared.size() < 3 && !newestRunWithResults(c).isEmpty()) compared << c;
    m_compareView->setAvailableCells(cells, compared);
    Q_EMIT studyOpened(path);
    if (!cells.isEmpty()) selectCell(cells.first());
    return true;
}

void MainWindow::populateTree()
{
    m_tree->clear();
    if (!m_study) return;
    for (const QString& cell : m_study->cellNames()) {
        auto* ci = new QTreeWidgetItem(m_tree, {cell, QStringLiteral("cell type"), QString(), QString()});
        ci->setData(0, Qt::UserRole, cell);
        for (const QString& id : m_study->runIds(cell)) {
            RunRecord rec;
            QString err;
            QString kind, auroc, status;
            if (m_study->readRun(id, &rec, &err)) {
                kind = modelKindKey(rec.model.kind);
                status = rec.status;
                if (!m_study->hasResults(id)) status += QStringLiteral(" (no results)");
                const int best = rec.bestEpoch;
                if (best >= 1 && best <= int(rec.epochs.size()))
                    auroc = QString::number(rec.epochs[std::size_t(best - 1)].testAuroc, 'f', 3);
            }
            auto* ri = new QTreeWidgetItem(ci, {id, kind, status, auroc});
            ri->setTextAlignment(3, Qt::AlignRight | Qt::AlignVCenter);
            ri->setData(0, Qt::UserRole, cell);
            ri->setData(1, Qt::UserRole, id);
            ri->setToolTip(0, id);
            if (!kind.isEmpty()) ri->setToolTip(1, modelKindName(rec.model.kind));
        }
        ci->setExpanded(true);
    }
    // Run ids are long ("E123-attentivechrome-20261128-144731"): elide them and keep the kind,
    // status and AUROC columns in view.
    m_tree->setColumnWidth(0, 150);
    m_tree->resizeColumnToContents(1);
    m_tree->resizeColumnToContents(2);
    m_tree->resizeColumnToContents(3);
    m_tree->setTextElideMode(Qt::ElideMiddle);
}

void MainWindow::onTreeItemClicked(QTreeWidgetItem* item)
{
    if (!item) return;
    const QString cell = item->data(0, Qt::UserRole).toString();
    const QString run = item->data(1, Qt::UserRole).toString();
    if (cell != m_cell) selectCell(cell);
    if (!run.isEmpty()) selectRun(run);
}

bool MainWindow::selectCell(const QString& cell)
{
    if (!m_study || !m_study->cellNames().contains(cell)) return false;
    CellData index;
    QString err;
    if (!m_study->readCellIndex(cell, &index, &err)) {
        m_lastError = err;
        statusBar()->showMessage(err, 10000);
        return false;
    }
    m_cell = cell;
    m_runId.clear();
    *m_results = RunResults();
    m_gene = -1;
    m_history.clear();
    m_labels = index.labels;
    m_splits = index.splits;
    const QStringList trackNames = m_study->trackNames(cell);
    *m_track = TrackData();
    if (!trackNames.isEmpty()) {
        // H3K27ac is the validation signal the view is meant for; prefer it when present.
        const QString name = trackNames.contains(QStringLiteral("H3K27ac")) ? QStringLiteral("H3K27ac") : trackNames.first();
        if (!m_study->readTrack(cell, name, m_track.get(), &err) || m_track->values.size() != index.genes.size() * std::size_t(m_track->binCount)) {
            statusBar()->showMessage(err.isEmpty() ? QStringLiteral("%1: track %2 does not fit the cell's genes").arg(cell, name) : err, 10000);
            *m_track = TrackData();
        } else {
            m_track->name = name;
        }
    }
    m_geneModel->setGenes(std::move(index.genes), std::move(index.labels), std::move(index.splits));
    m_status->setText(QStringLiteral("%1: %2 genes").arg(cell).arg(m_geneModel->geneCount()));
    Q_EMIT cellSelected(cell);
    updateEvaluation();
    // The newest run with cached results is the sensible default to look at.
    const QStringList runs = m_study->runIds(cell);
    for (auto it = runs.crbegin(); it != runs.crend(); ++it)
        if (m_study->hasResults(*it)) {
            selectRun(*it);
            break;
        }
    updateValidationContext();
    if (m_geneModel->geneCount() > 0) selectGene(0);
    updateNavActions();
    return true;
}

bool MainWindow::selectRun(const QString& runId)
{
    if (!m_study) return false;
    RunRecord rec;
    QString err;
    if (!m_study->readRun(runId, &rec, &err)) {
        m_lastError = err;
        return false;
    }
    if (rec.cell != m_cell && !selectCell(rec.cell)) return false;
    RunResults r;
    if (m_study->hasResults(runId) && !m_study->readResults(runId, &r, &err)) {
        m_lastError = err;
        statusBar()->showMessage(err, 10000);
        r = RunResults();
    }
    if (r.geneCount != m_geneModel->geneCount()) r = RunResults();
    *m_results = std::move(r);
    m_runId = runId;
    m_geneModel->setP(m_results->p);
    updateEvaluation();
    if (compareVisible()) updateAggregate();
    updateValidationContext();
    Q_EMIT runSelected(runId);
    if (m_gene >= 0) showGene(m_gene, false);
    return true;
}

bool MainWindow::selectGene(int geneIndex)
{
    if (geneIndex < 0 || geneIndex >= m_geneModel->geneCount()) return false;
    showGene(geneIndex, true);
    return true;
}

bool MainWindow::selectGeneByName(const QString& text)
{
    const int g = m_geneModel->find(text);
    return g >= 0 && selectGene(g);
}

void MainWindow::onSearchReturn()
{
    if (selectGeneByName(m_search->text())) return;
    // Not an exact name: take the first row the filter still shows.
    if (m_filter->rowCount() > 0)
        selectGene(m_filter->data(m_filter->index(0, 0), GeneListModel::GeneIndexRole).toInt());
    else
        statusBar()->showMessage(QStringLiteral("No gene matches '%1'").arg(m_search->text()), 5000);
}

bool MainWindow::fillGeneData(int gene, GeneViewData* d)
{
    d->gene = m_geneModel->gene(gene);
    d->cell = m_cell;
    d->runId = m_runId;
    d->label = m_geneModel->label(gene);
    QString err;
    if (m_study && !m_study->readGeneValues(m_cell, gene, &d->values, &err)) {
        m_lastError = err;
        statusBar()->showMessage(err, 10000);
        d->values.clear();
    }
    d->takeResults(*m_results, gene);
    // The track of the cell (genes × bins) is read once per cell in selectCell().
    const TrackData& t = *m_track;
    if (!t.values.empty() && t.binCount == d->binCount
        && t.values.size() >= std::size_t(gene + 1) * t.binCount) {
        d->trackName = t.name;
        d->track.assign(t.values.begin() + std::ptrdiff_t(gene) * t.binCount,
                        t.values.begin() + std::ptrdiff_t(gene + 1) * t.binCount);
    }
    return true;
}

void MainWindow::showGene(int gene, bool recordHistory)
{
    if (gene < 0 || gene >= m_geneModel->geneCount()) return;
    GeneViewData d;
    fillGeneData(gene, &d);
    m_gene = gene;
    attachAttribution(gene, &d);
    m_geneView->setData(d);
    m_validationTab->setGene(gene);
    if (recordHistory) m_history.visit(gene);
    updateNavActions();
    if (compareVisible()) updateCompare();
    // Keep the list selection in step (without re-entering showGene).
    const QModelIndex src = m_geneModel->index(gene, 0);
    const QModelIndex proxy = m_filter->mapFromSource(src);
    if (proxy.isValid() && m_geneTable->currentIndex().row() != proxy.row()) {
        QSignalBlocker block(m_geneTable->selectionModel());
        m_geneTable->setCurrentIndex(proxy);
        m_geneTable->scrollTo(proxy);
    }
    Q_EMIT geneSelected(gene);
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
    if (!m_study) return;
    const QString path = m_study->path(), cell = m_cell, run = m_runId;
    const int gene = m_gene;
    m_study.reset();
    if (!openStudy(path, false)) {
        updateStudyActions();
        return;
    }
    selectCell(cell);
    if (!run.isEmpty()) selectRun(run);
    if (gene >= 0) selectGene(gene);
}

void MainWindow::exportCurrent(const QString& format)
{
    if (m_gene < 0) {
        QMessageBox::information(this, QStringLiteral("Export"), QStringLiteral("Select a gene first."));
        return;
    }
    int dpi = 300;
    if (format == QLatin1String("png")) {
        bool ok = false;
        dpi = QInputDialog::getInt(this, QStringLiteral("Export PNG"), QStringLiteral("Resolution (DPI)"), 300, 30, 2400, 50, &ok);
        if (!ok) return;
    }
    const QString stem = GeneFigure::fileStem(m_geneView->data());
    const QString file = QFileDialog::getSaveFileName(this, QStringLiteral("Export"),
        stem + QLatin1Char('.') + format, QStringLiteral("*.%1").arg(format));
    if (file.isEmpty()) return;
    QString err;
    bool ok = false;
    if (format == QLatin1String("png")) ok = GeneFigure::savePng(*m_geneView, file, dpi, &err);
    else if (format == QLatin1String("svg")) ok = GeneFigure::saveSvg(*m_geneView, file, &err);
    else if (format == QLatin1String("pdf")) ok = GeneFigure::savePdf(*m_geneView, file, &err);
    else ok = GeneFigure::saveTsv(m_geneView->data(), file, &err);
    if (!ok) QMessageBox::critical(this, QStringLiteral("Export"), err);
    else statusBar()->showMessage(QStringLiteral("Wrote %1").arg(file), 5000);
}

bool MainWindow::exportTabFigures(const QString& format, const QString& base, int dpi,
                                  QStringList* written, QString* error)
{
    QList<QPair<QString, QCustomPlot*>> figures;
    QWidget* tab = m_tabs->currentWidget();
    if (tab == m_geneView)
        figures = {{QStringLiteral("gene"), m_geneView->plot()}};
    else if (tab == m_compareView)
        figures = {{QStringLiteral("compare"), m_compareView->genePlot()},
                   {QStringLiteral("on-off"), m_compareView->aggregatePlot()}};
    else if (tab == m_trainingView)
        figures = {{QStringLiteral("loss"), m_trainingView->lossPlot()},
                   {QStringLiteral("auroc"), m_trainingView->aurocPlot()}};
    else if (tab == m_evaluationView)
        figures = {{QStringLiteral("roc"), m_evaluationView->rocPlot()},
                   {QStringLiteral("pr"), m_evaluationView->prPlot()}};
    else if (tab == m_validationTab)
        figures = {{QStringLiteral("validation"), m_validationTab->view()->figure()},
                   {QStringLiteral("gene-overlay"), m_validationTab->view()->genePlot()}};
    for (const auto& [name, plot] : figures) {
        if (plot->isHidden())
            continue;
        // What the user sees; a plot never laid out on screen gets a page-like size.
        const bool laidOut = plot->width() >= 200 && plot->height() >= 150;
        const QString file = QStringLiteral("%1-%2.%3").arg(base, name, format);
        if (!PlotExport::save(plot, format, file, laidOut ? plot->width() : 900,
                              laidOut ? plot->height() : 600, dpi, error))
            return false;
        *written << file;
    }
    if (written->isEmpty()) {
        *error = QStringLiteral("The %1 tab shows no figure to export.")
                     .arg(m_tabs->tabText(m_tabs->currentIndex()));
        return false;
    }
    return true;
}

void MainWindow::exportTabDialog(const QString& format)
{
    int dpi = 300;
    if (format == QLatin1String("png")) {
        bool ok = false;
        dpi = QInputDialog::getInt(this, QStringLiteral("Export PNG"), QStringLiteral("Resolution (DPI)"),
                                   300, 30, 2400, 50, &ok);
        if (!ok) return;
    }
    const QString stem = m_tabs->tabText(m_tabs->currentIndex()).toLower();
    const QString file = QFileDialog::getSaveFileName(
        this, QStringLiteral("Export the %1 tab's figures").arg(stem),
        QStringLiteral("%1.%2").arg(stem, format), QStringLiteral("*.%1").arg(format));
    if (file.isEmpty()) return;
    QString base = file;
    if (base.endsWith(QLatin1Char('.') + format, Qt::CaseInsensitive))
        base.chop(format.size() + 1);
    QStringList written;
    QString err;
    if (!exportTabFigures(format, base, dpi, &written, &err))
        QMessageBox::critical(this, QStringLiteral("Export"), err);
    else
        statusBar()->showMessage(QStringLiteral("Wrote %1").arg(written.join(QStringLiteral(", "))), 8000);
}

void MainWindow::exportBatch()
{
    if (m_cell.isEmpty()) return;
    const QString list = QFileDialog::getOpenFileName(this, QStringLiteral("Gene list (one symbol or Ensembl id per line)"),
                                                      QString(), QStringLiteral("Text (*.txt *.tsv);;All files (*)"));
    if (list.isEmpty()) return;
    bool ok = false;
    const QString format = QInputDialog::getItem(this, QStringLiteral("Batch export"), QStringLiteral("Format"),
        {QStringLiteral("png"), QStringLiteral("svg"), QStringLiteral("pdf"), QStringLiteral("tsv")}, 1, false, &ok);
    if (!ok) return;
    const QString dir = QFileDialog::getExistingDirectory(this, QStringLiteral("Output folder"));
    if (dir.isEmpty()) return;
    QFile f(list);
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text)) {
        QMessageBox::critical(this, QStringLiteral("Batch export"), QStringLiteral("%1: %2").arg(list, f.errorString()));
        return;
    }
    QStringList problems;
    int written = 0, lineNo = 0;
    QTextStream in(&f);
    while (!in.atEnd()) {
        const QString name = in.readLine().section(QLatin1Char('\t'), 0, 0).trimmed();
        ++lineNo;
        if (name.isEmpty() || name.startsWith(QLatin1Char('#'))) continue;
        const int g = m_geneModel->find(name);
        if (g < 0) {
            problems << QStringLiteral("%1:%2: unknown gene '%3'").arg(list).arg(lineNo).arg(name);
            continue;
        }
        GeneViewData d;
        fillGeneData(g, &d);
        QString err;
        const QString out = QDir(dir).filePath(GeneFigure::fileStem(d) + QLatin1Char('.') + format);
        if (GeneFigure::save(d, format, out, 300, &err, m_geneView->gradient())) ++written;
        else problems << err;
    }
    QString msg = QStringLiteral("Wrote %1 file(s) to %2.").arg(written).arg(dir);
    if (!problems.isEmpty()) msg += QLatin1Char('\n') + problems.mid(0, 10).join(QLatin1Char('\n'));
    QMessageBox::information(this, QStringLiteral("Batch export"), msg);
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
        const bool same = m_study && QFileInfo(path).absoluteFilePath() == QFileInfo(m_study->path()).absoluteFilePath();
        if (same) reloadStudy();
        else openStudy(path);
        if (!cells.isEmpty()) selectCell(cells.first());
    });
    dialog->show();
}

void MainWindow::showImportTrackDialog()
{
    if (!m_study) {
        QMessageBox::information(this, QStringLiteral("Import track"),
                                 QStringLiteral("Open a study first: a track is added to one of "
                                                "its cell types."));
        return;
    }
    auto* dialog = new TrackImportDialog(m_study->path(), m_cell, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &TrackImportDialog::trackImported, this,
            [this](const QString& path, const QString& cell, const QString& track) {
                // Another study may have been opened while the dialog was open.
                if (!m_study || QFileInfo(path).absoluteFilePath() !=
                                    QFileInfo(m_study->path()).absoluteFilePath())
                    return;
                reloadStudy();
                if (cell != m_cell) selectCell(cell);
                statusBar()->showMessage(QStringLiteral("Track %1 added to cell %2").arg(track, cell), 8000);
            });
    dialog->show();
}

void MainWindow::updateStudyActions()
{
    const bool open = m_study != nullptr;
    m_importTrackAction->setEnabled(open);
    m_importTrackAction->setToolTip(
        open ? QStringLiteral("Add a validation track (e.g. H3K27ac; bedGraph, bigWig or binned CSV) "
                              "to a cell type of the open study")
             : QStringLiteral("Open a study first: a track is added to one of its cell types"));
    m_importTrackAction->setStatusTip(m_importTrackAction->toolTip());
}

QString MainWindow::newestRunWithResults(const QString& cell) const
{
    if (!m_study) return {};
    const QStringList runs = m_study->runIds(cell);
    for (auto it = runs.crbegin(); it != runs.crend(); ++it)
        if (m_study->hasResults(*it)) return *it;
    return {};
}

std::shared_ptr<const RunResults> MainWindow::cachedResults(const QString& runId)
{
    if (runId.isEmpty() || !m_study) return nullptr;
    // The selected run is already in memory: share it without owning it.
    if (runId == m_runId && m_results->geneCount > 0)
        return std::shared_ptr<const RunResults>(std::shared_ptr<void>(), m_results.get());
    auto it = m_resultsCache.find(runId);
    if (it != m_resultsCache.end()) return it->second;
    auto r = std::make_shared<RunResults>();
    QString err;
    if (!m_study->readResults(runId, r.get(), &err)) {
        statusBar()->showMessage(err, 10000);
        return nullptr;
    }
    m_resultsCache[runId] = r;
    return r;
}

void MainWindow::updateEvaluation()
{
    // Test-split p and labels of the selected run.
    std::vector<float> p;
    std::vector<std::uint8_t> labels;
    const RunResults& r = *m_results;
    if (!m_runId.isEmpty() && r.geneCount == int(m_labels.size()) && r.p.size() == m_labels.size()
        && m_splits.size() == m_labels.size()) {
        for (std::size_t g = 0; g < m_labels.size(); ++g)
            if (m_splits[g] == Split::Test) {
                p.push_back(r.p[g]);
                labels.push_back(m_labels[g]);
            }
    }
    m_evaluationView->setRunCurves(p.empty() ? QString() : m_runId, p, labels);
}

void MainWindow::updateSummary()
{
    std::vector<CellSummary::Entry> entries;
    if (m_study) {
        // runIds() is oldest first, so the newest run of a (cell, variant) pair wins.
        for (const QString& id : m_study->runIds()) {
            RunRecord rec;
            QString err;
            if (!m_study->readRun(id, &rec, &err) || rec.bestEpoch < 1
                || rec.bestEpoch > int(rec.epochs.size()))
                continue;
            entries.push_back({rec.cell, modelKindKey(rec.model.kind),
                               rec.epochs[std::size_t(rec.bestEpoch - 1)].testAuroc});
        }
    }
    m_evaluationView->setSummary(summariseRuns(entries));
}

bool MainWindow::compareVisible() const { return m_tabs->currentWidget() == m_compareView; }

void MainWindow::updateCompare()
{
    std::vector<GeneViewData> columns;
    if (m_study && m_gene >= 0 && m_gene < m_geneModel->geneCount()) {
        const GeneRecord& gene = m_geneModel->gene(m_gene);
        for (const QString& cell : m_compareView->checkedCells()) {
            auto idx = m_indexCache.find(cell);
            if (idx == m_indexCache.end()) {
                CellData index;
                QString err;
                if (!m_study->readCellIndex(cell, &index, &err)) continue;
                idx = m_indexCache.emplace(cell, std::move(index)).first;
            }
            const CellData& ci = idx->second;
            // The same gene in another cell type: matched by its REMC id (the gene's identity).
            int g = -1;
            for (int i = 0; i < ci.geneCount() && g < 0; ++i)
                if (ci.genes[std::size_t(i)].remcId == gene.remcId) g = i;
            if (g < 0) continue;
            GeneViewData d;
            d.gene = ci.genes[std::size_t(g)];
            d.cell = cell;
            d.label = g < int(ci.labels.size()) ? ci.labels[std::size_t(g)] : -1;
            d.runId = cell == m_cell && !m_runId.isEmpty() ? m_runId : newestRunWithResults(cell);
            if (auto r = cachedResults(d.runId); r && r->geneCount == ci.geneCount())
                d.takeResults(*r, g);
            columns.push_back(std::move(d));
        }
    }
    m_compareView->setGenes(columns);
}

void MainWindow::updateAggregate()
{
    AttentionAverages a;
    if (m_results->geneCount > 0) {
        a = AttentionAverages::compute(*m_results, m_labels);
        a.cell = m_cell;
        a.runId = m_runId;
    }
    m_compareView->setAggregate(a);
}

void MainWindow::onRunStored(const QString& runId)
{
    // The trainer replaced the study file atomically: reopen it, then show the new run.
    reloadStudy();
    if (selectRun(runId)) statusBar()->showMessage(QStringLiteral("Run %1 added to the study").arg(runId), 8000);
}

void MainWindow::updateValidationContext()
{
    m_validationTab->setContext(studyPath(), m_cell, m_runId,
                                m_study && !m_cell.isEmpty() ? m_study->trackNames(m_cell) : QStringList());
}

void MainWindow::setAttribution(const QString& key)
{
    const int i = m_attributionBox->findData(key);
    m_attributionBox->setCurrentIndex(i >= 0 ? i : 0);
}

QString MainWindow::attribution() const { return m_attributionBox->currentData().toString(); }

void MainWindow::attachAttribution(int gene, GeneViewData* d)
{
    ++m_attributionToken;
    AttributionMethod method;
    if (!m_study || m_runId.isEmpty() || !parseAttributionMethod(attribution(), &method)) return;
    const std::size_t n = std::size_t(d->binCount) * d->markCount;
    if (d->values.size() != n) return;
    QString err;
    const bool fast = method == AttributionMethod::Saliency || method == AttributionMethod::InputTimesGradient;
    if (fast) {
        if (!m_attributor || m_attributorRun != m_runId) {
            m_attributor = Attributor::load(*m_study, m_runId, QStringLiteral("best"), &err);
            m_attributorRun = m_attributor ? m_runId : QString();
        }
    }
    // The slow methods get their own instance (an Attributor is used by one thread at a time).
    std::shared_ptr<Attributor> own =
        fast ? nullptr : std::shared_ptr<Attributor>(Attributor::load(*m_study, m_runId, QStringLiteral("best"), &err));
    Attributor* a = fast ? m_attributor.get() : own.get();
    if (!a) {
        statusBar()->showMessage(err, 10000);
        return;
    }
    if (a->markCount() != d->markCount || a->binCount() != d->binCount) {
        statusBar()->showMessage(QStringLiteral("%1: the model's input (%2 marks × %3 bins) does not fit the gene's")
                                     .arg(m_runId).arg(a->markCount()).arg(a->binCount()), 10000);
        return;
    }
    const QString name = attributionMethodName(method);
    if (fast) {
        d->attributionName = name;
        d->attribution = a->attribute(d->values.data(), method).values;
        return;
    }
    statusBar()->showMessage(QStringLiteral("Computing %1 for %2…").arg(name.toLower(), d->gene.symbol.isEmpty() ? d->gene.remcId : d->gene.symbol));
    const int token = m_attributionToken;
    auto* watcher = new QFutureWatcher<std::vector<float>>(this);
    connect(watcher, &QFutureWatcher<std::vector<float>>::finished, this, [this, watcher, token, gene, name] {
        watcher->deleteLater();
        // A newer gene, run or choice supersedes this result.
        if (token != m_attributionToken || gene != m_gene) return;
        GeneViewData d = m_geneView->data();
        d.attributionName = name;
        d.attribution = watcher->result();
        m_geneView->setData(d);
        statusBar()->clearMessage();
    });
    watcher->setFuture(QtConcurrent::run([own, values = d->values, method] {
        return own->attribute(values.data(), method).values;
    }));
}

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
    if (!cell.isEmpty() && cell != m_cell) selectCell(cell);
    const QString run = s.value(QStringLiteral("session/run")).toString();
    if (!run.isEmpty()) selectRun(run);
    const int gene = s.value(QStringLiteral("session/gene"), -1).toInt();
    if (gene >= 0) selectGene(gene);
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
    s.setValue(QStringLiteral("session/cell"), m_cell);
    s.setValue(QStringLiteral("session/run"), m_runId);
    s.setValue(QStringLiteral("session/gene"), m_gene);
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
