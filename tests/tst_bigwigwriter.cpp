// BigWigWriter (issue 5: bigWig fixtures and bench track): what it writes reads back through
// TrackImporter; intervals libBigWig refuses are errors naming the file and chromosome.
#include "data/BigWigWriter.h"
#include "data/TrackImporter.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace ac;

class TestBigWigWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void writesWhatTheImporterReads()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("t.bw"));
        QString error;
        auto writer = BigWigWriter::create(path, {{"chr7", 50000}}, &error);
        QVERIFY2(writer, qPrintable(error));
        // Two add() calls for one chromosome: the second appends.
        QVERIFY2(writer->add("chr7", {10000, 10100}, {10100, 10200}, {4.0f, 2.0f}, &error),
                 qPrintable(error));
        QVERIFY2(writer->add("chr7", {10200}, {10250}, {8.0f}, &error), qPrintable(error));
        QVERIFY2(writer->close(&error), qPrintable(error));
        QVERIFY(QFileInfo(path).size() > 0);

        GeneRecord g;
        g.remcId = QStringLiteral("G1");
        g.chrom = QStringLiteral("chr7");
        g.tss = 15001; // 1-based: the window starts at 0-based 10000
        g.strand = '+';
        const TrackImportResult r = TrackImporter({g}).importBigWig(path);
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.track.values[0], 4.0f);
        QCOMPARE(r.track.values[1], 2.0f);
        QCOMPARE(r.track.values[2], 4.0f); // 50 bp of 8, 50 bp without data (0)
        QCOMPARE(r.track.values[3], 0.0f);
    }

    void refusesBadInput()
    {
        QTemporaryDir dir;
        QString error;
        QVERIFY(!BigWigWriter::create(dir.filePath(QStringLiteral("none.bw")), {}, &error));
        QVERIFY2(error.contains(QStringLiteral("none.bw")), qPrintable(error));

        auto writer =
            BigWigWriter::create(dir.filePath(QStringLiteral("bad.bw")), {{"chr1", 1000}}, &error);
        QVERIFY2(writer, qPrintable(error));
        QVERIFY(!writer->add("chr1", {0, 10}, {10}, {1.0f, 2.0f}, &error));
        QVERIFY2(error.contains(QStringLiteral("bad.bw: chr1")), qPrintable(error));
        error.clear();
        QVERIFY(!writer->add("chr1", {500, 100}, {600, 200}, {1.0f, 2.0f}, &error));
        QVERIFY2(error.contains(QStringLiteral("bad.bw: chr1:100-200")) &&
                     error.contains(QStringLiteral("unsorted")),
                 qPrintable(error));
        QVERIFY(writer->add("chr1", {0}, {100}, {1.0f}, &error));
        QVERIFY(!writer->add("chr1", {50}, {150}, {1.0f}, &error)); // overlaps the last add()
        QVERIFY2(error.contains(QStringLiteral("chr1:50-150")), qPrintable(error));
        QVERIFY(!writer->add("chr1", {900}, {1100}, {1.0f}, &error));
        QVERIFY2(error.contains(QStringLiteral("length 1000")), qPrintable(error));
        QVERIFY(!writer->add("chr1", {300}, {300}, {1.0f}, &error));
        QVERIFY2(error.contains(QStringLiteral("end is not after start")), qPrintable(error));
        QVERIFY(!writer->add("chrX", {0}, {10}, {1.0f}, &error));
        QVERIFY2(error.contains(QStringLiteral("bad.bw: chrX: not in the file's chromosome list")),
                 qPrintable(error));
    }

    void unwritableFolder()
    {
        QString error;
        QVERIFY(!BigWigWriter::create(QStringLiteral("/nonexistent-folder/x.bw"), {{"chr1", 10}},
                                      &error));
        QVERIFY2(error.contains(QStringLiteral("/nonexistent-folder/x.bw: cannot create")),
                 qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestBigWigWriter)
#include "tst_bigwigwriter.moc"
