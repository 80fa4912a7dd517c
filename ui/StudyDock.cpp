#include "StudyDock.h"

#include "GeneFilterProxy.h"
#include "GeneListModel.h"
#include "GeneSearch.h"
#include "domain/CellData.h"
#include "session/StudyQueries.h"
#include "store/StudyFile.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPalette>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace ac
{

namespace
{

/// The tree row of one run: name (the id until renamed), model kind, status, test AUROC at the
/// best epoch. The cell's active run is bold and its status says "active".
QTreeWidgetItem* runItem(const StudyFile& study, const QString& cell, const QString& id,
                         bool active, QTreeWidgetItem* parent)
{
    RunRecord rec;
    QString err;
    QString kind, auroc, status, name = id;
    QStringList tip{QStringLiteral("Run %1").arg(id)};
    if (study.readRun(id, &rec, &err)) {
        name = rec.displayName();
        kind = modelKindKey(rec.model.kind);
        status = rec.statusText();
        if (!study.hasResults(id))
            status += QStringLiteral(" (no results)");
        if (const auto best = rec.bestMetrics())
            auroc = QString::number(best->testAuroc, 'f', 3);
        if (!rec.note.isEmpty())
            tip << rec.note;
    }
    if (active) {
        status = QStringLiteral("active · ") + status;
        tip << QStringLiteral("The active run of %1: shown by default and used by the command "
                              "line when no run is named.")
                   .arg(cell);
    } else {
        tip << QStringLiteral("Right-click: make active, rename, note, properties, delete.");
    }
    auto* item = new QTreeWidgetItem(parent, {name, kind, status, auroc});
    item->setTextAlignment(3, Qt::AlignRight | Qt::AlignVCenter);
    item->setData(0, Qt::UserRole, cell);
    item->setData(1, Qt::UserRole, id);
    item->setToolTip(0, tip.join(QLatin1Char('\n')));
    if (!kind.isEmpty())
        item->setToolTip(1, modelKindName(rec.model.kind));
    if (rec.interrupted)
        item->setToolTip(2, QStringLiteral("Its training was killed; continue it with "
                                           "attentivechrome-cli train --resume %1")
                                .arg(id));
    if (rec.stale)
        item->setToolTip(2, QStringLiteral("The cell type was imported again since this run: its "
                                           "AUROC and results belong to the old data"));
    if (!rec.isCurrent())
        item->setForeground(2, QPalette().brush(QPalette::Disabled, QPalette::Text));
    if (active)
        for (int c = 0; c < item->columnCount(); ++c) {
            QFont f = item->font(c);
            f.setBold(true);
            item->setFont(c, f);
        }
    return item;
}

} // namespace

StudyDock::StudyDock(QWidget* parent) : QDockWidget(QStringLiteral("Study"), parent)
{
    setObjectName(QStringLiteral("studyDock"));
    auto* panel = new QWidget(this);
    auto* lay = new QVBoxLayout(panel);
    lay->setContentsMargins(4, 4, 4, 4);

    m_tree = new QTreeWidget(panel);
    m_tree->setHeaderLabels({QStringLiteral("Cell type / run"), QStringLiteral("Kind"),
                             QStringLiteral("Status"), QStringLiteral("AUROC")});
    m_tree->headerItem()->setToolTip(3, QStringLiteral("Test AUROC at the best epoch"));
    m_tree->setRootIsDecorated(true);
    // Nothing in the tree is ever cut: every column is as wide as its contents (full run ids such
    // as "E123-attentivechrome-20261128-144731", AUROC with its three decimals) and a narrow dock
    // scrolls horizontally instead of eliding or clipping. The (test) AUROC comes first on screen,
    // under a short title, so that it is in view at any dock width and the default dock width shows
    // whole ids beside it; the tree decoration stays with the cell type / run column.
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_tree->header()->moveSection(3, 0);
    m_tree->setTreePosition(0);
    m_tree->setTextElideMode(Qt::ElideNone);
    m_tree->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    connect(m_tree, &QTreeWidget::itemClicked, this, &StudyDock::onTreeItemClicked);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_tree, &QTreeWidget::customContextMenuRequested, this, [this](const QPoint& at) {
        const QTreeWidgetItem* item = m_tree->itemAt(at);
        const QString run = item ? item->data(1, Qt::UserRole).toString() : QString();
        if (!run.isEmpty())
            Q_EMIT runMenuRequested(item->data(0, Qt::UserRole).toString(), run,
                                    m_tree->viewport()->mapToGlobal(at));
    });

    m_geneModel = new GeneListModel(this);
    m_filter = new GeneFilterProxy(this);
    m_filter->setSourceModel(m_geneModel);

    auto* split = new QSplitter(Qt::Vertical, panel);
    split->addWidget(m_tree);
    split->addWidget(buildFilters(split));
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 3);
    lay->addWidget(split);
    setWidget(panel);
    panel->setMinimumWidth(410);
}

