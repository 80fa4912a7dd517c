// importTrack (core/jobs/TrackImportJob), the job behind `import-track` and File → Import track
// (issue #5): genes are placed by their stored loci, completed from the bundled hg19 table or
// overridden by a user's table; a malformed file is named with its line; a failed or cancelled
// import leaves the study byte-for-byte unchanged.
#include "FileDigest.h"
#include "data/BigWigWriter.h"
#include "data/GeneAnnotation.h"
#include "jobs/TrackImportJob.h"
#include "store/StudyEditor.h"
#include "store/StudyFile.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace ac;

namespace
{

const QString kCell = QStringLiteral("E900");

GeneRecord gene(const QString& remcId, const QString& chrom, std::int64_t tss, char strand)
{
    GeneRecord g;
    g.remcId = remcId;
    g.ensemblId = GeneAnnotation::ensemblFromRemcId(remcId);
    g.chrom = chrom;
    g.tss = tss;
    g.strand = strand;
    return g;
}

bool writeFile(const QString& path, const QByteArray& data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

// One base of `value` at the 1-based position `tss`, and zero-valued bases 100 kb around it so
// that the file's range on the chromosome covers the gene's window.
QByteArray peakAt(const QString& chrom, std::int64_t tss, int value)
{
    return QStringLiteral("%1\t%2\t%3\t0\n%1\t%4\t%5\t%6\n%1\t%7\t%8\t0\n")
        .arg(chrom)
        .arg(tss - 100001)
        .arg(tss - 100000)
        .arg(tss - 1)
        .arg(tss)
        .arg(value)
        .arg(tss + 100000)
        .arg(tss + 100001)
        .toUtf8();
}

float bin(const TrackData& t, int gene, int b)
{
    return t.values[std::size_t(gene) * 100 + b];
}

} // namespace

class TestTrackImportJob : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void placesByStoredLociAndBundledTable();
    void customAnnotationOverridesStoredLoci();
    void binnedCsvNeedsNoLoci();
    void errorNamesFileAndLineAndLeavesStudyUnchanged();
    void damagedBigWigKeepsExistingTrack();
    void cancelLeavesStudyUnchanged();
    void unknownCellIsNamed();
    void formatFromFileName();

private:
    TrackImportRequest request(const QString& file) const;
    bool readTrack(const QString& name, TrackData* out);

    QTemporaryDir m_dir;
    QString m_study;
    GeneRecord m_tspan6; // gene 0's locus in the bundled hg19 table
    QString m_bundledSource;
};

void TestTrackImportJob::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QString error;
    GeneAnnotation hg19;
    QVERIFY2(hg19.loadBundled(&error), qPrintable(error));
    const GeneRecord* tspan6 = hg19.findEnsembl(QStringLiteral("ENSG00000000003"));
    QVERIFY(tspan6 && !tspan6->chrom.isEmpty() && tspan6->tss > 100001);
    m_tspan6 = *tspan6;
    m_bundledSource = hg19.source();

    // Gene 0: no stored locus (the bundled table knows it); genes 1 and 2: stored loci on chr1,
    // ids no table knows.
    CellData cell;
    cell.name = kCell;
    cell.genes = {gene(QStringLiteral("000003"), QString(), 0, '.'),
                  gene(QStringLiteral("900001"), QStringLiteral("chr1"), 200001, '+'),
                  gene(QStringLiteral("900002"), QStringLiteral("chr1"), 400001, '-')};
    cell.values.assign(cell.genes.size() * 100 * 5, 1.0f);
    cell.labels = {1, 0, 1};
    cell.splits = {Split::Train, Split::Valid, Split::Test};
    m_study = m_dir.filePath(QStringLiteral("study.h5"));
    auto editor = StudyEditor::begin(m_study, &error);
    QVERIFY2(editor && editor->writeCell(cell, &error) && editor->commit(&error),
             qPrintable(error));
}

TrackImportRequest TestTrackImportJob::request(const QString& file) const
{
    TrackImportRequest r;
    r.studyPath = m_study;
    r.cell = kCell;
    r.format = TrackFormat::BedGraph;
    r.file = file;
    return r;
}

bool TestTrackImportJob::readTrack(const QString& name, TrackData* out)
{
    QString error;
    auto study = StudyFile::open(m_study, &error);
    if (!study || !study->readTrack(kCell, name, out, &error)) {
        qWarning("%s", qPrintable(error));
        return false;
    }
    return true;
}

