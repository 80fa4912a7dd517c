// Tests of GeneHeatmap (issue 15): sort orders, groups and k-means clusters of the all-genes
// heatmap on a simulated cell with planted structure, and its deepTools computeMatrix file.
#include "HeatmapFixture.h"
#include "data/Gunzip.h"
#include "interpret/ComputeMatrixFile.h"
#include "interpret/GeneHeatmap.h"
#include "interpret/KMeans.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <numeric>

using namespace ac;

namespace
{

constexpr int kGenes = 600;
constexpr int kMark = 3; // H3K4me3
using testing::Planted;

Planted plantedCell()
{
    return testing::plantedCell(kGenes);
}

GeneHeatmap built(const Planted& p, bool withTrack = true)
{
    GeneHeatmap h;
    QString error;
    const bool ok = GeneHeatmap::build(p.sim.cell, p.results,
                                       withTrack ? p.sim.h3k27ac : TrackData(), kMark, &h, &error);
    if (!ok)
        qFatal("%s", qPrintable(error));
    return h;
}

HeatmapLayout laidOut(const GeneHeatmap& h, const HeatmapOptions& o)
{
    HeatmapLayout l;
    QString error;
    if (!h.layout(o, &l, &error))
        qFatal("%s", qPrintable(error));
    return l;
}

int peakBin(const std::vector<float>& profile)
{
    return int(std::max_element(profile.begin(), profile.end()) - profile.begin());
}

} // namespace

class TestGeneHeatmap : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void panelsFollowTheCell();
    void sortsByPHigh();
    void sortsByTssAlpha();
    void sortsByTrackWithMissingLast();
    void kMeansRecoversPlantedGroups();
    void kMeansIsDeterministic();
    void clustersMoreThanPlanted();
    void layoutUsesKeptClusters();
    void groupsByLabelPredictionAndList();
    void rejectsWhatItCannotDo();
    void kMeansKeepsEveryClusterFilled();
    void writesComputeMatrix();
};

void TestGeneHeatmap::panelsFollowTheCell()
{
    const Planted p = plantedCell();
    const GeneHeatmap h = built(p);
    QCOMPARE(h.geneCount(), kGenes);
    QCOMPARE(h.tssBin(), 50);
    QCOMPARE(int(h.panels().size()), 3);
    QCOMPARE(h.alphaPanel(), 0);
    QCOMPARE(h.trackPanel(), 2);
    QCOMPARE(h.panels()[1].name, QStringLiteral("H3K4me3"));
    // Gene 7, bin 42: α from results (gene, mark, bin), signal from X (gene, bin, mark).
    QCOMPARE(h.panels()[0].values[7 * 100 + 42], p.results.alpha[(7 * 5 + kMark) * 100 + 42]);
    QCOMPARE(h.panels()[1].values[7 * 100 + 42], p.sim.cell.values[(7 * 100 + 42) * 5 + kMark]);
    QCOMPARE(h.panels()[2].values[7 * 100 + 42], p.sim.h3k27ac.values[7 * 100 + 42]);
    QCOMPARE(built(p, false).trackPanel(), -1);
}

void TestGeneHeatmap::sortsByPHigh()
{
    const Planted p = plantedCell();
    const HeatmapLayout l = laidOut(built(p), HeatmapOptions());
    QCOMPARE(int(l.groups.size()), 1);
    QCOMPARE(l.rowCount(), kGenes);
    // p = ((g · 7919) mod n) / n: the top row is the gene with residue n − 1, and so on down.
    const std::vector<int> order = l.order();
    for (int row = 0; row < kGenes; ++row)
        QCOMPARE((order[std::size_t(row)] * 7919) % kGenes, kGenes - 1 - row);
    QCOMPARE(peakBin(l.groups[0].meanProfiles[0]) / 10, 2); // two thirds peak at bin 25
}

void TestGeneHeatmap::sortsByTssAlpha()
{
    const Planted p = plantedCell();
    HeatmapOptions o;
    o.sort = HeatmapSort::TssAlpha;
    const std::vector<int> order = laidOut(built(p), o).order();
    const int bCount = int(std::count(p.groupB.begin(), p.groupB.end(), true));
    QVERIFY(bCount > 150 && bCount < 250);
    for (int row = 0; row < kGenes; ++row)
        QCOMPARE(bool(p.groupB[std::size_t(order[std::size_t(row)])]), row < bCount);
    const std::vector<float> keys = built(p).sortKeys(HeatmapSort::TssAlpha, 5);
    for (int row = 1; row < kGenes; ++row)
        QVERIFY(keys[std::size_t(order[std::size_t(row - 1)])] >=
                keys[std::size_t(order[std::size_t(row)])]);
}

