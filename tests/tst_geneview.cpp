// Gene view: the heatmap holds the α values cell by cell, β bars, signals, switching genes, the
// header's click (issue 15).
#include "GeneView.h"
#include "PlotPalette.h"
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

    void fixedScaleSharedAcrossGenes()
    {
        GeneView view;
        view.setAlphaScale(AlphaScale(AlphaScale::Mode::Fixed, 0.2));
        view.setData(makeGene(3));
        const double top = view.alphaMap()->dataRange().upper;
        QVERIFY(top > 0.2); // the band above the fixed range
        view.setData(makeGene(4));
        QCOMPARE(view.alphaMap()->dataRange().upper, top);
        view.setAlphaScale(AlphaScale(AlphaScale::Mode::GeneMinMax, 0));
        QVERIFY(view.alphaMap()->dataRange().upper < 0.1);
    }

    // Issue 14, item 2: near-uniform α (0.0095 … 0.012, uniform 0.01) must not turn into vivid
    // structure by default: its cells stay near the colour of uniform attention, whereas the
    // gene's min – max scale stretches them over the whole gradient.
    void defaultScaleKeepsNearUniformAttentionUniform()
    {
        GeneView view;
        QCOMPARE(view.alphaScale().mode(), AlphaScale::Mode::TimesUniform);
        GeneViewData d = makeGene(1);
        for (std::size_t i = 0; i < d.alpha.size(); ++i)
            d.alpha[i] = i % 2 ? 0.0095f : 0.012f;
        view.setData(d);
        QCPColorMap* map = view.alphaMap();
        const auto colour = [map](double v) { return map->gradient().color(v, map->dataRange()); };
        const auto distance = [](QRgb a, QRgb b) {
            return std::abs(qRed(a) - qRed(b)) + std::abs(qGreen(a) - qGreen(b)) +
                   std::abs(qBlue(a) - qBlue(b));
        };
        const int ends = distance(colour(0.0), colour(0.05));
        QCOMPARE(map->dataRange().lower, 0.0);
        QVERIFY(distance(colour(0.0095), colour(0.012)) < ends / 5);
        QVERIFY(distance(colour(0.0095), colour(0.01)) < ends / 10);
        // The colour bar names the uniform level.
        auto ticker = map->colorScale()->axis()->ticker().dynamicCast<QCPAxisTickerText>();
        QVERIFY(ticker);
        QVERIFY(ticker->ticks().value(0.01).contains(QStringLiteral("uniform")));

        view.setAlphaScale(AlphaScale(AlphaScale::Mode::GeneMinMax, 0));
        QVERIFY(distance(colour(0.0095), colour(0.012)) > ends / 2);
    }

    // Issue 14, item 2: values above a fixed range are marked, not clipped to the top colour.
    void valuesAboveTheRangeAreMarked()
    {
        GeneView view;
        GeneViewData d = makeGene(1);
        d.alpha.assign(d.alpha.size(), 0.01f);
        d.alpha[7] = 0.3f; // 30 × uniform
        view.setData(d);
        QCPColorMap* map = view.alphaMap();
        QCOMPARE(QColor(map->gradient().color(0.3, map->dataRange())),
                 PlotPalette::aboveRangeColour());
        QCOMPARE(QColor(map->gradient().color(0.0499, map->dataRange())) ==
                     PlotPalette::aboveRangeColour(),
                 false);
    }

    // Issue 14, item 2: a signed attribution map is drawn on a diverging map centred at 0.
    void signedAttributionIsDivergingAtZero()
    {
        GeneView view;
        GeneViewData d = makeGene(1);
        d.attributionName = QStringLiteral("Integrated gradients");
        d.attributionSigned = true;
        d.attribution.assign(d.alpha.size(), 0.05f);
        d.attribution[3] = -0.4f;
        view.setData(d);
        QCPColorMap* map = view.attributionMap();
        QVERIFY(map);
        QVERIFY(qAbs(map->dataRange().lower + 0.4) < 1e-6);
        QCOMPARE(map->dataRange().upper, -map->dataRange().lower);
        const QColor zero(map->gradient().color(0.0, map->dataRange()));
        QVERIFY(zero.red() > 240 && zero.green() > 240 && zero.blue() > 240); // white
        QVERIFY(QColor(map->gradient().color(-0.4, map->dataRange())).blue() > 150);
        // Saliency (unsigned) goes from 0 to its largest value.
        d.attributionSigned = false;
        d.attributionName = QStringLiteral("Saliency");
        d.attribution.assign(d.alpha.size(), 0.2f);
        d.attribution[3] = 0.5f;
        view.setData(d);
        QCOMPARE(view.attributionMap()->dataRange().lower, 0.0);
    }

    // Issue 14, item 3: track bins without data are hatched, unlike zero signal, and hover says
    // "no data".
    void missingTrackBinsAreNotZero()
    {
        GeneView view;
        view.resize(900, 1000);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        GeneViewData d = makeGene(2, true);
        for (int b = 20; b < 30; ++b)
            d.track[b] = std::nanf("");
        for (int b = 60; b < 70; ++b)
            d.track[b] = 0.0f;
        view.setData(d);
        QCOMPARE(int(view.noDataRects().size()), 1);
        QVERIFY(view.describe(d.binCentre(25)).contains(QStringLiteral("H3K27ac: no data")));
        QVERIFY(view.describe(d.binCentre(65)).contains(QStringLiteral("H3K27ac: 0")));

        view.plot()->replot();
        const QImage img = view.plot()->toPixmap().toImage();
        if (qEnvironmentVariableIsSet("AC_KEEP_PNG"))
            img.save(QStringLiteral("/tmp/figs/nan.png"));
        QCPAxisRect* r = view.trackGraph()->keyAxis()->axisRect();
        const auto inkIn = [&](int bin) {
            const int x0 = int(view.trackGraph()->keyAxis()->coordToPixel(d.binCentre(bin) - 20));
            int ink = 0;
            for (int x = x0; x < x0 + 16; ++x)
                for (int y = r->top() + r->height() / 4; y < r->top() + r->height() / 4 + 6; ++y)
                    ink += img.pixelColor(x, y) != QColor(Qt::white);
            return ink;
        };
        QVERIFY(inkIn(25) > 4); // the hatch
        QCOMPARE(inkIn(65), 0); // zero signal: empty above the baseline
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

    void headerClickOffersLinks()
    {
        // Issue 15: a click on the gene's name and locus asks for the link-outs there; a click
        // on a panel does not.
        GeneView view;
        view.resize(900, 900);
        view.show();
        view.setData(makeGene(3));
        view.plot()->replot();
        auto* title = qobject_cast<QCPTextElement*>(view.plot()->plotLayout()->element(0, 0));
        QVERIFY(title);
        QVERIFY(title->text().contains(QStringLiteral("chr1:100003")));
        QSignalSpy clicked(&view, &GeneView::headerClicked);
        QTest::mouseClick(view.plot(), Qt::LeftButton, {}, title->rect().center());
        QCOMPARE(clicked.size(), 1);
        QCOMPARE(clicked.first().first().toPoint(),
                 view.plot()->mapToGlobal(title->rect().center()));
        const QRect alpha = view.alphaMap()->keyAxis()->axisRect()->rect();
        QTest::mouseClick(view.plot(), Qt::LeftButton, {}, alpha.center());
        QCOMPARE(clicked.size(), 1);
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
