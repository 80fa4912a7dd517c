// The validation view (issue 5): its table shows exactly the CLI's agreement.tsv cells
// (Validator::tableRow, which tst_validator checks against the CLI's file for a trained run),
// and the gene overlay reports that gene's correlation.
#include "ValidationView.h"

#include "QcpInclude.h"

#include <QApplication>
#include <QComboBox>
#include <QTableWidget>
#include <QTest>
#include <cmath>

using namespace ac;

namespace
{

ValidationReport smallReport()
{
    ValidationReport r;
    r.runId = QStringLiteral("run");
    r.track = QStringLiteral("H3K27ac");
    r.markNames = QStringList{QStringLiteral("A"), QStringLiteral("H3K4me3")};
    r.genes = {0, 1, 2};
    r.geneIds = QStringList{QStringLiteral("G1"), QStringLiteral("G2"), QStringLiteral("G3")};
    r.geneSymbols = QStringList{QStringLiteral("ONE"), QString(), QStringLiteral("THREE")};
    AgreementInput& in = r.input;
    in.markNames = r.markNames;
    in.binCount = 4;
    in.p = {0.9f, 0.7f, 0.1f};
    in.track = {0, 1, 2, 3, 3, 2, 1, 0, 1, 1, 2, 2};
    MapSeries alpha;
    alpha.key = QStringLiteral("alpha");
    alpha.name = QStringLiteral("alpha");
    alpha.markCount = 2;
    alpha.binCount = 4;
    alpha.values = {0.1f, 0.2f, 0.3f, 0.4f, 0.4f,  0.3f,  0.2f,  0.1f,  0.1f, 0.2f, 0.3f, 0.4f,
                    0.4f, 0.1f, 0.4f, 0.1f, 0.25f, 0.25f, 0.25f, 0.25f, 0.1f, 0.1f, 0.4f, 0.4f};
    MapSeries saliency = alpha;
    saliency.key = QStringLiteral("saliency");
    saliency.name = QStringLiteral("saliency");
    in.maps = {alpha, saliency};
    r.agreement = Agreement::compute(in);
    return r;
}

} // namespace

class TestValidationView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tableIsTheCliTable();
    void geneOverlayShowsItsCorrelation();
    void emptyReportDrawsWithoutWarnings();
    void barLegendBesideTheBars();
};

void TestValidationView::tableIsTheCliTable()
{
    ValidationView view;
    const ValidationReport report = smallReport();
    view.setReport(report);
    QTableWidget* t = view.table();
    const QStringList header = Validator::tableHeader();
    QCOMPARE(t->columnCount(), static_cast<int>(header.size()));
    // Issue 14 (cosmetics): words for people on screen, the TSV's column name as tool tip.
    for (int c = 0; c < header.size(); ++c) {
        QVERIFY(!t->horizontalHeaderItem(c)->text().contains(QLatin1Char('_')));
        QCOMPARE(t->horizontalHeaderItem(c)->toolTip(), header[c]);
    }
    QCOMPARE(t->horizontalHeaderItem(5)->text(), QStringLiteral("Skipped missing track"));
    QCOMPARE(t->horizontalHeaderItem(7)->text(), QStringLiteral("Mean Pearson"));
    QCOMPARE(t->rowCount(), static_cast<int>(report.agreement.rows.size()));
    QCOMPARE(t->rowCount(), 2 * 3 * 2); // alpha and saliency × (A, H3K4me3, sum) × ON/OFF
    for (int r = 0; r < t->rowCount(); ++r) {
        const QStringList cells = Validator::tableRow(report.agreement.rows[r]);
        for (int c = 0; c < cells.size(); ++c)
            QCOMPARE(t->item(r, c)->text(), cells[c]);
    }
    QCOMPARE(view.mark(), QStringLiteral("H3K4me3")); // the promoter mark by default
    QVERIFY(view.figure()->plottableCount() > 0);
}

void TestValidationView::geneOverlayShowsItsCorrelation()
{
    ValidationView view;
    view.setReport(smallReport());
    QCOMPARE(view.shownGene(), 0);
    view.setMark(QStringLiteral("A"));
    QCOMPARE(view.shownCorrelation(), 1.0); // α of A rises with the track
    view.setMark(QStringLiteral("H3K4me3"));
    QCOMPARE(view.shownCorrelation(), -1.0);
    QCOMPARE(view.genePlot()->graphCount(), 2);
    view.showGene(2);
    QCOMPARE(view.shownGene(), 2);
    QCOMPARE(view.shownCorrelation(), 1.0); // (0.1, 0.1, 0.4, 0.4) vs (1, 1, 2, 2)
    view.setMark(QStringLiteral("A"));
    QVERIFY(std::isnan(view.shownCorrelation())); // constant α: skipped
    view.showGene(7);
    QCOMPARE(view.shownGene(), -1);
}

// Issue 14 (cosmetics): a report replaced by an empty one (another cell's run selected) drew
// profiles of 0 values on 100 keys: "keys and values have different sizes: 100 0" on stderr.
void TestValidationView::emptyReportDrawsWithoutWarnings()
{
    QTest::failOnWarning(QRegularExpression(QStringLiteral("different sizes")));
    ValidationView view;
    view.setReport(smallReport());
    view.setReport(ValidationReport());
    QCOMPARE(view.figure()->graphCount(), 0);
}

// Issue 14 (cosmetics): the correlation bars' legend has a row of its own below the bars.
void TestValidationView::barLegendBesideTheBars()
{
    ValidationView view;
    view.setReport(smallReport());
    QCPLayoutGrid* layout = view.figure()->plotLayout();
    QCOMPARE(layout->rowCount(), 5);
    auto* bars = qobject_cast<QCPAxisRect*>(layout->element(3, 0));
    QVERIFY(bars);
    QCOMPARE(bars->insetLayout()->elementCount(), 0);
    auto* legend = qobject_cast<QCPLegend*>(layout->element(4, 0));
    QVERIFY(legend);
    QCOMPARE(legend->itemCount(), 2);
}

QTEST_MAIN(TestValidationView)
#include "tst_validationview.moc"
