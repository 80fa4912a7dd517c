#include "EvaluationView.h"

#include "QcpInclude.h"
#include "train/Metrics.h"

#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTableView>
#include <QTextStream>
#include <QVBoxLayout>

#include <cmath>

namespace ac
{

namespace
{

constexpr int kSortRole = Qt::UserRole;
constexpr int kWinsColumn = 6; ///< of the per-variant summary

QStandardItem* scoreItem(double v)
{
    auto* it = new QStandardItem(std::isnan(v) ? QStringLiteral("—") : QString::number(v, 'f', 3));
    it->setData(std::isnan(v) ? -1.0 : v, kSortRole);
    it->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    it->setEditable(false);
    return it;
}

QStandardItem* textItem(const QString& s)
{
    auto* it = new QStandardItem(s);
    it->setData(s, kSortRole);
    it->setEditable(false);
    return it;
}

QCustomPlot* makeCurvePlot(const QString& x, const QString& y, QWidget* parent)
{
    auto* p = new QCustomPlot(parent);
    p->xAxis->setLabel(x);
    p->yAxis->setLabel(y);
    p->xAxis->setRange(0, 1);
    p->yAxis->setRange(0, 1.02);
    p->plotLayout()->insertRow(0);
    p->plotLayout()->addElement(
        0, 0, new QCPTextElement(p, QString(), QFont(p->font().family(), 10, QFont::Bold)));
    p->setMinimumSize(280, 260);
    return p;
}

void setTitle(QCustomPlot* p, const QString& t)
{
    if (auto* e = qobject_cast<QCPTextElement*>(p->plotLayout()->element(0, 0)))
        e->setText(t);
}

QString fmt(double v)
{
    return std::isnan(v) ? QStringLiteral("NA") : QString::number(v, 'f', 4);
}

} // namespace

EvaluationView::EvaluationView(QWidget* parent) : QWidget(parent)
{
    m_roc = makeCurvePlot(QStringLiteral("False-positive rate"),
                          QStringLiteral("True-positive rate"), this);
    m_pr = makeCurvePlot(QStringLiteral("Recall"), QStringLiteral("Precision"), this);
    // Chance line for ROC.
    QCPGraph* diag = m_roc->addGraph();
    diag->setData({0.0, 1.0}, {0.0, 1.0});
    diag->setPen(QPen(QColor(150, 150, 150), 1, Qt::DashLine));
    m_roc->addGraph()->setPen(QPen(QColor(0x1f, 0x77, 0xb4), 2));
    m_pr->addGraph()->setPen(QPen(QColor(0xd6, 0x27, 0x28), 2));
    m_pr->graph(0)->setLineStyle(QCPGraph::lsStepLeft);
    // Chance line for PR: precision = the share of high genes, whatever the recall.
    m_pr->addGraph()->setPen(QPen(QColor(150, 150, 150), 1, Qt::DashLine));
    m_prBaselineLabel = new QCPItemText(m_pr);
    m_prBaselineLabel->position->setType(QCPItemPosition::ptPlotCoords);
    m_prBaselineLabel->setPositionAlignment(Qt::AlignRight | Qt::AlignBottom);
    m_prBaselineLabel->setColor(QColor(110, 110, 110));

    m_runLabel =
        new QLabel(QStringLiteral("Select a run with cached results in the study tree."), this);
    m_runLabel->setWordWrap(true);

    m_cellModel = new QStandardItemModel(this);
    m_cellModel->setSortRole(kSortRole);
    m_summaryModel = new QStandardItemModel(this);
    m_summaryModel->setSortRole(kSortRole);
    auto makeTable = [this](QStandardItemModel* m) {
        auto* v = new QTableView(this);
        v->setModel(m);
        v->setSortingEnabled(true);
        v->verticalHeader()->hide();
        v->verticalHeader()->setDefaultSectionSize(20);
        v->horizontalHeader()->setStretchLastSection(true);
        v->setSelectionBehavior(QAbstractItemView::SelectRows);
        return v;
    };
    m_cellView = makeTable(m_cellModel);
    m_summaryView = makeTable(m_summaryModel);
    auto* exportButton = new QPushButton(QStringLiteral("Export tables as TSV…"), this);
    connect(exportButton, &QPushButton::clicked, this, &EvaluationView::exportDialog);

    auto* curves = new QWidget(this);
    auto* cl = new QHBoxLayout(curves);
    cl->setContentsMargins(0, 0, 0, 0);
    cl->addWidget(m_roc);
    cl->addWidget(m_pr);

    auto* tables = new QWidget(this);
    auto* tl = new QVBoxLayout(tables);
    tl->setContentsMargins(0, 0, 0, 0);
    auto* caption = new QLabel(
        QStringLiteral("<b>Test AUROC per cell type</b> (best epoch of each cell's active run, "
                       "and for other variants of its best complete run by validation AUROC; "
                       "hover a score for its run; click a header to sort)"),
        tables);
    caption->setWordWrap(true);
    tl->addWidget(caption);
    tl->addWidget(m_cellView, 3);
    tl->addWidget(new QLabel(QStringLiteral("<b>Per variant over cell types</b>"), tables));
    tl->addWidget(m_summaryView, 2);
    auto* bl = new QHBoxLayout;
    bl->addStretch(1);
    bl->addWidget(exportButton);
    tl->addLayout(bl);

    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(curves);
    split->addWidget(tables);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto* lay = new QVBoxLayout(this);
    lay->addWidget(m_runLabel);
    lay->addWidget(split, 1);
    setRunCurves(QString(), {}, {});
    setSummary(CellSummary());
}

EvaluationView::~EvaluationView() = default;

void EvaluationView::setRunCurves(const QString& runId, const std::vector<float>& p,
                                  const std::vector<std::uint8_t>& labels)
{
    const BinaryMetrics bm = metrics::evaluate(p, labels);
    m_auroc = bm.auroc;
    m_aupr = bm.aupr;
    const std::vector<CurvePoint> roc = metrics::rocCurve(p, labels);
    const std::vector<CurvePoint> pr = metrics::prCurve(p, labels);
    QVector<double> x, y;
    for (const CurvePoint& c : roc) {
        x << c.x;
        y << c.y;
    }
    m_roc->graph(1)->setData(x, y, true);
    x.clear();
    y.clear();
    for (const CurvePoint& c : pr) {
        x << c.x;
        y << c.y;
    }
    m_pr->graph(0)->setData(x, y, true);
    const bool baseline = !pr.empty() && bm.count > 0;
    const double prevalence = baseline ? double(bm.positives) / bm.count : 0;
    m_pr->graph(1)->setData(QVector<double>{0.0, 1.0}, QVector<double>{prevalence, prevalence});
    m_pr->graph(1)->setVisible(baseline);
    m_prBaselineLabel->setVisible(baseline);
    m_prBaselineLabel->position->setCoords(0.98, prevalence + 0.01);
    m_prBaselineLabel->setText(
        QStringLiteral("chance: %1 high").arg(QString::number(prevalence, 'f', 3)));
    if (runId.isEmpty() || p.empty()) {
        m_runLabel->setText(QStringLiteral(
            "Select a run with cached results in the study tree to see its ROC and PR curves."));
        setTitle(m_roc, QStringLiteral("ROC (test genes)"));
        setTitle(m_pr, QStringLiteral("Precision-recall (test genes)"));
    } else {
        m_runLabel->setText(
            QStringLiteral("Run <b>%1</b>: %2 test genes, %3 high  ·  accuracy %4%5")
                .arg(runId)
                .arg(bm.count)
                .arg(bm.positives)
                .arg(std::isnan(bm.accuracy) ? QStringLiteral("—")
                                             : QString::number(bm.accuracy, 'f', 3))
                .arg(bm.note.isEmpty() ? QString() : QStringLiteral("  ·  ") + bm.note));
        setTitle(m_roc, roc.empty()
                            ? QStringLiteral("ROC undefined")
                            : QStringLiteral("ROC, test AUROC %1").arg(bm.auroc, 0, 'f', 3));
        setTitle(m_pr,
                 pr.empty()
                     ? QStringLiteral("PR undefined")
                     : QStringLiteral("Precision-recall, test AUPR %1").arg(bm.aupr, 0, 'f', 3));
    }
    m_roc->replot(QCustomPlot::rpQueuedReplot);
    m_pr->replot(QCustomPlot::rpQueuedReplot);
}

void EvaluationView::setSummary(const CellSummary& summary)
{
    m_summary = summary;
    m_cellModel->clear();
    QStringList head{QStringLiteral("Cell type")};
    head << summary.variants << QStringLiteral("Runs used");
    m_cellModel->setHorizontalHeaderLabels(head);
    for (int c = 0; c < summary.cells.size(); ++c) {
        QList<QStandardItem*> row{textItem(summary.cells.at(c))};
        QStringList runs; // the summary says which run each score comes from (issue 14, item 1)
        for (int v = 0; v < summary.variants.size(); ++v) {
            QStandardItem* item = scoreItem(summary.score(c, v));
            if (!summary.runId(c, v).isEmpty()) {
                item->setToolTip(QStringLiteral("run %1").arg(summary.runId(c, v)));
                runs << summary.runId(c, v);
            }
            row << item;
        }
        row << textItem(runs.join(QStringLiteral(", ")));
        m_cellModel->appendRow(row);
    }
    m_summaryModel->clear();
    m_summaryModel->setHorizontalHeaderLabels({QStringLiteral("Variant"), QStringLiteral("Cells"),
                                               QStringLiteral("Mean"), QStringLiteral("Median"),
                                               QStringLiteral("Min"), QStringLiteral("Max"),
                                               QStringLiteral("Wins")});
    for (const CellSummary::Row& r : summary.rows) {
        auto* cells = textItem(QString::number(r.cells));
        cells->setData(r.cells, kSortRole);
        auto* wins = textItem(QString::number(r.wins));
        wins->setData(r.wins, kSortRole);
        m_summaryModel->appendRow({textItem(r.variant), cells, scoreItem(r.mean),
                                   scoreItem(r.median), scoreItem(r.min), scoreItem(r.max), wins});
    }
    // Wins compare variants: with one variant every cell is a "win" and says nothing.
    m_summaryView->setColumnHidden(kWinsColumn, summary.variants.size() < 2);
    m_cellView->resizeColumnsToContents();
    m_summaryView->resizeColumnsToContents();
}

bool EvaluationView::saveTsv(const QString& file, QString* error) const
{
    QFile f(file);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Text | QIODevice::Truncate)) {
        *error = QStringLiteral("%1: %2").arg(file, f.errorString());
        return false;
    }
    QTextStream out(&f);
    out << "cell";
    for (const QString& v : m_summary.variants)
        out << '\t' << v;
    out << '\n';
    for (int c = 0; c < m_summary.cells.size(); ++c) {
        out << m_summary.cells.at(c);
        for (int v = 0; v < m_summary.variants.size(); ++v)
            out << '\t' << fmt(m_summary.score(c, v));
        out << '\n';
    }
    out << "\nvariant\tcells\tmean\tmedian\tmin\tmax\twins\n";
    for (const CellSummary::Row& r : m_summary.rows)
        out << r.variant << '\t' << r.cells << '\t' << fmt(r.mean) << '\t' << fmt(r.median) << '\t'
            << fmt(r.min) << '\t' << fmt(r.max) << '\t' << r.wins << '\n';
    out.flush();
    if (f.error() != QFileDevice::NoError) {
        *error = QStringLiteral("%1: %2").arg(file, f.errorString());
        return false;
    }
    return true;
}

void EvaluationView::exportDialog()
{
    const QString file = QFileDialog::getSaveFileName(this, QStringLiteral("Export AUROC table"),
                                                      QStringLiteral("auroc-table.tsv"),
                                                      QStringLiteral("TSV (*.tsv)"));
    if (file.isEmpty())
        return;
    QString err;
    if (!saveTsv(file, &err))
        QMessageBox::critical(this, QStringLiteral("Export"), err);
}

} // namespace ac
