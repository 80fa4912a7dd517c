// importTrack (core/jobs/TrackImportJob), the job behind `import-track` and File → Import track
// (issue #5): genes are placed by their stored loci, completed from the bundled hg19 table or
// overridden by a user's table; a malformed file is named with its line; a failed or cancelled
// import leaves the study byte-for-byte unchanged. Issue 14, item 4: the assembly is asked for,
// recorded, and a bigWig of another assembly is warned about; import and `info` report one count.
#include "CliRunner.h"
#include "FileDigest.h"
#include "data/BigWigWriter.h"
#include "data/GeneAnnotation.h"
#include "domain/GenomeAssembly.h"
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

CellData cellOf(const QString& name, const std::vector<GeneRecord>& genes)
{
    CellData cell;
    cell.name = name;
    cell.assembly = QStringLiteral("hg19");
    cell.genes = genes;
    cell.values.assign(cell.genes.size() * 100 * 5, 1.0f);
    cell.labels.assign(cell.genes.size(), 1);
    cell.splits.assign(cell.genes.size(), Split::Test);
    return cell;
}

/// One interval [start, end) of `value` on a chromosome of a bigWig fixture.
struct Interval {
    QByteArray chrom;
    std::uint32_t start = 0;
    std::uint32_t end = 0;
    float value = 0;
};