void TestGeneHeatmap::sortsByTrackWithMissingLast()
{
    Planted p = plantedCell();
    for (int g : {3, 100, 599}) // genes without track data go to the bottom, in the cell's order
        std::fill_n(p.sim.h3k27ac.values.begin() + g * 100, 100,
                    std::numeric_limits<float>::quiet_NaN());
    const GeneHeatmap h = built(p);
    HeatmapOptions o;
    o.sort = HeatmapSort::TrackMean;
    o.tssBins = 10;
    const std::vector<int> order = laidOut(h, o).order();
    QCOMPARE(std::vector<int>(order.end() - 3, order.end()), (std::vector<int>{3, 100, 599}));
    const std::vector<float> keys = h.sortKeys(HeatmapSort::TrackMean, 10);
    double mean = 0;
    for (int b = 40; b < 60; ++b)
        mean += p.sim.h3k27ac.values[std::size_t(order[0]) * 100 + b];
    QCOMPARE(keys[std::size_t(order[0])], float(mean / 20));
    for (int row = 1; row < kGenes - 3; ++row)
        QVERIFY(keys[std::size_t(order[std::size_t(row - 1)])] >=
                keys[std::size_t(order[std::size_t(row)])]);
    // The simulator's H3K27ac peaks at active promoters: the top rows are mostly labelled high.
    int high = 0;
    for (int row = 0; row < 100; ++row)
        high += p.sim.cell.labels[std::size_t(order[std::size_t(row)])];
    QVERIFY2(high > 80, qPrintable(QString::number(high)));
}

void TestGeneHeatmap::kMeansRecoversPlantedGroups()
{
    const Planted p = plantedCell();
    HeatmapOptions o;
    o.grouping = HeatmapGrouping::Clusters;
    o.clusters = 2;
    const HeatmapLayout l = laidOut(built(p), o);
    QCOMPARE(int(l.groups.size()), 2);
    QCOMPARE(l.groups[0].label, QStringLiteral("cluster 1"));
    // Cluster 1 is the one with more α at the TSS: exactly the planted group B.
    for (int g : l.groups[0].genes)
        QVERIFY(p.groupB[std::size_t(g)]);
    for (int g : l.groups[1].genes)
        QVERIFY(!p.groupB[std::size_t(g)]);
    QCOMPARE(int(l.groups[0].genes.size()),
             int(std::count(p.groupB.begin(), p.groupB.end(), true)));
    QCOMPARE(peakBin(l.groups[0].meanProfiles[0]), 50);
    QCOMPARE(peakBin(l.groups[1].meanProfiles[0]), 25);
    // Within a cluster, rows follow the sort key (p by default).
    for (const HeatmapGroup& g : l.groups)
        for (std::size_t i = 1; i < g.genes.size(); ++i)
            QVERIFY(p.results.p[std::size_t(g.genes[i - 1])] >
                    p.results.p[std::size_t(g.genes[i])]);
}

void TestGeneHeatmap::kMeansIsDeterministic()
{
    const Planted p = plantedCell();
    const GeneHeatmap a = built(p), b = built(p);
    QCOMPARE(a.computeClusters(4, 7, 5), b.computeClusters(4, 7, 5));
    QCOMPARE(a.computeClusters(2, 99, 5).size(), std::size_t(kGenes));
    // Another seed starts elsewhere but finds the same two planted groups, numbered the same.
    QCOMPARE(a.computeClusters(2, 99, 5), b.computeClusters(2, 1, 5));
    const std::vector<float>& alpha = a.panels()[0].values;
    const KMeansResult r1 = KMeans::cluster(alpha.data(), kGenes, 100, 3, 11);
    const KMeansResult r2 = KMeans::cluster(alpha.data(), kGenes, 100, 3, 11);
    QCOMPARE(r1.assignment, r2.assignment);
    QCOMPARE(r1.centres, r2.centres);
    QVERIFY(r1.iterations >= 1);
}

void TestGeneHeatmap::clustersMoreThanPlanted()
{
    const Planted p = plantedCell();
    HeatmapOptions o;
    o.grouping = HeatmapGrouping::Clusters;
    o.clusters = 4;
    o.sort = HeatmapSort::TssAlpha;
    const HeatmapLayout l = laidOut(built(p), o);
    QCOMPARE(int(l.groups.size()), 4);
    QCOMPARE(l.rowCount(), kGenes);
    // No cluster mixes the planted groups.
    for (const HeatmapGroup& g : l.groups) {
        const bool first = p.groupB[std::size_t(g.genes.front())];
        for (int gene : g.genes)
            QCOMPARE(bool(p.groupB[std::size_t(gene)]), first);
    }
}

