// Tests of the Heatmap tab (issue 15): it reads a run's genes in its worker, shows every gene as
// a row, re-sorts and clusters, exports, and a click on a row names that gene (and, in the main
// window, opens it in the Gene tab).
#include "GeneView.h"
#include "HeatmapFigure.h"
#include "HeatmapFixture.h"
#include "HeatmapTab.h"
#include "MainWindow.h"
#include "QcpInclude.h"

#include <QFileInfo>
#include <QLabel>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace ac;

namespace
{

constexpr int kGenes = 500;

/// Pixel position of heatmap row `row` (top = 0) in the first panel of `figure`.
QPoint rowPosition(const HeatmapFigure& figure, int row)
{
    QCPAxisRect* rect = figure.mapRect(0);
    return QPoint(rect->center().x(),
                  int(std::lround(rect->axis(QCPAxis::atLeft)->coordToPixel(row + 0.5))));
}

} // namespace

class TestHeatmapTab : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void showsEveryGeneAndClusters();
    void clickOpensTheGeneInTheMainWindow();
    void exports();

private:
    QTemporaryDir m_dir;
    QString m_study;
    testing::Planted m_planted;
};

void TestHeatmapTab::initTestCase()
{
    m_planted = testing::plantedCell(kGenes);
    m_study = m_dir.filePath(QStringLiteral("heatmap.h5"));
    const QString error = testing::writePlantedStudy(m_study, m_planted, QStringLiteral("r1"));
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void TestHeatmapTab::showsEveryGeneAndClusters()
{
    HeatmapTab tab;
    tab.resize(1200, 800);
    QSignalSpy loaded(&tab, &HeatmapTab::loaded);
    tab.setContext(m_study, QStringLiteral("SimCell1"), QStringLiteral("r1"));
    QVERIFY(!tab.isLoading()); // hidden: nothing is read yet
    tab.show();
    QVERIFY(QTest::qWaitForWindowExposed(&tab));
    QVERIFY(loaded.count() == 1 || loaded.wait(20000));
    QCOMPARE(loaded.first().first().toString(), QString());
    QVERIFY(tab.heatmap());
    QCOMPARE(tab.heatmap()->markName(), QStringLiteral("H3K4me3"));
    QCOMPARE(int(tab.heatmap()->panels().size()), 3); // α, signal, H3K27ac
    const std::vector<int>& order = tab.figure()->order();
    QCOMPARE(int(order.size()), kGenes);
    QVERIFY(tab.figure()->imageRows() > 100 && tab.figure()->imageRows() <= kGenes);
    QCOMPARE((order[0] * 7919) % kGenes, kGenes - 1); // sorted by p(high): the highest on top
    QVERIFY(tab.statusLabel()->text().contains(QStringLiteral("drawn in")));
    // The α colour bar lies under its panel: the uniform tick's words stack on two lines so
    // they do not run into the round ticks beside it.
    auto* alphaMap = qobject_cast<QCPColorMap*>(tab.figure()->mapRect(0)->plottables().value(0));
    QVERIFY(alphaMap && alphaMap->colorScale());
    auto ticker = alphaMap->colorScale()->axis()->ticker().dynamicCast<QCPAxisTickerText>();
    QVERIFY(ticker);
    QCOMPARE(ticker->ticks().value(0.01), QStringLiteral("0.01\nuniform"));

    // A click on a row names the gene of that row.
    QSignalSpy activated(&tab, &HeatmapTab::geneActivated);
    QTest::mouseClick(tab.plot(), Qt::LeftButton, {}, rowPosition(*tab.figure(), 123));
    QCOMPARE(activated.count(), 1);
    QCOMPARE(activated.first().first().toInt(), order[123]);

    // k-means with k = 2 finds the planted groups: cluster 1 (α at the TSS) is group B. It runs
    // in the worker: the tab keeps the picture it has and says what it computes meanwhile.
    QSignalSpy redrawn(&tab, &HeatmapTab::redrawn);
    tab.setGrouping(HeatmapGrouping::Clusters, 2);
    QVERIFY(tab.isClustering());
    QCOMPARE(redrawn.count(), 0);
    QVERIFY(tab.statusLabel()->text().contains(QStringLiteral("k-means")));
    QCOMPARE(int(tab.layout().groups.size()), 1); // the previous layout, still shown
    QVERIFY(redrawn.wait(20000));
    QVERIFY(!tab.isClustering());
    QCOMPARE(int(tab.layout().groups.size()), 2);
    for (int g : tab.layout().groups[0].genes)
        QVERIFY(m_planted.groupB[std::size_t(g)]);
    for (int g : tab.layout().groups[1].genes)
        QVERIFY(!m_planted.groupB[std::size_t(g)]);
    QCOMPARE(tab.figure()->order(), tab.layout().order());

    // Sorted by α near the TSS without groups: group B first.
    // k = 3 while clustering runs: the k chosen last is the one drawn, once computed.
    tab.setGrouping(HeatmapGrouping::Clusters, 3);
    tab.setGrouping(HeatmapGrouping::Clusters, 4);
    QTRY_VERIFY_WITH_TIMEOUT(!tab.isClustering() && tab.layout().groups.size() == 4, 20000);
    // Back to k = 2: kept from before, drawn at once.
    tab.setGrouping(HeatmapGrouping::Clusters, 2);
    QVERIFY(!tab.isClustering());
    QCOMPARE(int(tab.layout().groups.size()), 2);

    tab.setGrouping(HeatmapGrouping::None);
    tab.setSort(HeatmapSort::TssAlpha);
    QVERIFY(m_planted.groupB[std::size_t(tab.figure()->order()[0])]);
    QVERIFY(!m_planted.groupB[std::size_t(tab.figure()->order()[kGenes - 1])]);

    // A gene list given as a membership mask groups its genes first.
    std::vector<bool> members(kGenes, false);
    members[7] = members[9] = true;
    tab.setGeneList(QStringLiteral("two genes"), members);
    tab.setGrouping(HeatmapGrouping::Membership);
    QCOMPARE(tab.layout().groups[0].label, QStringLiteral("two genes"));
    QCOMPARE(int(tab.layout().groups[0].genes.size()), 2);

    // Another mark rebuilds the panels on the same order rules.
    tab.setMark(0);
    QCOMPARE(tab.heatmap()->markName(), QStringLiteral("H3K27me3"));
    QCOMPARE(int(tab.figure()->order().size()), kGenes);
}

void TestHeatmapTab::clickOpensTheGeneInTheMainWindow()
{
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(w.openStudy(m_study, false));
    QCOMPARE(w.currentRun(), QStringLiteral("r1"));
    QSignalSpy loaded(w.heatmapTab(), &HeatmapTab::loaded);
    w.tabs()->setCurrentWidget(w.heatmapTab());
    QVERIFY(loaded.count() == 1 || loaded.wait(20000));
    QCOMPARE(loaded.first().first().toString(), QString());
    const int gene = w.heatmapTab()->figure()->order()[40];
    QTest::mouseClick(w.heatmapTab()->plot(), Qt::LeftButton, {},
                      rowPosition(*w.heatmapTab()->figure(), 40));
    QCOMPARE(w.currentGene(), gene);
    QCOMPARE(w.tabs()->currentWidget(), static_cast<QWidget*>(w.geneView()));
}

void TestHeatmapTab::exports()
{
    HeatmapTab tab;
    tab.resize(1000, 700);
    QSignalSpy loaded(&tab, &HeatmapTab::loaded);
    tab.setContext(m_study, QStringLiteral("SimCell1"), QStringLiteral("r1"));
    tab.show();
    QVERIFY(loaded.count() == 1 || loaded.wait(20000));
    QString error;
    for (const QString& format :
         {QStringLiteral("png"), QStringLiteral("svg"), QStringLiteral("pdf")}) {
        const QString file = m_dir.filePath(QStringLiteral("heatmap.") + format);
        QVERIFY2(tab.saveFigure(format, file, 150, &error), qPrintable(error));
        QVERIFY(QFileInfo(file).size() > 1000);
    }
    const QString matrix = m_dir.filePath(QStringLiteral("heatmap.gz"));
    QVERIFY2(tab.saveMatrix(matrix, &error), qPrintable(error));
    QVERIFY(QFileInfo(matrix).size() > 1000);
    QVERIFY(!tab.saveFigure(QStringLiteral("bmp"), m_dir.filePath(QStringLiteral("x.bmp")), 150,
                            &error));
}

QTEST_MAIN(TestHeatmapTab)
#include "tst_heatmaptab.moc"
