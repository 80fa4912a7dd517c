// GenomeTrackWriter (issue 15, attention as genome tracks): bedGraph and bigWig written from
// per-gene bins read back through the track import code path with the same values on both
// strands; the placement of each strand; the nearest-TSS rule for overlapping windows; NaN bins,
// clipping, genes left out, and failures that leave no file behind.
#include "GeneFixture.h"
#include "data/BigWigFile.h"
#include "data/GenomeTrackWriter.h"
#include "data/TrackImporter.h"
#include "domain/GenomeAssembly.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <limits>

using namespace ac;
using testing::locatedGene;
using Interval = GenomeTrackWriter::Interval;

namespace
{

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

// Far apart (no overlap): G1 plus and G2 minus on chr1, G3 minus on chrX, G4 without a locus.
std::vector<GeneRecord> separateGenes()
{
    return {locatedGene("G1", "chr1", 20001, '+'), locatedGene("G2", "chr1", 60001, '-'),
            locatedGene("G3", "chrX", 30001, '-'), locatedGene("G4", "", 0, '.')};
}

// Distinct, not round, values: gene g bin b = g + b/128 + 1/3 (NaN for gene 3).
std::vector<float> distinctValues(int genes)
{
    std::vector<float> v(static_cast<std::size_t>(genes) * 100);
    for (int g = 0; g < genes; ++g)
        for (int b = 0; b < 100; ++b)
            v[static_cast<std::size_t>(g) * 100 + b] =
                g == 3 ? kNaN : float(g) + float(b) / 128.0f + 1.0f / 3.0f;
    return v;
}

const GenomeTrackWriter::Chromosome* chromosome(const std::vector<GenomeTrackWriter::Chromosome>& c,
                                                const char* name)
{
    for (const auto& x : c)
        if (x.name == QLatin1String(name))
            return &x;
    return nullptr;
}

/// The interval of `c` holding 0-based base `x`, or nullptr.
const Interval* at(const GenomeTrackWriter::Chromosome& c, std::int64_t x)
{
    for (const Interval& i : c.intervals)
        if (i.start <= x && x < i.end)
            return &i;
    return nullptr;
}

} // namespace

class TestGenomeTrackWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void placesBothStrands();
    void roundTrip_data();
    void roundTrip();
    void overlapGoesToNearestTss();
    void equalTssGoesToEarlierGene();
    void nanBinsAndClipping();
    void bigWigHeaderIsTheAssembly();
    void failuresLeaveNoFile();
};

void TestGenomeTrackWriter::placesBothStrands()
{
    const GenomeTrackWriter writer(separateGenes(), QString());
    QCOMPARE(writer.assembly(), QStringLiteral("hg19"));
    QStringList warnings;
    const auto chroms = writer.place(distinctValues(4), &warnings);
    QCOMPARE(chroms.size(), GenomeAssembly::chromosomeLengths(QStringLiteral("hg19")).size());
    const auto* chr1 = chromosome(chroms, "chr1");
    QVERIFY(chr1);
    // G1 plus, TSS 20001 (0-based 20000): bin 0 = 0-based [15000, 15100), bin 50 starts at the
    // TSS base, bin 99 = [24900, 25000).
    QCOMPARE(at(*chr1, 15000)->value, 0.0f + 0.0f / 128 + 1.0f / 3);
    QCOMPARE(at(*chr1, 14999), nullptr);
    QCOMPARE(at(*chr1, 20000)->value, 0.0f + 50.0f / 128 + 1.0f / 3);
    QCOMPARE(at(*chr1, 19999)->value, 0.0f + 49.0f / 128 + 1.0f / 3);
    QCOMPARE(at(*chr1, 24999)->value, 0.0f + 99.0f / 128 + 1.0f / 3);
    QCOMPARE(at(*chr1, 25000), nullptr);
    // G2 minus, TSS 60001 (0-based 60000), mirrored: bin 0 = [64901, 65001), bin 50 = the 100 bp
    // ending at the TSS base [59901, 60001), bin 99 = [55001, 55101).
    QCOMPARE(at(*chr1, 64901)->value, 1.0f + 0.0f / 128 + 1.0f / 3);
    QCOMPARE(at(*chr1, 65000)->value, 1.0f + 0.0f / 128 + 1.0f / 3);
    QCOMPARE(at(*chr1, 64900)->value, 1.0f + 1.0f / 128 + 1.0f / 3);
    QCOMPARE(at(*chr1, 65001), nullptr);
    QCOMPARE(at(*chr1, 60000)->value, 1.0f + 50.0f / 128 + 1.0f / 3);
    QCOMPARE(at(*chr1, 59901)->value, 1.0f + 50.0f / 128 + 1.0f / 3);
    QCOMPARE(at(*chr1, 59900)->value, 1.0f + 51.0f / 128 + 1.0f / 3);
    QCOMPARE(at(*chr1, 55001)->value, 1.0f + 99.0f / 128 + 1.0f / 3);
    QCOMPARE(at(*chr1, 55000), nullptr);
    QCOMPARE(chr1->intervals.size(), std::size_t(200));
    QCOMPARE(chromosome(chroms, "chrX")->intervals.size(), std::size_t(100));
    QCOMPARE(warnings.size(), 1);
    QVERIFY(warnings.first().contains(QStringLiteral("1 genes have no locus")));
}

