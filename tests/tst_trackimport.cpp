// Track import (issue 5): binned CSV, bedGraph and bigWig, both strands, malformed files.
#include "GeneFixture.h"
#include "data/BigWigWriter.h"
#include "data/TrackImporter.h"

#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <sys/stat.h>
#include <zlib.h>

using namespace ac;

namespace
{

using testing::locatedGene;

// G1 plus, G2 minus (both covered), G3 on a chromosome the files lack, G4 without a locus,
// G5 beyond every file's range, G6 plus near the end of the bigWig's chr1 (length 100,000).
std::vector<GeneRecord> genes()
{
    return {locatedGene("G1", "chr1", 10001, '+'),   locatedGene("G2", "chr1", 30001, '-'),
            locatedGene("G3", "chr2", 20001, '+'),   locatedGene("G4", "", 0, '.'),
            locatedGene("G5", "chr1", 1000001, '+'), locatedGene("G6", "chr1", 99001, '+')};
}

struct Interval {
    const char* chrom;
    std::uint32_t start;
    std::uint32_t end;
    float value;
};

// 0-based half-open. G1 (TSS 0-based 10000, window [5000, 15000)): bin 0 = 2, bin 50 = 1
// (one base of 100 at the TSS), bin 99 = 0.5 (50 of 100 bp). G2 minus (window [25001, 35001),
// mirrored): bin 50 = 1 (the TSS base, 0-based 30000), bin 0 = 3 (genomic [34901, 35001)).
const std::vector<Interval> kIntervals = {
    {"chr1", 5000, 5100, 2.0f},     {"chr1", 10000, 10001, 100.0f}, {"chr1", 14950, 15050, 1.0f},
    {"chr1", 30000, 30001, 100.0f}, {"chr1", 34901, 35001, 3.0f},   {"chrUn_gl000220", 0, 50, 9.0f},
};

QString writeText(const QTemporaryDir& dir, const QString& name, const QByteArray& text)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(text);
    return path;
}

QByteArray bedGraphText(bool ensemblNames)
{
    QByteArray text = "track type=bedGraph name=H3K27ac\n";
    for (const Interval& i : kIntervals) {
        QByteArray chrom(i.chrom);
        if (ensemblNames)
            chrom = chrom.mid(3);
        text += chrom + '\t' + QByteArray::number(i.start) + '\t' + QByteArray::number(i.end) +
                '\t' + QByteArray::number(i.value) + '\n';
    }
    return text;
}

bool writeBigWig(const QString& path)
{
    QString error;
    const std::unique_ptr<BigWigWriter> writer = BigWigWriter::create(
        path, {{"chr1", 100000}, {"chr2_unused", 5000}, {"chrUn_gl000220", 1000}}, &error);
    bool ok = writer != nullptr;
    for (const char* chrom : {"chr1", "chrUn_gl000220"}) {
        std::vector<std::uint32_t> s;
        std::vector<std::uint32_t> e;
        std::vector<float> v;
        for (const Interval& i : kIntervals)
            if (qstrcmp(i.chrom, chrom) == 0) {
                s.push_back(i.start);
                e.push_back(i.end);
                v.push_back(i.value);
            }
        ok = ok && writer->add(chrom, s, e, v, &error);
    }
    ok = ok && writer->close(&error);
    if (!ok)
        qWarning("%s", qPrintable(error));
    return ok;
}

float at(const TrackData& t, int g, int b)
{
    return t.values[static_cast<std::size_t>(g) * 100 + b];
}

bool rowIsNaN(const TrackData& t, int g)
{
    for (int b = 0; b < 100; ++b)
        if (!std::isnan(at(t, g, b)))
            return false;
    return true;
}