void TestTrackImportJob::placesByStoredLociAndBundledTable()
{
    const QString file = m_dir.filePath(QStringLiteral("peaks.bedGraph"));
    // Ensembl naming ("1", "X") on purpose: names are compared after normalising. Gene 1's TSS
    // carries 100, gene 2's (minus strand) 200, gene 0's (placed by the bundled table) 300.
    const QByteArray chr1 = "1\t0\t1\t0\n1\t200000\t200001\t100\n1\t400000\t400001\t200\n"
                            "1\t900000\t900001\t0\n";
    QVERIFY(writeFile(file, chr1 + peakAt(m_tspan6.chrom.mid(3), m_tspan6.tss, 300)));
    TrackImportRequest r = request(file);
    r.trackName = QStringLiteral("Peaks");
    int calls = 0;
    const TrackImportOutcome out = importTrack(r, [&](const Progress&) {
        ++calls;
        return true;
    });
    QVERIFY2(out.ok, qPrintable(out.error));
    QVERIFY(!out.cancelled);
    QVERIFY(calls >= 1); // at least the "writing" step
    QCOMPARE(out.genes, 3);
    QCOMPARE(out.missingGenes, 0);
    QCOMPARE(out.genesPlaced, 1); // gene 0, from the bundled table; 1 and 2 kept their loci
    QCOMPARE(out.annotationSource, m_bundledSource);
    QVERIFY(out.warnings.join(QLatin1Char(' ')).contains(QStringLiteral("normalis")));
    TrackData t;
    QVERIFY(readTrack(QStringLiteral("Peaks"), &t));
    QCOMPARE(t.values.size(), std::size_t(300));
    QCOMPARE(bin(t, 0, 50), 3.0f); // the TSS base is in bin 50 on either strand
    QCOMPARE(bin(t, 1, 50), 1.0f);
    QCOMPARE(bin(t, 1, 49), 0.0f);
    QCOMPARE(bin(t, 2, 50), 2.0f);
    QCOMPARE(bin(t, 2, 51), 0.0f);
}

void TestTrackImportJob::customAnnotationOverridesStoredLoci()
{
    const QString table = m_dir.filePath(QStringLiteral("genes.tsv"));
    // Gene 1 moves to 600001; gene 0 is not in this table and has no stored locus.
    QVERIFY(writeFile(table, "ensembl_id\tsymbol\tchrom\ttss\tstrand\n"
                             "ENSG00000900001\tGENEA\tchr1\t600001\t-\n"));
    const QString file = m_dir.filePath(QStringLiteral("custom.bedGraph"));
    QVERIFY(writeFile(file, "chr1\t0\t1\t0\nchr1\t200000\t200001\t100\n"
                            "chr1\t400000\t400001\t200\nchr1\t600000\t600001\t400\n"
                            "chr1\t900000\t900001\t0\n"));
    TrackImportRequest r = request(file);
    r.trackName = QStringLiteral("Custom");
    r.annotationPath = table;
    const TrackImportOutcome out = importTrack(r);
    QVERIFY2(out.ok, qPrintable(out.error));
    QCOMPARE(out.genesPlaced, 1);
    QCOMPARE(out.annotationSource, table);
    QCOMPARE(out.missingGenes, 1); // gene 0: no locus at all
    TrackData t;
    QVERIFY(readTrack(QStringLiteral("Custom"), &t));
    QVERIFY(std::isnan(bin(t, 0, 50)));
    QCOMPARE(bin(t, 1, 50), 4.0f); // the table's locus, not the stored 200001
    QCOMPARE(bin(t, 2, 50), 2.0f); // not in the table: the stored locus
}

void TestTrackImportJob::binnedCsvNeedsNoLoci()
{
    const QString file = m_dir.filePath(QStringLiteral("binned.csv"));
    QVERIFY(writeFile(file, "000003,1,5\n000003,2,6\n900002,100,7\n"));
    TrackImportRequest r = request(file);
    r.format = TrackFormat::BinnedCsv;
    r.trackName = QStringLiteral("Binned");
    r.annotationPath = m_dir.filePath(QStringLiteral("no-such-table.tsv")); // unused for CSV
    const TrackImportOutcome out = importTrack(r);
    QVERIFY2(out.ok, qPrintable(out.error));
    QCOMPARE(out.genesPlaced, 0);
    QVERIFY(out.annotationSource.isEmpty());
    TrackData t;
    QVERIFY(readTrack(QStringLiteral("Binned"), &t));
    QCOMPARE(bin(t, 0, 0), 5.0f);
    QCOMPARE(bin(t, 0, 1), 6.0f);
    QCOMPARE(bin(t, 2, 99), 7.0f);
}

void TestTrackImportJob::errorNamesFileAndLineAndLeavesStudyUnchanged()
{
    const QByteArray before = testing::fileDigest(m_study);
    QVERIFY(!before.isEmpty());
    const QString file = m_dir.filePath(QStringLiteral("bad.bedGraph"));
    QVERIFY(writeFile(file, "chr1\t0\t100\t1\nchr1\t100\t200\t2\nchr1\t200\tx\t3\n"));
    TrackImportRequest r = request(file);
    r.trackName = QStringLiteral("Bad");
    const TrackImportOutcome out = importTrack(r);
    QVERIFY(!out.ok);
    QVERIFY(!out.cancelled);
    QVERIFY2(out.error.startsWith(QStringLiteral("bad.bedGraph:3: ")), qPrintable(out.error));
    QCOMPARE(testing::fileDigest(m_study), before);

    r.annotationPath = m_dir.filePath(QStringLiteral("no-such-table.tsv"));
    const TrackImportOutcome noTable = importTrack(r);
    QVERIFY(!noTable.ok);
    QVERIFY2(noTable.error.contains(QStringLiteral("no-such-table.tsv")),
             qPrintable(noTable.error));
    QCOMPARE(testing::fileDigest(m_study), before);
}