void TestGenomeTrackWriter::roundTrip_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("format");
    QTest::newRow("bigWig") << QStringLiteral("alpha.bw") << int(TrackFormat::BigWig);
    QTest::newRow("bedGraph") << QStringLiteral("alpha.bedGraph") << int(TrackFormat::BedGraph);
}

void TestGenomeTrackWriter::roundTrip()
{
    // Export, then import the file as a validation track: the same values on both strands.
    QFETCH(QString, file);
    QFETCH(int, format);
    QTemporaryDir dir;
    const QString path = dir.filePath(file);
    const std::vector<float> values = distinctValues(4);
    const GenomeTrackWriter writer(separateGenes(), QStringLiteral("hg19"));
    QStringList warnings;
    QString error;
    QVERIFY2(writer.write(path, values, QStringLiteral("E1 run alpha-sum"),
                          QStringLiteral("α summed"), &warnings, &error),
             qPrintable(error));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{file}); // no temporary left
    const TrackImportResult r =
        TrackImporter(separateGenes()).importFile(TrackFormat(format), path);
    QVERIFY2(r.ok, qPrintable(r.error));
    for (int g = 0; g < 3; ++g)
        for (int b = 0; b < 100; ++b)
            QCOMPARE(r.track.values[std::size_t(g) * 100 + b], values[std::size_t(g) * 100 + b]);
    for (int b = 0; b < 100; ++b)
        QVERIFY(std::isnan(r.track.values[300 + std::size_t(b)]));
}

void TestGenomeTrackWriter::overlapGoesToNearestTss()
{
    // A plus (TSS 0-based 100000) and B minus (0-based 104000): windows [95000, 105000) and
    // [99001, 109001) overlap. Bases up to the midpoint 102000 (a tie: the smaller TSS) are A's.
    const std::vector<GeneRecord> genes = {locatedGene("A", "chr1", 100001, '+'),
                                           locatedGene("B", "chr1", 104001, '-')};
    std::vector<float> values(200, 1.0f);
    std::fill(values.begin() + 100, values.end(), 2.0f);
    QStringList warnings;
    const auto chroms = GenomeTrackWriter(genes, QString()).place(values, &warnings);
    const auto* chr1 = chromosome(chroms, "chr1");
    QCOMPARE(chr1->intervals.size(), std::size_t(2));
    QCOMPARE(chr1->intervals[0].start, std::int64_t(95000));
    QCOMPARE(chr1->intervals[0].end, std::int64_t(102001));
    QCOMPARE(chr1->intervals[0].value, 1.0f);
    QCOMPARE(chr1->intervals[1].start, std::int64_t(102001));
    QCOMPARE(chr1->intervals[1].end, std::int64_t(109001));
    QCOMPARE(chr1->intervals[1].value, 2.0f);
    QVERIFY(warnings.isEmpty());

    // Three genes: the middle one C (0-based 101000) wins between the midpoints with A and B,
    // though B's window covers that stretch too.
    const std::vector<GeneRecord> three = {genes[0], genes[1],
                                           locatedGene("C", "chr1", 101001, '+')};
    values.resize(300, 3.0f);
    const auto c3 = GenomeTrackWriter(three, QString()).place(values, &warnings);
    const auto* chr = chromosome(c3, "chr1");
    QCOMPARE(at(*chr, 100500)->value, 1.0f);
    QCOMPARE(at(*chr, 100501)->value, 3.0f);
    QCOMPARE(at(*chr, 102500)->value, 3.0f);
    QCOMPARE(at(*chr, 102501)->value, 2.0f);
}