// The expectations shared by bedGraph and bigWig for G1..G5.
void checkPlacedTrack(const TrackData& t)
{
    QCOMPARE(t.values.size(), std::size_t(6 * 100));
    // Plus strand: bin 0 = TSS-5000, bin 50 starts at the TSS, bin 99 ends at TSS+4999.
    QCOMPARE(at(t, 0, 0), 2.0f);
    QCOMPARE(at(t, 0, 50), 1.0f);
    QCOMPARE(at(t, 0, 99), 0.5f);
    QCOMPARE(at(t, 0, 1), 0.0f);
    QCOMPARE(at(t, 0, 49), 0.0f);
    // Minus strand, flipped: bin 0 = genomic TSS+5000, bin 50 ends at the TSS.
    QCOMPARE(at(t, 1, 0), 3.0f);
    QCOMPARE(at(t, 1, 50), 1.0f);
    QCOMPARE(at(t, 1, 99), 0.0f);
    QCOMPARE(at(t, 1, 49), 0.0f);
    QCOMPARE(at(t, 1, 51), 0.0f);
    double sum = 0;
    for (int b = 0; b < 100; ++b)
        sum += at(t, 1, b);
    QCOMPARE(sum, 4.0);
    // Missing, not zero.
    QVERIFY(rowIsNaN(t, 2));
    QVERIFY(rowIsNaN(t, 3));
    QVERIFY(rowIsNaN(t, 4));
}

bool anyWarningContains(const TrackImportResult& r, const QString& text)
{
    for (const QString& w : r.warnings)
        if (w.contains(text))
            return true;
    return false;
}

} // namespace

class TestTrackImport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void formatKeys();
    void normalisesChromosomes();
    void bedGraphBothStrands();
    void bedGraphEnsemblChromosomeNames();
    void bedGraphGzip();
    void bedGraphMalformed_data();
    void bedGraphMalformed();
    void bigWigBothStrands();
    void bigWigUnreadable();
    void binnedCsv();
    void binnedCsvMalformed_data();
    void binnedCsvMalformed();
};

void TestTrackImport::formatKeys()
{
    TrackFormat f;
    QVERIFY(parseTrackFormat(QStringLiteral("bigWig"), &f));
    QCOMPARE(f, TrackFormat::BigWig);
    QVERIFY(parseTrackFormat(QStringLiteral("bedgraph"), &f));
    QCOMPARE(f, TrackFormat::BedGraph);
    QVERIFY(parseTrackFormat(QStringLiteral("csv"), &f));
    QCOMPARE(f, TrackFormat::BinnedCsv);
    QVERIFY(!parseTrackFormat(QStringLiteral("bam"), &f));
}

void TestTrackImport::normalisesChromosomes()
{
    QCOMPARE(TrackImporter::normalizedChromosome(QStringLiteral("chr1")), QStringLiteral("1"));
    QCOMPARE(TrackImporter::normalizedChromosome(QStringLiteral("1")), QStringLiteral("1"));
    QCOMPARE(TrackImporter::normalizedChromosome(QStringLiteral("chrx")), QStringLiteral("X"));
    QCOMPARE(TrackImporter::normalizedChromosome(QStringLiteral("MT")), QStringLiteral("M"));
    QCOMPARE(TrackImporter::normalizedChromosome(QStringLiteral("chrM")), QStringLiteral("M"));
}

void TestTrackImport::bedGraphBothStrands()
{
    QTemporaryDir dir;
    const QString path = writeText(dir, QStringLiteral("h3k27ac.bedGraph"), bedGraphText(false));
    TrackImporter importer(genes());
    importer.setTrackName(QStringLiteral("H3K27ac"));
    const TrackImportResult r = importer.importBedGraph(path);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.track.name, QStringLiteral("H3K27ac"));
    QCOMPARE(r.track.binCount, 100);
    checkPlacedTrack(r.track);
    // G6's window [94000, 104000) lies beyond the last interval's end (35001): missing.
    QVERIFY(rowIsNaN(r.track, 5));
    QCOMPARE(r.missingGenes, 4);
    QVERIFY(anyWarningContains(r, QStringLiteral("chrUn_gl000220")));
    QVERIFY(anyWarningContains(r, QStringLiteral("no locus")));
    QVERIFY(!anyWarningContains(r, QStringLiteral("normalising")));
}

