// Gene view: the heatmap holds the α values cell by cell, β bars, signals, switching genes.
#include "GeneView.h"
#include "QcpInclude.h"

#include <QtTest>

using namespace ac;

namespace
{

GeneViewData makeGene(int seed, bool withTrack = false)
{
    GeneViewData d;
    d.cell = QStringLiteral("E999");
    d.runId = QStringLiteral("run-1");
    d.gene.symbol = QStringLiteral("GENE%1").arg(seed);
    d.gene.ensemblId = QStringLiteral("ENSG%1").arg(seed, 11, 10, QLatin1Char('0'));
    d.gene.chrom = QStringLiteral("chr1");
    d.gene.tss = 100000 + seed;
    d.gene.strand = seed % 2 ? '-' : '+';
    d.values.resize(std::size_t(d.binCount) * d.markCount);
    for (std::size_t i = 0; i < d.values.size(); ++i)
        d.values[i] = float((i * 7 + seed) % 13);
    d.alpha.resize(std::size_t(d.binCount) * d.markCount);
    for (std::size_t i = 0; i < d.alpha.size(); ++i)
        d.alpha[i] = float((i * 31 + seed) % 97) / 1000.0f;
    d.beta = {0.1f, 0.2f, 0.15f, 0.45f, 0.1f};
    d.beta[seed % 5] += 0.05f;
    d.p = seed % 2 ? 0.8f : 0.3f;
    d.label = 1;
    if (withTrack) {
        d.trackName = QStringLiteral("H3K27ac");
        d.track.assign(d.binCount, 2.0f);
    }
    return d;
}

void checkShown(const GeneView& view, const GeneViewData& d)
{
    QCPColorMap* map = view.alphaMap();
    QVERIFY(map);
    QCOMPARE(map->data()->keySize(), d.binCount);
    QCOMPARE(map->data()->valueSize(), d.markCount);
    for (int m = 0; m < d.markCount; ++m)
        for (int b = 0; b < d.binCount; ++b)
            QCOMPARE(float(map->data()->cell(b, m)), d.alphaAt(m, b));
    QCPBars* bars = view.betaBars();
    QVERIFY(bars);
    QCOMPARE(bars->data()->size(), d.markCount);
    for (int m = 0; m < d.markCount; ++m)
        QCOMPARE(float((bars->data()->constBegin() + m)->value), d.beta[m]);
    for (int m = 0; m < d.markCount; ++m) {
        QCPGraph* g = view.signalGraph(m);
        QVERIFY(g);
        QCOMPARE(g->data()->size(), d.binCount);
        QCOMPARE(float((g->data()->constBegin() + 10)->value), d.value(10, m));
        QCOMPARE((g->data()->constBegin() + 10)->key, d.binCentre(10));
    }
}

} // namespace

class TestGeneView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void heatmapHoldsAlpha()
    {
        GeneView view;
        const GeneViewData d = makeGene(1);
        view.setData(d);
        checkShown(view, d);
        QCOMPARE(view.alphaMap()->dataRange().lower, 0.0);
    }

    void switchingGenes()
    {
        GeneView view;
        view.resize(900, 900);
        view.show();
        for (int s = 0; s < 5; ++s) {
            const GeneViewData d = makeGene(s);
            view.setData(d);
            checkShown(view, d);
        }
        // A track appears and disappears with the data.
        view.setData(makeGene(7, true));
        QVERIFY(view.trackGraph());
        QCOMPARE(view.trackGraph()->data()->size(), 100);
        view.setData(makeGene(8));
        QVERIFY(!view.trackGraph());
        checkShown(view, makeGene(8));
    }

    void fixedRangeSharedAcrossGenes()
    {
        GeneView view;
        view.setRange(GeneView::RangeMode::Fixed, 0.0, 0.2);
        view.setData(makeGene(3));
        QCOMPARE(view.alphaMap()->dataRange().upper, 0.2);
        view.setData(makeGene(4));
        QCOMPARE(view.alphaMap()->dataRange().upper, 0.2);
        view.setRange(GeneView::RangeMode::AutoPerGene);
        QVERIFY(view.alphaMap()->dataRange().upper < 0.1);
    }

    void linkedXAxis()
    {
        GeneView view;
        view.setData(makeGene(2));
        view.setXRange(-1000, 1000);
        QCOMPARE(view.signalGraph(4)->keyAxis()->range().lower, -1000.0);
        QCOMPARE(view.alphaMap()->keyAxis()->range().upper, 1000.0);
    }

    void hoverDescribesBin()
    {
        GeneView view;
        GeneViewData d = makeGene(2); // '+' strand, TSS 100002
        view.setData(d);
        const QString t = view.describe(-4950);
        QVERIFY(t.startsWith(QStringLiteral("bin 1 (-5000")));
        QVERIFY(t.contains(QStringLiteral("chr1:95002-95101")));
        QVERIFY(t.contains(QStringLiteral("α")));
        QVERIFY(view.describe(6000).isEmpty());
    }

    void badSizesDoNotCrash()
    {
        GeneView view;
        GeneViewData d = makeGene(1);
        d.alpha.resize(3);
        d.values.clear();
        d.beta.clear();
        view.setData(d);
        QCOMPARE(view.betaBars()->data()->size(), 0);
        QVERIFY(std::isnan(view.alphaMap()->data()->cell(0, 0)));
    }
};

QTEST_MAIN(TestGeneView)
#include "tst_geneview.moc"
