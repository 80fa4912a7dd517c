#include "ValidationView.h"

#include "ClassOptimumFigure.h"
#include "PlotPalette.h"
#include "QcpInclude.h"
#include "ValidationFigure.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>
#include <cmath>
#include <limits>

namespace ac
{

namespace
{

// A column of the CLI's agreement.tsv in words: "mean_pearson" → "Mean Pearson".
QString displayHeader(const QString& column)
{
    QString s = column;
    s.replace(QLatin1Char('_'), QLatin1Char(' '));
    s.replace(QStringLiteral("pearson"), QStringLiteral("Pearson"));
    s.replace(QStringLiteral("spearman"), QStringLiteral("Spearman"));
    if (!s.isEmpty())
        s[0] = s[0].toUpper();
    return s;
}

} // namespace

ValidationView::ValidationView(QWidget* parent) : QWidget(parent)
{
    m_table = new QTableWidget(this);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->setVisible(false);
    m_markBox = new QComboBox(this);
    m_geneBox = new QComboBox(this);
    m_geneBox->setEditable(true);
    m_geneBox->setInsertPolicy(QComboBox::NoInsert);
    m_geneLabel = new QLabel(this);
    m_figure = new QCustomPlot(this);
    m_genePlot = new QCustomPlot(this);
    m_figure->setMinimumHeight(320);
    m_genePlot->setMinimumHeight(200);
    m_classPlot = new QCustomPlot(this);
    m_classPlot->setMinimumHeight(220);
    m_interpretation = new QLabel(this);
    m_interpretation->setWordWrap(true);
    m_interpretation->setTextFormat(Qt::RichText);
    m_interpretation->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // The agreement table shows a header and six rows at least, never a single cut-off row (the
    // tab scrolls instead: ValidationTab).
    m_table->setMinimumHeight(m_table->horizontalHeader()->sizeHint().height() +
                              7 * m_table->verticalHeader()->defaultSectionSize());

    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Mark:"), this));
    controls->addWidget(m_markBox);
    controls->addSpacing(16);
    controls->addWidget(new QLabel(tr("Gene:"), this));
    controls->addWidget(m_geneBox, 1);
    controls->addWidget(m_geneLabel, 2);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_table);
    splitter->addWidget(m_figure);
    splitter->addWidget(m_genePlot);
    splitter->addWidget(m_classPlot);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_interpretation);
    layout->addWidget(splitter, 1);

    connect(m_markBox, &QComboBox::currentTextChanged, this, [this](const QString&) {
        refreshFigure();
        showGene(m_gene);
    });
    connect(m_geneBox, &QComboBox::currentIndexChanged, this, &ValidationView::showGene);
}

ValidationView::~ValidationView() = default;

void ValidationView::setReport(const ValidationReport& report)
{
    m_report = report;
    const QStringList header = Validator::tableHeader();
    const std::vector<AgreementRow>& rows = m_report.agreement.rows;
    m_table->clear();
    m_table->setColumnCount(static_cast<int>(header.size()));
    for (int c = 0; c < header.size(); ++c) {
        auto* item = new QTableWidgetItem(displayHeader(header[c]));
        item->setToolTip(header[c]);
        m_table->setHorizontalHeaderItem(c, item);
    }
    m_table->setRowCount(static_cast<int>(rows.size()));
    for (int r = 0; r < static_cast<int>(rows.size()); ++r) {
        const QStringList cells = Validator::tableRow(rows[r]);
        for (int c = 0; c < cells.size(); ++c)
            m_table->setItem(r, c, new QTableWidgetItem(cells[c]));
    }
    m_table->resizeColumnsToContents();

    const QSignalBlocker markBlock(m_markBox);
    const QSignalBlocker geneBlock(m_geneBox);
    const QString previousMark = m_markBox->currentText();
    m_markBox->clear();
    m_markBox->addItems(m_report.markNames + QStringList{QStringLiteral("sum")});
    const int promoter = static_cast<int>(m_report.markNames.indexOf(QStringLiteral("H3K4me3")));
    const int markIndex = static_cast<int>(m_markBox->findText(previousMark));
    m_markBox->setCurrentIndex(markIndex >= 0 ? markIndex : std::max(0, promoter));
    m_geneBox->clear();
    for (int g = 0; g < static_cast<int>(m_report.genes.size()); ++g) {
        const QString symbol = m_report.geneSymbols.value(g);
        m_geneBox->addItem(symbol.isEmpty()
                               ? m_report.geneIds.value(g)
                               : QStringLiteral("%1 (%2)").arg(symbol, m_report.geneIds.value(g)));
    }
    refreshFigure();
    showInterpretation();
    m_gene = -1;
    showGene(m_report.genes.empty() ? -1 : 0);
}