// Issue 13, finding 4: a bigWig with uncompressBufSize 0 over compressed data replaced the
// existing track with an all-NaN one. Now it fails, naming the file; the study is unchanged.
void TestTrackImportJob::damagedBigWigKeepsExistingTrack()
{
    const QString file = m_dir.filePath(QStringLiteral("ac.bw"));
    QString error;
    {
        const std::unique_ptr<BigWigWriter> writer =
            BigWigWriter::create(file, {{"chr1", 1000000}}, &error);
        QVERIFY2(writer, qPrintable(error));
        QVERIFY2(writer->add("chr1", {200000, 399901}, {200100, 400001}, {4.0f, 8.0f}, &error) &&
                     writer->close(&error),
                 qPrintable(error));
    }
    TrackImportRequest r = request(file);
    r.format = TrackFormat::BigWig;
    r.trackName = QStringLiteral("Signal");
    const TrackImportOutcome first = importTrack(r);
    QVERIFY2(first.ok, qPrintable(first.error));
    TrackData before;
    QVERIFY(readTrack(QStringLiteral("Signal"), &before));
    QCOMPARE(bin(before, 1, 50), 4.0f);
    const QByteArray digest = testing::fileDigest(m_study);

    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadWrite));
    QVERIFY(f.seek(52)); // uncompressBufSize
    QCOMPARE(f.write(QByteArray(4, '\0')), qint64(4));
    f.close();
    const TrackImportOutcome damaged = importTrack(r);
    QVERIFY(!damaged.ok);
    QVERIFY2(damaged.error.startsWith(QStringLiteral("ac.bw: damaged or truncated bigWig file: ")),
             qPrintable(damaged.error));
    QCOMPARE(testing::fileDigest(m_study), digest);
    TrackData after;
    QVERIFY(readTrack(QStringLiteral("Signal"), &after));
    QCOMPARE(after.values.size(), before.values.size());
    QCOMPARE(bin(after, 1, 50), 4.0f); // the track as before, not all NaN
    QCOMPARE(bin(after, 2, 50), 8.0f);
}

void TestTrackImportJob::cancelLeavesStudyUnchanged()
{
    const QByteArray before = testing::fileDigest(m_study);
    const QString file = m_dir.filePath(QStringLiteral("cancel.bedGraph"));
    QVERIFY(writeFile(file, "chr1\t0\t1\t0\nchr1\t200000\t200001\t100\n"));
    TrackImportRequest r = request(file);
    r.trackName = QStringLiteral("Cancelled");
    QStringList messages;
    const TrackImportOutcome out = importTrack(r, [&](const Progress& p) {
        messages << p.message;
        return false;
    });
    QVERIFY(!out.ok);
    QVERIFY(out.cancelled);
    QVERIFY2(out.error.contains(QStringLiteral("cancelled")), qPrintable(out.error));
    QVERIFY(!messages.isEmpty());
    QVERIFY2(messages.last().startsWith(QStringLiteral("writing track Cancelled")),
             qPrintable(messages.last()));
    QCOMPARE(testing::fileDigest(m_study), before);
}

void TestTrackImportJob::unknownCellIsNamed()
{
    TrackImportRequest r = request(m_dir.filePath(QStringLiteral("peaks.bedGraph")));
    r.cell = QStringLiteral("E999");
    const TrackImportOutcome out = importTrack(r);
    QVERIFY(!out.ok);
    QVERIFY2(out.error.contains(QStringLiteral("no cell 'E999' (cells: E900)")),
             qPrintable(out.error));
}

void TestTrackImportJob::formatFromFileName()
{
    TrackFormat f = TrackFormat::BinnedCsv;
    QVERIFY(trackFormatFromFileName(QStringLiteral("/d/E123-H3K27ac.bw"), &f));
    QCOMPARE(f, TrackFormat::BigWig);
    QVERIFY(trackFormatFromFileName(QStringLiteral("a.bigWig"), &f));
    QCOMPARE(f, TrackFormat::BigWig);
    QVERIFY(trackFormatFromFileName(QStringLiteral("a.bedGraph"), &f));
    QCOMPARE(f, TrackFormat::BedGraph);
    QVERIFY(trackFormatFromFileName(QStringLiteral("a.BG"), &f));
    QCOMPARE(f, TrackFormat::BedGraph);
    QVERIFY(trackFormatFromFileName(QStringLiteral("ac.csv"), &f));
    QCOMPARE(f, TrackFormat::BinnedCsv);
    QVERIFY(trackFormatFromFileName(QStringLiteral("a.bedGraph.gz"), &f));
    QCOMPARE(f, TrackFormat::BedGraph);
    QVERIFY(!trackFormatFromFileName(QStringLiteral("a.gz"), &f));
    QVERIFY(!trackFormatFromFileName(QStringLiteral("a.bw.gz"), &f)); // bigWig is never gzipped
    QVERIFY(!trackFormatFromFileName(QStringLiteral("a.txt"), &f));
}

QTEST_GUILESS_MAIN(TestTrackImportJob)
#include "tst_trackimportjob.moc"