void TestTrackImport::bedGraphGzip()
{
    // A gzip-compressed bedGraph (as GEO serves them) gives the same track as the plain file;
    // a truncated one is an error naming the file.
    QTemporaryDir dir;
    const QByteArray text = bedGraphText(false);
    const QString plain = writeText(dir, QStringLiteral("ac.bedGraph"), text);
    const QString packed = dir.filePath(QStringLiteral("ac.bedGraph.gz"));
    gzFile gz = gzopen(QFile::encodeName(packed).constData(), "wb");
    QVERIFY(gz);
    QCOMPARE(gzwrite(gz, text.constData(), unsigned(text.size())), int(text.size()));
    QCOMPARE(gzclose(gz), Z_OK);
    const TrackImportResult a = TrackImporter(genes()).importBedGraph(plain);
    const TrackImportResult b = TrackImporter(genes()).importBedGraph(packed);
    QVERIFY2(b.ok, qPrintable(b.error));
    QCOMPARE(b.missingGenes, a.missingGenes);
    QCOMPARE(b.track.values.size(), a.track.values.size());
    for (std::size_t i = 0; i < a.track.values.size(); ++i)
        QVERIFY(a.track.values[i] == b.track.values[i] ||
                (std::isnan(a.track.values[i]) && std::isnan(b.track.values[i])));

    QFile f(packed);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray bytes = f.readAll();
    f.close();
    const QString cut =
        writeText(dir, QStringLiteral("cut.bedGraph.gz"), bytes.left(bytes.size() / 2));
    const TrackImportResult c = TrackImporter(genes()).importBedGraph(cut);
    QVERIFY(!c.ok);
    QVERIFY2(c.error.startsWith(QStringLiteral("cut.bedGraph.gz")), qPrintable(c.error));
}

void TestTrackImport::bedGraphEnsemblChromosomeNames()
{
    QTemporaryDir dir;
    const QString path = writeText(dir, QStringLiteral("ensembl.bedGraph"), bedGraphText(true));
    const TrackImportResult r = TrackImporter(genes()).importBedGraph(path);
    QVERIFY2(r.ok, qPrintable(r.error));
    checkPlacedTrack(r.track);
    QVERIFY(anyWarningContains(r, QStringLiteral("normalising")));
}