QWidget* StudyDock::buildFilters(QWidget* parent)
{
    auto* lower = new QWidget(parent);
    m_search = new GeneSearch(m_geneModel, lower);
    connect(m_search, &GeneSearch::textChanged, this,
            [this](const QString& t) { refilter([this, t] { m_filter->setSearchText(t); }); });
    connect(m_search, &GeneSearch::geneChosen, this, &StudyDock::geneActivated);

    const QStringList lowHigh{QStringLiteral("any"), QStringLiteral("low"), QStringLiteral("high")};
    auto* form = new QFormLayout;
    const auto addFilter = [&](const QString& label, const QStringList& items,
                               void (GeneFilterProxy::*set)(int)) {
        auto* c = new QComboBox(lower);
        c->addItems(items);
        // std::bind, not a lambda inside the lambda: GCC 12 with ASan + UBSan built that inner
        // closure with a wrong `this` (a vptr error when a combo box changed).
        connect(c, &QComboBox::currentIndexChanged, this,
                [this, set](int i) { refilter(std::bind(set, m_filter, i - 1)); });
        form->addRow(label, c);
    };
    addFilter(QStringLiteral("Split"),
              {QStringLiteral("any"), QStringLiteral("train"), QStringLiteral("valid"),
               QStringLiteral("test")},
              &GeneFilterProxy::setSplitFilter);
    addFilter(QStringLiteral("True label"), lowHigh, &GeneFilterProxy::setLabelFilter);
    // Two filters on the model's call: which class it predicts, and whether that is right.
    addFilter(QStringLiteral("Predicted class"), lowHigh, &GeneFilterProxy::setPredictedFilter);
    addFilter(QStringLiteral("Correctness"),
              {QStringLiteral("any"), QStringLiteral("incorrect"), QStringLiteral("correct")},
              &GeneFilterProxy::setCorrectFilter);

    buildGeneTable(lower);
    auto* ll = new QVBoxLayout(lower);
    ll->setContentsMargins(0, 0, 0, 0);
    ll->addWidget(m_search);
    ll->addLayout(form);
    ll->addWidget(buildListRow(lower));
    ll->addWidget(m_geneTable, 1);
    return lower;
}

void StudyDock::buildGeneTable(QWidget* parent)
{
    m_geneTable = new QTableView(parent);
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
                if (cur.isValid() && !m_showingGene)
                    Q_EMIT geneActivated(m_filter->data(cur, GeneListModel::GeneIndexRole).toInt());
            });
}

