// Compare view: one gene in several cell types on one shared α colour scale, and the ON/OFF
// averages of a run (AttentionAverages) drawn as the paper's aggregate views.
#include "AttentionAverages.h"
#include "CompareView.h"
#include "PlotPalette.h"
#include "QcpInclude.h"
#include "domain/RunResults.h"

#include <QMouseEvent>
#include <QSignalSpy>
#include <QtTest>

using namespace ac;

namespace
{

GeneViewData column(const QString& cell, float alphaScale, float p)
{
    GeneViewData d;
    d.cell = cell;
    d.gene.remcId = QStringLiteral("000003");
    d.gene.symbol = QStringLiteral("TSPAN6");
    d.alpha.resize(500);
    for (std::size_t i = 0; i < d.alpha.size(); ++i)
        d.alpha[i] = alphaScale * float(i % 100) / 99.0f;
    d.beta = {0.1f, 0.2f, 0.3f, 0.2f, 0.2f};
    d.p = p;
    d.label = 1;
    return d;
}

} // namespace

class TestCompareView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sharedColourScale()
    {
        CompareView v;
        v.setAlphaScale(AlphaScale(AlphaScale::Mode::GeneMinMax, 0));
        v.setGenes({column(QStringLiteral("E003"), 0.02f, 0.7f),
                    column(QStringLiteral("E123"), 0.08f, 0.9f),
                    column(QStringLiteral("E116"), 0.05f, 0.2f)});
        QCOMPARE(v.geneColumnCount(), 3);
        for (int c = 0; c < 3; ++c) {
            // Every map uses the same range: the min..max over all compared cell types.
            QCOMPARE(v.geneMap(c)->dataRange().lower, 0.0);
            QVERIFY(qAbs(v.geneMap(c)->dataRange().upper - 0.08) < 1e-6);
            QCOMPARE(v.geneMap(c)->colorScale(), v.geneMap(0)->colorScale());
            QCOMPARE(v.geneBeta(c)->dataCount(), 5);
        }
        // The cell values are the column's own α.
        QVERIFY(qAbs(v.geneMap(1)->data()->cell(99, 2) - 0.08) < 1e-6);
        QVERIFY(qAbs(v.geneMap(0)->data()->cell(99, 2) - 0.02) < 1e-6);
        // Fewer columns rebuild the layout.
        v.setGenes({column(QStringLiteral("E003"), 0.02f, 0.7f),
                    column(QStringLiteral("E123"), 0.04f, 0.9f)});
        QCOMPARE(v.geneColumnCount(), 2);
        QVERIFY(qAbs(v.geneMap(0)->dataRange().upper - 0.04) < 1e-6);
        v.setGenes({});
        QCOMPARE(v.geneColumnCount(), 0);
    }

    // Issue 14, item 2: by default the compared maps share 0 … 5 × uniform, whatever their
    // values, and mark larger ones.
    void defaultScaleIsAnchored()
    {
        CompareView v;
        v.setGenes({column(QStringLiteral("E003"), 0.02f, 0.7f),
                    column(QStringLiteral("E123"), 0.08f, 0.9f)});
        for (int c = 0; c < 2; ++c) {
            QCOMPARE(v.geneMap(c)->dataRange().lower, 0.0);
            QVERIFY(v.geneMap(c)->dataRange().upper > 0.05);
            QVERIFY(v.geneMap(c)->dataRange().upper < 0.06);
        }
        QCPColorMap* m = v.geneMap(1);
        QCOMPARE(QColor(m->gradient().color(0.08, m->dataRange())),
                 PlotPalette::aboveRangeColour());
    }

    // Issue 14 (Compare): a gene absent from the ticked cell types is said to be absent, not
    // "tick two or more cell types".
    void absentGeneIsNamed()
    {
        CompareView v;
        v.setAvailableCells(
            {QStringLiteral("E003"), QStringLiteral("E116"), QStringLiteral("E123")},
            {QStringLiteral("E003"), QStringLiteral("E116"), QStringLiteral("E123")});
        v.setGenes({}, QStringLiteral("FOXP3"));
        QVERIFY2(v.geneLabelText().contains(QStringLiteral("<b>FOXP3</b> is not in the ticked cell "
                                                           "type(s) E003, E116, E123")),
                 qPrintable(v.geneLabelText()));
        QVERIFY(!v.geneLabelText().contains(QStringLiteral("Tick")));
        v.setGenes({column(QStringLiteral("E123"), 0.05f, 0.9f)}, QStringLiteral("TSPAN6"));
        QVERIFY2(
            v.geneLabelText().contains(QStringLiteral("Not in E003, E116: no such gene there")),
            qPrintable(v.geneLabelText()));
        v.setGenes({}, QString());
        QVERIFY(v.geneLabelText().startsWith(QStringLiteral("Select a gene")));
        v.setAvailableCells({QStringLiteral("E003")}, {});
        v.setGenes({}, QStringLiteral("FOXP3"));
        QCOMPARE(v.geneLabelText(), QStringLiteral("Tick the cell types to compare FOXP3 in."));
    }

    // Issue 14 (Compare): hovering a heatmap cell or a β bar says what is there.
    void hoverShowsValues()
    {
        CompareView v;
        v.resize(1000, 700);
        v.setGenes({column(QStringLiteral("E003"), 0.02f, 0.7f),
                    column(QStringLiteral("E123"), 0.08f, 0.9f)});
        v.show();
        QVERIFY(QTest::qWaitForWindowExposed(&v));
        QCustomPlot* plot = v.genePlot();
        plot->replot();
        QCPColorMap* map = v.geneMap(1);
        // Bin 99 (the last), mark 2 (H3K4me1): α = 0.08.
        const QPointF cell(map->keyAxis()->coordToPixel(4950), map->valueAxis()->coordToPixel(2));
        const QString t = v.hoverText(plot, cell);
        QVERIFY2(
            t.startsWith(QStringLiteral("E123 · H3K4me1 · bin 100 (4900 … 5000 bp) · α 0.0800")),
            qPrintable(t));
        QCPBars* beta = v.geneBeta(0);
        const QPointF bar(beta->keyAxis()->coordToPixel(2), beta->valueAxis()->coordToPixel(0.1));
        QCOMPARE(v.hoverText(plot, bar), QStringLiteral("E003 · H3K4me1 · β 0.3000"));
        QVERIFY(v.hoverText(plot, QPointF(1, 1)).isEmpty());
        QSignalSpy hovered(&v, &CompareView::hovered);
        QMouseEvent move(QEvent::MouseMove, cell, plot->mapToGlobal(cell), Qt::NoButton,
                         Qt::NoButton, Qt::NoModifier);
        QCoreApplication::sendEvent(plot, &move);
        QCOMPARE(hovered.count(), 1);
        QCOMPARE(hovered.at(0).at(0).toString(), t);
    }

    // Issue 14 (Compare): every cell type's panels have the same width (the first one carries
    // the mark names but is not narrower for it).
    void equalPanelWidths()
    {
        CompareView v;
        v.resize(1100, 700);
        v.setGenes({column(QStringLiteral("E003"), 0.02f, 0.7f),
                    column(QStringLiteral("E123"), 0.08f, 0.9f),
                    column(QStringLiteral("E116"), 0.05f, 0.2f)});
        v.show();
        QVERIFY(QTest::qWaitForWindowExposed(&v));
        v.genePlot()->replot();
        const int width = v.geneMap(0)->keyAxis()->axisRect()->width();
        QVERIFY(width > 100);
        for (int c = 1; c < 3; ++c) {
            QVERIFY(qAbs(v.geneMap(c)->keyAxis()->axisRect()->width() - width) <= 1);
            QVERIFY(qAbs(v.geneBeta(c)->keyAxis()->axisRect()->width() - width) <= 1);
        }
        v.aggregatePlot()->replot();
        QVERIFY(qAbs(v.aggregateMap(true)->keyAxis()->axisRect()->width() -
                     v.aggregateMap(false)->keyAxis()->axisRect()->width()) <= 1);
    }

    void checkableCells()
    {
        CompareView v;
        v.setAvailableCells({QStringLiteral("A"), QStringLiteral("B"), QStringLiteral("C")},
                            {QStringLiteral("A"), QStringLiteral("C")});
        QCOMPARE(v.checkedCells(), (QStringList{QStringLiteral("A"), QStringLiteral("C")}));
    }

    void onOffAverages()
    {
        RunResults r;
        r.geneCount = 3;
        r.p = {0.9f, 0.1f, 0.8f};
        r.alpha.assign(3 * 500, 0.0f);
        for (int i = 0; i < 500; ++i) {
            r.alpha[std::size_t(i)] = 0.01f;        // gene 0, ON
            r.alpha[std::size_t(500 + i)] = 0.002f; // gene 1, OFF
            r.alpha[std::size_t(1000 + i)] = 0.03f; // gene 2, ON
        }
        r.beta = {0.5f, 0.1f, 0.1f, 0.2f, 0.1f, 0.2f, 0.2f, 0.2f,
                  0.2f, 0.2f, 0.3f, 0.1f, 0.1f, 0.4f, 0.1f};
        const AttentionAverages a = AttentionAverages::compute(r, {1, 0, 1});
        QCOMPARE(a.onCount, 2);
        QCOMPARE(a.offCount, 1);
        QCOMPARE(a.alphaOn.size(), std::size_t(500));
        QVERIFY(qAbs(a.alphaOn[123] - 0.02f) < 1e-7);
        QVERIFY(qAbs(a.alphaOff[7] - 0.002f) < 1e-7);
        QVERIFY(qAbs(a.betaOn[0] - 0.4f) < 1e-6);
        QVERIFY(qAbs(a.betaOn[3] - 0.3f) < 1e-6);
        QVERIFY(qAbs(a.betaOff[0] - 0.2f) < 1e-6);

        CompareView v;
        v.setAggregate(a);
        QVERIFY(qAbs(v.aggregateMap(true)->data()->cell(5, 1) - 0.02) < 1e-6);
        QVERIFY(qAbs(v.aggregateMap(false)->data()->cell(5, 1) - 0.002) < 1e-6);
        QCOMPARE(v.aggregateMap(true)->colorScale(), v.aggregateMap(false)->colorScale());
        QCOMPARE(v.aggregateBeta(true)->dataCount(), 5);
        QCOMPARE(v.aggregateBeta(false)->dataCount(), 5);

        // Labels that do not match the genes: nothing averaged, nothing drawn wrongly.
        const AttentionAverages bad = AttentionAverages::compute(r, {1, 0});
        QVERIFY(bad.alphaOn.empty());
        QVERIFY(bad.betaOff.empty());
        v.setAggregate(bad);
        QCOMPARE(v.aggregateBeta(true)->dataCount(), 0);
    }
};

QTEST_MAIN(TestCompareView)
#include "tst_compareview.moc"