void TestGeneHeatmap::layoutUsesKeptClusters()
{
    // The GUI clusters in a worker and hands the result over with setClusters(); layout() must
    // use exactly those clusters for the same k, seed and window, and compute its own otherwise.
    const Planted p = plantedCell();
    GeneHeatmap h = built(p);
    HeatmapOptions o;
    o.grouping = HeatmapGrouping::Clusters;
    o.clusters = 2;
    QVERIFY(!h.hasClusters(o));
    std::vector<int> kept(kGenes, 1);
    kept[3] = 0; // not what k-means finds: proves the kept clusters are the ones laid out
    h.setClusters(2, o.seed, o.tssBins, kept);
    QVERIFY(h.hasClusters(o));
    HeatmapLayout l = laidOut(h, o);
    QCOMPARE(l.groups[0].genes, std::vector<int>{3});
    QCOMPARE(int(l.groups[1].genes.size()), kGenes - 1);
    o.seed = 2; // another seed: clustered afresh, the planted groups again
    QVERIFY(!h.hasClusters(o));
    l = laidOut(h, o);
    QCOMPARE(int(l.groups[0].genes.size()),
             int(std::count(p.groupB.begin(), p.groupB.end(), true)));
}

void TestGeneHeatmap::groupsByLabelPredictionAndList()
{
    const Planted p = plantedCell();
    const GeneHeatmap h = built(p);
    HeatmapOptions o;
    o.grouping = HeatmapGrouping::TrueLabel;
    HeatmapLayout l = laidOut(h, o);
    QCOMPARE(int(l.groups.size()), 2);
    const int high = std::accumulate(p.sim.cell.labels.begin(), p.sim.cell.labels.end(), 0);
    QCOMPARE(int(l.groups[0].genes.size()), high);
    for (int g : l.groups[0].genes)
        QCOMPARE(int(p.sim.cell.labels[std::size_t(g)]), 1);

    o.grouping = HeatmapGrouping::Prediction;
    l = laidOut(h, o);
    QCOMPARE(l.groups[0].label, QStringLiteral("predicted high"));
    QCOMPARE(int(l.groups[0].genes.size()), kGenes / 2); // p is a permutation of k/n
    for (int g : l.groups[1].genes)
        QVERIFY(p.results.p[std::size_t(g)] < 0.5f);

    o.grouping = HeatmapGrouping::Membership;
    o.membership.assign(kGenes, false);
    for (int g : {10, 20, 30})
        o.membership[std::size_t(g)] = true;
    o.membershipName = QStringLiteral("my genes");
    l = laidOut(h, o);
    QCOMPARE(l.groups[0].label, QStringLiteral("my genes"));
    QCOMPARE(l.groups[1].label, QStringLiteral("not in my genes"));
    std::vector<int> members = l.groups[0].genes;
    std::sort(members.begin(), members.end());
    QCOMPARE(members, (std::vector<int>{10, 20, 30}));
    QCOMPARE(int(l.groups[1].genes.size()), kGenes - 3);
}

void TestGeneHeatmap::rejectsWhatItCannotDo()
{
    Planted p = plantedCell();
    QString error;
    HeatmapLayout l;
    HeatmapOptions o;
    o.grouping = HeatmapGrouping::Membership;
    o.membership.assign(5, true);
    QVERIFY(!built(p).layout(o, &l, &error));
    QVERIFY2(error.contains(QStringLiteral("5 genes")), qPrintable(error));
    o = HeatmapOptions();
    o.grouping = HeatmapGrouping::Clusters;
    o.clusters = 0;
    QVERIFY(!built(p).layout(o, &l, &error));
    o.clusters = 21;
    QVERIFY(!built(p).layout(o, &l, &error));
    o = HeatmapOptions();
    o.sort = HeatmapSort::TrackMean;
    QVERIFY(!built(p, false).layout(o, &l, &error));
    QVERIFY2(error.contains(QStringLiteral("no track")), qPrintable(error));
    o.sort = HeatmapSort::PHigh;
    o.tssBins = 0;
    QVERIFY(!built(p).layout(o, &l, &error));

    GeneHeatmap h;
    QVERIFY(!GeneHeatmap::build(p.sim.cell, p.results, TrackData(), 5, &h, &error));
    p.results.alpha.clear(); // a variant without α: no α panel, no α sort or clusters
    QVERIFY(GeneHeatmap::build(p.sim.cell, p.results, TrackData(), kMark, &h, &error));
    QCOMPARE(h.alphaPanel(), -1);
    o = HeatmapOptions();
    o.sort = HeatmapSort::TssAlpha;
    QVERIFY(!h.layout(o, &l, &error));
    QVERIFY2(error.contains(QStringLiteral("no α")), qPrintable(error));
    p.results.p.pop_back();
    QVERIFY(!GeneHeatmap::build(p.sim.cell, p.results, TrackData(), kMark, &h, &error));
}