QWidget* StudyDock::buildListRow(QWidget* parent)
{
    auto* row = new QWidget(parent);
    auto* button = new QToolButton(row);
    button->setText(QStringLiteral("Gene list"));
    button->setObjectName(QStringLiteral("geneListButton"));
    button->setPopupMode(QToolButton::InstantPopup);
    auto* menu = new QMenu(button);
    QAction* load = menu->addAction(QStringLiteral("Load gene list…"));
    load->setObjectName(QStringLiteral("loadGeneListAction"));
    load->setToolTip(QStringLiteral("List only the genes of a file: one symbol, Ensembl id or "
                                    "REMC id a line, or a BED of TSSs"));
    connect(load, &QAction::triggered, this, &StudyDock::chooseGeneList);
    m_clearListAction = menu->addAction(QStringLiteral("Clear gene list"));
    m_clearListAction->setObjectName(QStringLiteral("clearGeneListAction"));
    m_clearListAction->setEnabled(false);
    connect(m_clearListAction, &QAction::triggered, this, &StudyDock::clearGeneList);
    QAction* save = menu->addAction(QStringLiteral("Save listed genes…"));
    save->setObjectName(QStringLiteral("saveListedGenesAction"));
    save->setToolTip(QStringLiteral("Write the genes the table lists now (all filters applied)"));
    connect(save, &QAction::triggered, this, &StudyDock::chooseSaveListed);
    button->setMenu(menu);
    m_geneCount = new QLabel(row);
    m_geneCount->setObjectName(QStringLiteral("geneCountLabel"));
    m_geneCount->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    auto* lay = new QHBoxLayout(row);
    lay->setContentsMargins(0, 0, 0, 0);
    lay->addWidget(button);
    lay->addWidget(m_geneCount, 1);
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, &StudyDock::updateGeneCount);
    connect(m_filter, &QAbstractItemModel::rowsRemoved, this, &StudyDock::updateGeneCount);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &StudyDock::updateGeneCount);
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, &StudyDock::updateGeneCount);
    return row;
}

bool StudyDock::loadGeneList(const QString& path, QString* error)
{
    if (!m_geneList.load(path, error))
        return false;
    m_hasGeneList = true;
    m_clearListAction->setEnabled(true);
    applyGeneList();
    return true;
}

void StudyDock::clearGeneList()
{
    m_geneList = GeneListFile();
    m_hasGeneList = false;
    m_clearListAction->setEnabled(false);
    applyGeneList();
}

QString StudyDock::geneListPath() const
{
    return m_hasGeneList ? m_geneList.path() : QString();
}

void StudyDock::applyGeneList()
{
    m_listNote.clear();
    if (!m_hasGeneList && !m_filter->hasListFilter()) {
        updateGeneCount();
        return;
    }
    std::vector<bool> listed;
    if (m_hasGeneList) {
        const GeneListFile::Resolution r = m_geneList.resolve(m_geneModel->genes());
        m_listNote = m_geneList.notFoundSummary(r);
        listed = GeneListFile::mask(r.genes, m_geneModel->genes().size());
    }
    Q_EMIT geneListChanged(m_hasGeneList ? m_geneList.fileName() : QString(), listed);
    refilter([this, &listed] { m_filter->setListFilter(std::move(listed)); });
    updateGeneCount();
}

QString StudyDock::geneCountText() const
{
    const QLocale en(QLocale::English);
    QString text =
        QStringLiteral("%1 of %2 genes")
            .arg(en.toString(m_filter->rowCount()), en.toString(m_geneModel->rowCount()));
    if (m_hasGeneList)
        text += QStringLiteral(" · list: ") + m_geneList.fileName();
    return text;
}

void StudyDock::updateGeneCount()
{
    m_geneCount->setText(geneCountText());
    m_geneCount->setToolTip(
        m_hasGeneList ? QDir::toNativeSeparators(m_geneList.path()) +
                            (m_listNote.isEmpty() ? QString() : QLatin1Char('\n') + m_listNote)
                      : QString());
}

bool StudyDock::saveListedGenes(const QString& path, QString* error) const
{
    std::vector<int> rows;
    for (int r = 0; r < m_filter->rowCount(); ++r)
        rows.push_back(m_filter->data(m_filter->index(r, 0), GeneListModel::GeneIndexRole).toInt());
    return GeneListFile::write(path, m_geneModel->genes(), rows, geneCountText(), error);
}