void TestTrackImport::bedGraphMalformed_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("message");
    QTest::newRow("overlap") << QByteArray(
                                    "chr1\t0\t100\t1\nchr1\t200\t300\t1\nchr1\t250\t400\t2\n")
                             << QStringLiteral("bad.bedGraph:3: interval chr1:250-400 overlaps the "
                                               "previous interval chr1:200-300");
    QTest::newRow("unsorted") << QByteArray("chr1\t500\t600\t1\nchr1\t100\t200\t1\n")
                              << QStringLiteral("bad.bedGraph:2: intervals are not sorted");
    QTest::newRow("chromosome twice")
        << QByteArray("chr1\t0\t10\t1\nchr2\t0\t10\t1\nchr1\t50\t60\t1\n")
        << QStringLiteral("bad.bedGraph:3: chromosome 'chr1' appears again");
    QTest::newRow("chr1 then 1") << QByteArray("chr1\t0\t10\t1\n1\t50\t60\t1\n")
                                 << QStringLiteral("bad.bedGraph:2: chromosome '1' appears again");
    QTest::newRow("fields") << QByteArray("# comment\nchr1\t0\t10\n")
                            << QStringLiteral("bad.bedGraph:2: expected 4 fields");
    QTest::newRow("end before start")
        << QByteArray("chr1\t100\t50\t1\n")
        << QStringLiteral("bad.bedGraph:1: end 50 is not after start 100");
    QTest::newRow("negative") << QByteArray("chr1\t-5\t50\t1\n")
                              << QStringLiteral(
                                     "bad.bedGraph:1: start and end must be non-negative");
    QTest::newRow("value") << QByteArray("chr1\t0\t50\tabc\n")
                           << QStringLiteral("bad.bedGraph:1: value 'abc' is not a finite number");
    // Issue 13, finding 5: values a 32-bit float cannot hold were stored as +-inf.
    QTest::newRow("1e39") << QByteArray("chr1\t0\t50\t1\nchr1\t50\t60\t1e39\n")
                          << QStringLiteral(
                                 "bad.bedGraph:2: value '1e39' does not fit a 32-bit float");
    QTest::newRow("-1e39") << QByteArray("chr1\t0\t50\t-1e39\n")
                           << QStringLiteral(
                                  "bad.bedGraph:1: value '-1e39' does not fit a 32-bit float");
    QTest::newRow("inf") << QByteArray("chr1\t0\t50\tinf\n")
                         << QStringLiteral("bad.bedGraph:1: value 'inf' is not a finite number");
    QTest::newRow("unknown chromosomes")
        << QByteArray("scaffold_1\t0\t50\t1\nscaffold_2\t0\t50\t1\n")
        << QStringLiteral("bad.bedGraph: none of its chromosomes ('scaffold_1', 'scaffold_2') is a "
                          "chromosome of the genes' annotation");
    QTest::newRow("empty") << QByteArray("track type=bedGraph\n")
                           << QStringLiteral("bad.bedGraph: no intervals");
    // Issue 13, finding 12: a stray CR (or an escape sequence) quoted in an error garbled the
    // terminal; it is shown escaped.
    QTest::newRow("stray CR") << QByteArray("chr1\t0\t50\t1\r2\x1b[2J\n")
                              << QStringLiteral("bad.bedGraph:1: value '1\\r2\\x1b[2J' is not a "
                                                "finite number");
}

void TestTrackImport::bedGraphMalformed()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, message);
    QTemporaryDir dir;
    const QString path = writeText(dir, QStringLiteral("bad.bedGraph"), text);
    const TrackImportResult r = TrackImporter(genes()).importBedGraph(path);
    QVERIFY(!r.ok);
    QVERIFY2(r.error.startsWith(message), qPrintable(r.error));
    QVERIFY(r.track.values.empty());
}

void TestTrackImport::bigWigBothStrands()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("h3k27ac.bw"));
    QVERIFY(writeBigWig(path));
    const TrackImportResult r = TrackImporter(genes()).importBigWig(path);
    QVERIFY2(r.ok, qPrintable(r.error));
    checkPlacedTrack(r.track);
    // G6: window [94000, 104000) on a chromosome of length 100,000 with data: bins up to 59
    // are inside (no signal: 0), bins from 60 on lie beyond the chromosome end (NaN).
    QCOMPARE(at(r.track, 5, 0), 0.0f);
    QCOMPARE(at(r.track, 5, 59), 0.0f);
    QVERIFY(std::isnan(at(r.track, 5, 60)));
    QVERIFY(std::isnan(at(r.track, 5, 99)));
    QCOMPARE(r.missingGenes, 3);
}

void TestTrackImport::bigWigUnreadable()
{
    QTemporaryDir dir;
    const QString text = writeText(dir, QStringLiteral("fake.bw"), bedGraphText(false));
    TrackImportResult r = TrackImporter(genes()).importBigWig(text);
    QVERIFY(!r.ok);
    QCOMPARE(r.error, QStringLiteral("fake.bw: not a bigWig file (it does not start with the "
                                     "bigWig signature)"));
    const QString absent = dir.filePath(QStringLiteral("absent.bw"));
    r = TrackImporter(genes()).importBigWig(absent);
    QVERIFY(!r.ok);
    QCOMPARE(r.error, absent + QStringLiteral(": no such file"));
    // Issue 13, finding 12: a FIFO and /dev/zero are named as what they are, without blocking.
    const QString fifo = dir.filePath(QStringLiteral("pipe.bw"));
    QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    r = TrackImporter(genes()).importBigWig(fifo);
    QCOMPARE(r.error, fifo + QStringLiteral(": a named pipe (FIFO), not a regular file"));
    r = TrackImporter(genes()).importBedGraph(QStringLiteral("/dev/zero"));
    QCOMPARE(r.error, QStringLiteral("/dev/zero: a device, not a regular file"));
}