void TestGenomeTrackWriter::equalTssGoesToEarlierGene()
{
    // Two genes at one TSS on opposite strands (a bidirectional promoter): the first in the list
    // takes every base both windows cover.
    const std::vector<GeneRecord> genes = {locatedGene("P", "chr2", 50001, '-'),
                                           locatedGene("Q", "chr2", 50001, '+')};
    std::vector<float> values(200, 5.0f);
    std::fill(values.begin() + 100, values.end(), 7.0f);
    QStringList warnings;
    const auto chroms = GenomeTrackWriter(genes, QString()).place(values, &warnings);
    const auto* chr2 = chromosome(chroms, "chr2");
    // Q (plus) covers [45000, 55000), P (minus) [45001, 55001): only 45000 is Q's alone.
    QCOMPARE(chr2->intervals.size(), std::size_t(2));
    QCOMPARE(at(*chr2, 45000)->value, 7.0f);
    QCOMPARE(at(*chr2, 45001)->value, 5.0f);
    QCOMPARE(chr2->intervals[1].end, std::int64_t(55001));
}

void TestGenomeTrackWriter::nanBinsAndClipping()
{
    // G1 near chr1's start (window clipped at 0), G2 on a contig hg19 does not list.
    const std::vector<GeneRecord> genes = {locatedGene("G1", "chr1", 1001, '+'),
                                           locatedGene("G2", "chrUn_gl000220", 20001, '+')};
    std::vector<float> values(200, 4.0f);
    values[60] = kNaN; // G1 bin 60 = 0-based [2000, 2100)
    QStringList warnings;
    const auto chroms = GenomeTrackWriter(genes, QString()).place(values, &warnings);
    const auto* chr1 = chromosome(chroms, "chr1");
    QCOMPARE(chr1->intervals.size(), std::size_t(2));
    QCOMPARE(chr1->intervals[0].start, std::int64_t(0));
    QCOMPARE(chr1->intervals[0].end, std::int64_t(2000));
    QCOMPARE(chr1->intervals[1].start, std::int64_t(2100));
    QCOMPARE(chr1->intervals[1].end, std::int64_t(6000));
    QCOMPARE(warnings.size(), 1);
    QVERIFY(warnings.first().contains(QStringLiteral("chrUn_gl000220")));
}

void TestGenomeTrackWriter::bigWigHeaderIsTheAssembly()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("t.bigWig"));
    QStringList warnings;
    QString error;
    QVERIFY(GenomeTrackWriter(separateGenes(), QStringLiteral("hg38"))
                .write(path, distinctValues(4), QStringLiteral("t"), QString(), &warnings, &error));
    BigWigFile file;
    QVERIFY2(file.open(path, &error), qPrintable(error));
    const auto& expected = GenomeAssembly::chromosomeLengths(QStringLiteral("hg38"));
    QCOMPARE(file.chromosomes().size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        QCOMPARE(QString::fromLatin1(file.chromosomes()[i].name), expected[i].name);
        QCOMPARE(std::int64_t(file.chromosomes()[i].length), expected[i].length);
    }
}

void TestGenomeTrackWriter::failuresLeaveNoFile()
{
    QTemporaryDir dir;
    const GenomeTrackWriter writer(separateGenes(), QString());
    QStringList warnings;
    QString error;
    const std::vector<float> values = distinctValues(4);
    QVERIFY(
        !writer.write(dir.filePath(QStringLiteral("t.wig")), values, {}, {}, &warnings, &error));
    QVERIFY(error.contains(QStringLiteral("t.wig: unknown track format")));
    QVERIFY(!writer.write(dir.filePath(QStringLiteral("t.bedGraph.gz")), values, {}, {}, &warnings,
                          &error));
    QVERIFY(!writer.write(dir.filePath(QStringLiteral("t.bw")), std::vector<float>(7), {}, {},
                          &warnings, &error));
    QVERIFY(error.contains(QStringLiteral("7 values for 4 genes")));
    QVERIFY(!GenomeTrackWriter(separateGenes(), QStringLiteral("mm10"))
                 .write(dir.filePath(QStringLiteral("t.bw")), values, {}, {}, &warnings, &error));
    QVERIFY(error.contains(QStringLiteral("mm10")));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList());
    for (const char* name : {"missing/t.bw", "missing/t.bedGraph"}) {
        QVERIFY(!writer.write(dir.filePath(QString::fromLatin1(name)), values, {}, {}, &warnings,
                              &error));
        QVERIFY2(error.contains(QStringLiteral("missing/t.")), qPrintable(error));
    }
}

QTEST_GUILESS_MAIN(TestGenomeTrackWriter)
#include "tst_genometrackwriter.moc"