void ValidationView::setMark(const QString& mark)
{
    const int i = static_cast<int>(m_markBox->findText(mark));
    if (i >= 0)
        m_markBox->setCurrentIndex(i);
}

QString ValidationView::mark() const
{
    return m_markBox->currentText();
}

void ValidationView::refreshFigure()
{
    ValidationFigure::draw(m_figure, m_report.agreement, m_report.track, mark());
}

void ValidationView::showInterpretation()
{
    ClassOptimumFigure::draw(m_classPlot, m_report.classOptima, m_report.markNames);
    m_classPlot->setVisible(!m_report.classOptima.empty());
    QStringList lines; // rich text
    for (const ClassOptimum& o : m_report.classOptima)
        lines << QStringLiteral("Class optimisation %1: %2")
                     .arg(o.className(), o.summary())
                     .toHtmlEscaped();
    const IgCompleteness& c = m_report.completeness;
    if (!c.isEmpty()) {
        lines << c.summary().toHtmlEscaped();
        if (const QString warning = c.warning(); !warning.isEmpty())
            lines
                << QStringLiteral("<b style=\"color:#b00000\">%1</b>").arg(warning.toHtmlEscaped());
    }
    m_interpretation->setText(lines.join(QStringLiteral("<br>")));
    m_interpretation->setVisible(!lines.isEmpty());
}

void ValidationView::showGene(int index)
{
    m_genePlot->clearGraphs();
    m_correlation = std::numeric_limits<double>::quiet_NaN();
    const AgreementInput& in = m_report.input;
    const int T = in.binCount;
    if (index < 0 || index >= static_cast<int>(m_report.genes.size()) ||
        in.track.size() < static_cast<std::size_t>(index + 1) * T) {
        m_gene = -1;
        m_geneLabel->clear();
        m_genePlot->replot();
        return;
    }
    m_gene = index;
    if (m_geneBox->currentIndex() != index) {
        const QSignalBlocker block(m_geneBox);
        m_geneBox->setCurrentIndex(index);
    }
    const MapSeries* alpha = nullptr;
    for (const MapSeries& m : in.maps)
        if (m.key == QLatin1String("alpha"))
            alpha = &m;
    const QString markName = mark();
    const int markIndex = static_cast<int>(m_report.markNames.indexOf(markName));
    QVector<double> x;
    QVector<double> track;
    QVector<double> a;
    for (int b = 0; b < T; ++b) {
        x << -5000.0 + (b + 0.5) * 10000.0 / T;
        track << in.track[static_cast<std::size_t>(index) * T + b];
        if (alpha && alpha->binCount == T) {
            const float* v =
                alpha->values.data() + static_cast<std::size_t>(index) * alpha->markCount * T;
            double s = 0;
            if (markIndex >= 0)
                s = v[markIndex * T + b];
            else
                for (int m = 0; m < alpha->markCount; ++m)
                    s += v[m * T + b];
            a << s;
        }
    }
    for (const AgreementSeries& s : m_report.agreement.series)
        if (s.map == QLatin1String("alpha") && s.mark == markName)
            m_correlation = s.pearson[static_cast<std::size_t>(index)];

    m_genePlot->yAxis2->setVisible(true);
    QCPGraph* t = m_genePlot->addGraph(m_genePlot->xAxis, m_genePlot->yAxis);
    t->setData(x, track, true);
    t->setPen(QPen(Qt::black, 2));
    t->setName(m_report.track);
    m_genePlot->yAxis->setLabel(m_report.track);
    if (!a.isEmpty()) {
        QCPGraph* g = m_genePlot->addGraph(m_genePlot->xAxis, m_genePlot->yAxis2);
        g->setData(x, a, true);
        g->setPen(QPen(PlotPalette::seriesColour(0), 2));
        g->setName(QStringLiteral("\u03b1 %1").arg(markName));
        m_genePlot->yAxis2->setLabel(g->name());
        g->rescaleValueAxis();
    }
    t->rescaleValueAxis();
    m_genePlot->xAxis->setRange(-5000, 5000);
    m_genePlot->xAxis->setLabel(QStringLiteral("position relative to TSS (bp)"));
    m_genePlot->legend->setVisible(true);
    m_genePlot->replot();
    const float p = in.p.size() > static_cast<std::size_t>(index) ? in.p[index] : 0.0f;
    m_geneLabel->setText(
        QStringLiteral("p(high) %1, %2; Pearson r(\u03b1 %3, %4) = %5")
            .arg(p, 0, 'f', 3)
            .arg(p >= 0.5f ? QStringLiteral("ON") : QStringLiteral("OFF"))
            .arg(markName, m_report.track, Validator::formatNumber(m_correlation)));
}

} // namespace ac