void StudyDock::chooseGeneList()
{
    const QString path = QFileDialog::getOpenFileName(
        this, QStringLiteral("Load gene list"), QString(),
        QStringLiteral("Gene lists (*.txt *.list *.tsv *.bed *.gz);;All files (*)"));
    if (path.isEmpty())
        return;
    QString err;
    if (!loadGeneList(path, &err))
        QMessageBox::warning(this, QStringLiteral("Load gene list"), err);
    else if (!m_listNote.isEmpty())
        QMessageBox::information(this, QStringLiteral("Load gene list"), m_listNote);
}

void StudyDock::chooseSaveListed()
{
    const QString path = QFileDialog::getSaveFileName(this, QStringLiteral("Save listed genes"),
                                                      QStringLiteral("genes.txt"),
                                                      QStringLiteral("Gene lists (*.txt)"));
    QString err;
    if (!path.isEmpty() && !saveListedGenes(path, &err))
        QMessageBox::warning(this, QStringLiteral("Save listed genes"), err);
}

void StudyDock::setStudy(const StudyFile* study)
{
    m_tree->clear();
    if (!study)
        return;
    for (const QString& cell : study->cellNames()) {
        auto* ci =
            new QTreeWidgetItem(m_tree, {cell, QStringLiteral("cell type"), QString(), QString()});
        ci->setData(0, Qt::UserRole, cell);
        const QString active = activeRun(*study, cell);
        for (const QString& id : study->runIds(cell))
            runItem(*study, cell, id, id == active, ci);
        ci->setExpanded(true);
    }
}

void StudyDock::onTreeItemClicked(QTreeWidgetItem* item)
{
    if (item)
        Q_EMIT itemChosen(item->data(0, Qt::UserRole).toString(),
                          item->data(1, Qt::UserRole).toString());
}

void StudyDock::setGenes(const CellData& index)
{
    m_shownGene = -1;
    m_search->setCell(index.name, index.assembly);
    m_geneModel->setGenes(index.genes, index.labels, index.splits);
    applyGeneList(); // the list's genes in this cell
}

void StudyDock::refilter(const std::function<void()>& change)
{
    // Filtering removes rows, and the table then makes some other row current: that must not
    // show another gene (the user chose none). The shown gene's row stays selected when listed.
    m_showingGene = true;
    change();
    const QModelIndex row = m_filter->mapFromSource(m_geneModel->index(m_shownGene, 0));
    if (row.isValid()) {
        m_geneTable->selectionModel()->setCurrentIndex(row, QItemSelectionModel::ClearAndSelect |
                                                                QItemSelectionModel::Rows);
    } else {
        m_geneTable->selectionModel()->clearSelection();
        m_geneTable->selectionModel()->setCurrentIndex(QModelIndex(),
                                                       QItemSelectionModel::NoUpdate);
    }
    m_showingGene = false;
}

void StudyDock::focusSearch()
{
    m_search->focusSearch();
}

void StudyDock::setP(std::vector<float> p)
{
    m_geneModel->setP(std::move(p));
}

void StudyDock::showGene(int index)
{
    m_shownGene = index;
    const QModelIndex proxy = m_filter->mapFromSource(m_geneModel->index(index, 0));
    if (proxy.isValid() && m_geneTable->currentIndex().row() != proxy.row()) {
        // Not a QSignalBlocker: the view must hear selectionChanged to repaint the row it leaves
        // (blocked, the rows visited by Back/Forward stayed drawn as selected).
        m_showingGene = true;
        m_geneTable->selectionModel()->setCurrentIndex(proxy, QItemSelectionModel::ClearAndSelect |
                                                                  QItemSelectionModel::Rows);
        m_showingGene = false;
        m_geneTable->scrollTo(proxy);
    }
}

} // namespace ac