/// A bigWig whose header lists chr1, chr5 and chrX with their hg38 lengths.
bool writeHg38BigWig(const QString& path, const std::vector<Interval>& intervals, QString* error)
{
    std::vector<BigWigWriter::Chromosome> chroms;
    for (const char* c : {"chr1", "chr5", "chrX"})
        chroms.push_back({QByteArray(c), std::uint32_t(GenomeAssembly::chromosomeLength(
                                             QStringLiteral("hg38"), QString::fromLatin1(c)))});
    auto writer = BigWigWriter::create(path, chroms, error);
    if (!writer)
        return false;
    for (const Interval& i : intervals)
        if (!writer->add(i.chrom, {i.start}, {i.end}, {i.value}, error))
            return false;
    return writer->close(error);
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
    void olderStudyAssumesHg19AndSaysSo();
    void bigWigOfAnotherAssemblyIsWarned();
    void chosenAssemblyPlacesAndIsRecorded();
    void importAndInfoReportOneCoverage();

private:
    TrackImportRequest request(const QString& file) const;
    bool readTrack(const QString& name, TrackData* out);

    QTemporaryDir m_dir;
    QString m_study;
    void writeAssemblyStudy();
    GeneRecord m_tspan6;     // gene 0's locus in the bundled hg19 table
    GeneRecord m_tspan6hg38; // and in the bundled hg38 table
    QString m_assemblyStudy; // cells recording hg19: E901 (TSPAN6, a chr1 gene), E902
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
    GeneAnnotation hg38;
    QVERIFY2(hg38.loadBundled(&error, QStringLiteral("hg38")), qPrintable(error));
    const GeneRecord* tspan6hg38 = hg38.findEnsembl(QStringLiteral("ENSG00000000003"));
    QVERIFY(tspan6hg38 && tspan6hg38->chrom == QLatin1String("chrX"));
    QVERIFY(tspan6hg38->tss > m_tspan6.tss + 20000); // far apart: the two windows are disjoint
    m_tspan6hg38 = *tspan6hg38;
    writeAssemblyStudy();

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
    QCOMPARE(out.coverage.missing, 0);
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
    QCOMPARE(out.coverage.missing, 1); // gene 0: no locus at all
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

void TestTrackImportJob::writeAssemblyStudy()
{
    GeneRecord tspan6 = m_tspan6;
    tspan6.remcId = QStringLiteral("000003");
    const CellData e901 =
        cellOf(QStringLiteral("E901"),
               {tspan6, gene(QStringLiteral("900001"), QStringLiteral("chr1"), 200001, '+')});
    // Complete, partly covered (its window starts before the chromosome), on a chromosome
    // without data.
    const CellData e902 =
        cellOf(QStringLiteral("E902"),
               {gene(QStringLiteral("900001"), QStringLiteral("chr1"), 200001, '+'),
                gene(QStringLiteral("900002"), QStringLiteral("chr1"), 3001, '+'),
                gene(QStringLiteral("900003"), QStringLiteral("chr5"), 500001, '+')});
    m_assemblyStudy = m_dir.filePath(QStringLiteral("assembly.h5"));
    QString error;
    auto editor = StudyEditor::begin(m_assemblyStudy, &error);
    QVERIFY2(editor && editor->writeCell(e901, &error) && editor->writeCell(e902, &error) &&
                 editor->commit(&error),
             qPrintable(error));
}

// Issue 14, item 4: a study written before the assembly was recorded is read as hg19, and the
// import says so.
void TestTrackImportJob::olderStudyAssumesHg19AndSaysSo()
{
    CellData cell;
    QString error;
    {
        auto study = StudyFile::open(m_study, &error);
        QVERIFY2(study && study->readCellIndex(kCell, &cell, &error), qPrintable(error));
    }
    QVERIFY(cell.assembly.isEmpty());
    const QString file = m_dir.filePath(QStringLiteral("old.bedGraph"));
    QVERIFY(writeFile(file, "chr1\t0\t1\t0\nchr1\t200000\t200001\t100\n"));
    TrackImportRequest r = request(file);
    r.trackName = QStringLiteral("Old");
    const TrackImportOutcome out = importTrack(r);
    QVERIFY2(out.ok, qPrintable(out.error));
    QCOMPARE(out.assembly, QStringLiteral("hg19"));
    QVERIFY2(out.warnings.join(QLatin1Char('\n'))
                 .contains(QStringLiteral("cell E900 does not record its genome assembly")),
             qPrintable(out.warnings.join(QLatin1Char('\n'))));
    TrackData t;
    QVERIFY(readTrack(QStringLiteral("Old"), &t));
    QCOMPARE(t.assembly, QStringLiteral("hg19"));
}

// Issue 14, item 4: an hg38 bigWig imported as hg19 is imported, with a warning that names the
// file, a chromosome with both lengths and the assembly the file matches.
void TestTrackImportJob::bigWigOfAnotherAssemblyIsWarned()
{
    const QString file = m_dir.filePath(QStringLiteral("hg38.bw"));
    QString error;
    const std::uint32_t tss19 = std::uint32_t(m_tspan6.tss),
                        tss38 = std::uint32_t(m_tspan6hg38.tss);
    QVERIFY2(writeHg38BigWig(file,
                             {{"chr1", 0, 1000000, 1.0f},
                              {"chrX", tss19 - 1, tss19, 200.0f},
                              {"chrX", tss38 - 1, tss38, 500.0f}},
                             &error),
             qPrintable(error));
    TrackImportRequest r;
    r.studyPath = m_assemblyStudy;
    r.cell = QStringLiteral("E901");
    r.format = TrackFormat::BigWig;
    r.file = file;
    r.trackName = QStringLiteral("AsHg19");
    const TrackImportOutcome out = importTrack(r); // the cell's assembly: hg19
    QVERIFY2(out.ok, qPrintable(out.error));
    QCOMPARE(out.assembly, QStringLiteral("hg19"));
    QVERIFY(!out.warnings.isEmpty());
    const QString w = out.warnings.first();
    QVERIFY2(w.startsWith(QStringLiteral("hg38.bw: the chromosome lengths do not match hg19 "
                                         "(chr1 is 248,956,422 bp in the file, 249,250,621 bp in "
                                         "hg19; 3 of 3 chromosomes differ)")),
             qPrintable(w));
    QVERIFY2(w.contains(QStringLiteral("they are those of hg38")), qPrintable(w));

    r.assembly = QStringLiteral("hg38");
    r.trackName = QStringLiteral("AsHg38");
    const TrackImportOutcome right = importTrack(r);
    QVERIFY2(right.ok, qPrintable(right.error));
    QVERIFY2(!right.warnings.join(QLatin1Char(' ')).contains(QStringLiteral("do not match")),
             qPrintable(right.warnings.join(QLatin1Char(' '))));
}

// Issue 14, item 4: the chosen assembly places the genes (its bundled table) and is recorded with
// the track; the cell keeps its own.
void TestTrackImportJob::chosenAssemblyPlacesAndIsRecorded()
{
    auto read = [this](const QString& track, TrackData* t, CellData* cell) {
        QString error;
        auto study = StudyFile::open(m_assemblyStudy, &error);
        QVERIFY2(study && study->readTrack(QStringLiteral("E901"), track, t, &error) &&
                     study->readCellIndex(QStringLiteral("E901"), cell, &error),
                 qPrintable(error));
    };
    TrackData as19, as38;
    CellData cell;
    read(QStringLiteral("AsHg19"), &as19, &cell);
    read(QStringLiteral("AsHg38"), &as38, &cell);
    QCOMPARE(cell.assembly, QStringLiteral("hg19"));
    QCOMPARE(as19.assembly, QStringLiteral("hg19"));
    QCOMPARE(as38.assembly, QStringLiteral("hg38"));
    QCOMPARE(bin(as19, 0, 50), 2.0f); // TSPAN6 at its hg19 TSS
    QCOMPARE(bin(as38, 0, 50), 5.0f); // at its hg38 TSS
    QCOMPARE(bin(as19, 1, 50), 1.0f);
    // 900001 is in no hg38 table: its stored (hg19) locus is not used in hg38 coordinates.
    QVERIFY(std::isnan(bin(as38, 1, 50)));
}

// Issue 14, item 4: "599 missing" in the dialog and "0 of 600 genes covered" in `info` disagreed.
// Both now report TrackCoverage of the stored track, partly covered genes included.
void TestTrackImportJob::importAndInfoReportOneCoverage()
{
    if (qEnvironmentVariableIsEmpty("AC_CLI"))
        QSKIP("AC_CLI is not set (run through ctest)");
    const QString file = m_dir.filePath(QStringLiteral("partial.bw"));
    QString error;
    QVERIFY2(writeHg38BigWig(file, {{"chr1", 0, 1000000, 1.0f}}, &error), qPrintable(error));
    const testing::CliRun imported = testing::runCli(
        {QStringLiteral("import-track"), QStringLiteral("--study"), m_assemblyStudy,
         QStringLiteral("--cell"), QStringLiteral("E902"), QStringLiteral("--format"),
         QStringLiteral("bigwig"), QStringLiteral("--file"), file},
        60000);
    QVERIFY2(imported.exitCode == 0, qPrintable(imported.err));
    QVERIFY2(imported.err.contains(QStringLiteral("warning: partial.bw: the chromosome lengths do "
                                                  "not match hg19")),
             qPrintable(imported.err));
    const QString expected = QStringLiteral("2 of 3 genes covered (1 partly), 1 missing (NaN)");
    QVERIFY2(
        imported.out.contains(QStringLiteral("track H3K27ac of cell E902 (hg19): ") + expected),
        qPrintable(imported.out));
    const testing::CliRun info = testing::runCli(
        {QStringLiteral("info"), m_assemblyStudy, QStringLiteral("--cell"), QStringLiteral("E902")},
        60000);
    QVERIFY2(info.exitCode == 0, qPrintable(info.err));
    QVERIFY2(info.out.contains(QStringLiteral("genome assembly: hg19")), qPrintable(info.out));
    QVERIFY2(info.out.contains(QStringLiteral("track H3K27ac (hg19): 100 bins, ") + expected),
             qPrintable(info.out));
    TrackData t;
    auto study = StudyFile::open(m_assemblyStudy, &error);
    QVERIFY2(study &&
                 study->readTrack(QStringLiteral("E902"), QStringLiteral("H3K27ac"), &t, &error),
             qPrintable(error));
    QCOMPARE(TrackCoverage::of(t).summary(), expected);
}

QTEST_GUILESS_MAIN(TestTrackImportJob)
#include "tst_trackimportjob.moc"