void TestTrackImport::binnedCsv()
{
    QTemporaryDir dir;
    // A header, G1 bins 1 and 100, the minus-strand G2 bin 1 (taken as oriented already),
    // an id that is not a gene of the cell.
    const QString path = writeText(dir, QStringLiteral("track.csv"),
                                   "GeneID,BinID,H3K27ac\nG1,1,5\nG1,100,7.5\nG2,1,3\nX9,1,1\n");
    const TrackImportResult r = TrackImporter(genes()).importFile(TrackFormat::BinnedCsv, path);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(at(r.track, 0, 0), 5.0f);
    QCOMPARE(at(r.track, 0, 99), 7.5f);
    QVERIFY(std::isnan(at(r.track, 0, 50)));
    QCOMPARE(at(r.track, 1, 0), 3.0f);
    QVERIFY(rowIsNaN(r.track, 2));
    QCOMPARE(r.missingGenes, 4);
    QVERIFY(anyWarningContains(r, QStringLiteral("'X9'")));
}

void TestTrackImport::binnedCsvMalformed_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("message");
    QTest::newRow("fields") << QByteArray("G1,1,5\nG1,2\n")
                            << QStringLiteral("bad.csv:2: expected 3 comma-separated fields");
    QTest::newRow("bin 0") << QByteArray("G1,0,5\n")
                           << QStringLiteral("bad.csv:1: BinID '0' is not an integer in 1..100");
    QTest::newRow("bin 101") << QByteArray("G1,1,5\nG1,101,5\n")
                             << QStringLiteral(
                                    "bad.csv:2: BinID '101' is not an integer in 1..100");
    QTest::newRow("duplicate") << QByteArray("G1,1,5\nG1,2,5\nG1,1,6\n")
                               << QStringLiteral("bad.csv:3: gene G1 bin 1 appears twice");
    QTest::newRow("value") << QByteArray("G1,1,nan\n")
                           << QStringLiteral("bad.csv:1: value 'nan' is not a finite number");
    QTest::newRow("1e39") << QByteArray("G1,1,5\nG1,2,1e39\n")
                          << QStringLiteral("bad.csv:2: value '1e39' does not fit a 32-bit float");
    QTest::newRow("-1e39") << QByteArray("G1,1,-1e39\n")
                           << QStringLiteral(
                                  "bad.csv:1: value '-1e39' does not fit a 32-bit float");
    QTest::newRow("3.5e38") << QByteArray("G1,1,3.5e38\n")
                            << QStringLiteral(
                                   "bad.csv:1: value '3.5e38' does not fit a 32-bit float");
    QTest::newRow("unknown genes") << QByteArray("A,1,5\nB,1,5\n")
                                   << QStringLiteral("bad.csv: none of its gene ids ('A', 'B')");
    QTest::newRow("empty") << QByteArray("GeneID,BinID,value\n")
                           << QStringLiteral("bad.csv: no data rows");
}

void TestTrackImport::binnedCsvMalformed()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, message);
    QTemporaryDir dir;
    const QString path = writeText(dir, QStringLiteral("bad.csv"), text);
    const TrackImportResult r = TrackImporter(genes()).importBinnedCsv(path);
    QVERIFY(!r.ok);
    QVERIFY2(r.error.startsWith(message), qPrintable(r.error));
}

QTEST_APPLESS_MAIN(TestTrackImport)
#include "tst_trackimport.moc"