void TestGeneHeatmap::kMeansKeepsEveryClusterFilled()
{
    // Five identical rows and one outlier into 3 clusters: no cluster may stay empty.
    std::vector<float> rows(6 * 2, 1.0f);
    rows[10] = rows[11] = 9.0f;
    const KMeansResult r = KMeans::cluster(rows.data(), 6, 2, 3, 1);
    QCOMPARE(r.k, 3);
    for (int s : r.sizes)
        QVERIFY(s >= 1);
    QCOMPARE(std::accumulate(r.sizes.begin(), r.sizes.end(), 0), 6);
    QCOMPARE(KMeans::cluster(rows.data(), 6, 2, 7, 1).k, 0); // k > rows
}

void TestGeneHeatmap::writesComputeMatrix()
{
    const Planted p = plantedCell();
    const GeneHeatmap h = built(p);
    HeatmapOptions o;
    o.grouping = HeatmapGrouping::Clusters;
    o.clusters = 2;
    const HeatmapLayout l = laidOut(h, o);
    QTemporaryDir dir;
    for (const QString& name : {QStringLiteral("m.tab"), QStringLiteral("m.gz")}) {
        const QString path = dir.filePath(name);
        QString error;
        QVERIFY2(ComputeMatrixFile::write(path, h, l, &error), qPrintable(error));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QByteArray text = f.readAll();
        QCOMPARE(isGzip(text), name.endsWith(QLatin1String(".gz")));
        if (isGzip(text))
            QVERIFY(gunzip(QByteArray(text), path, &text, &error));
        const QList<QByteArray> lines = text.split('\n');
        QVERIFY(lines[0].startsWith('@'));
        const QJsonObject header = QJsonDocument::fromJson(lines[0].mid(1)).object();
        QCOMPARE(header.value(QStringLiteral("sample_labels")).toArray().size(), 3);
        // deepTools decodes lines as ASCII: α is escaped in the JSON and read back as α.
        QVERIFY(std::all_of(text.begin(), text.end(), [](char c) { return (c & 0x80) == 0; }));
        QCOMPARE(header.value(QStringLiteral("sample_labels")).toArray()[0].toString(),
                 QStringLiteral("α H3K4me3"));
        QCOMPARE(header.value(QStringLiteral("sample_boundaries")).toArray().last().toInt(), 300);
        QCOMPARE(header.value(QStringLiteral("upstream")).toArray().first().toInt(), 5000);
        QCOMPARE(header.value(QStringLiteral("downstream")).toArray().first().toInt(), 5000);
        QCOMPARE(header.value(QStringLiteral("bin size")).toArray().size(), 3);
        const QJsonArray bounds = header.value(QStringLiteral("group_boundaries")).toArray();
        QCOMPARE(bounds.size(), 3);
        QCOMPARE(bounds[1].toInt(), int(l.groups[0].genes.size()));
        QCOMPARE(bounds[2].toInt(), kGenes);
        QCOMPARE(int(lines.size()), kGenes + 2); // header, rows, and the empty piece after '\n'
        // The first row is the layout's first gene: locus, name, p and its 300 values.
        const QList<QByteArray> row = lines[1].split('\t');
        QCOMPARE(int(row.size()), 6 + 300);
        const GeneRecord& gene = p.sim.cell.genes[std::size_t(l.groups[0].genes[0])];
        QCOMPARE(row[0], gene.chrom.toUtf8());
        QCOMPARE(row[2].toLongLong(), gene.tss);
        QCOMPARE(row[3], (gene.ensemblId.isEmpty() ? gene.remcId : gene.ensemblId).toUtf8());
        QCOMPARE(row[6 + 50].toFloat(),
                 h.panels()[0].values[std::size_t(l.groups[0].genes[0]) * 100 + 50]);
    }
    QString error;
    QVERIFY(
        !ComputeMatrixFile::write(dir.filePath(QStringLiteral("no/such/dir/m.gz")), h, l, &error));
    QVERIFY(error.contains(QStringLiteral("no/such/dir/m.gz")));
}

QTEST_MAIN(TestGeneHeatmap)
#include "tst_geneheatmap.moc"
