// GeneListFile (issue 15, item 3): gene lists of names or BED TSS intervals, resolved against a
// cell's genes; malformed lines reported as file:line; the written list reads back the same.
#include "GeneFixture.h"
#include "TextFileFixture.h"
#include "data/GeneListFile.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace ac;

using ac::testing::writeFile;
using ac::testing::writeGzip;

namespace
{

GeneRecord gene(const char* remc, const char* ensembl, const char* symbol, const char* chrom,
                std::int64_t tss)
{
    GeneRecord g = testing::locatedGene(remc, chrom, tss, '+');
    g.ensemblId = QString::fromLatin1(ensembl);
    g.symbol = QString::fromLatin1(symbol);
    return g;
}

std::vector<GeneRecord> cellGenes()
{
    return {gene("000001", "ENSG00000000001", "TP53", "chr17", 7590000),
            gene("000002", "ENSG00000000002", "MYC", "chr8", 128748000),
            gene("000003", "ENSG00000000003", "GATA1", "chrX", 48644000),
            gene("S00004", "", "", "chr1", 1000),
            gene("000005", "ENSG00000000005", "", "", 0),
            gene("000006", "ENSG00000000006", "HBG1", "chr11", 5271000)};
}

} // namespace

class TestGeneListFile : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void namesResolveBySymbolEnsemblAndRemcId();
    void gzipList();
    void bedMatchesTssInIntervals();
    void malformedLinesNameFileAndLine_data();
    void malformedLinesNameFileAndLine();
    void failedLoadKeepsTheList();
    void writtenListReadsBackTheSameGenes();
    void writeFailureNamesTheFile();
};

void TestGeneListFile::namesResolveBySymbolEnsemblAndRemcId()
{
    QTemporaryDir dir;
    const QString path = writeFile(dir, QStringLiteral("genes.txt"),
                                   "# my genes\r\n"
                                   "tp53\r\n"
                                   "\n"
                                   "ENSG00000000003.12   # GATA1 by its versioned id\n"
                                   "S00004\n"
                                   "NOSUCH1\n"
                                   "myc\n"
                                   "TP53\n"
                                   "ENSG99999999999\n");
    GeneListFile list;
    QString err;
    QVERIFY2(list.load(path, &err), qPrintable(err));
    QCOMPARE(list.format(), GeneListFile::Format::Names);
    QCOMPARE(list.entryCount(), 7);
    QCOMPARE(list.fileName(), QStringLiteral("genes.txt"));
    const GeneListFile::Resolution r = list.resolve(cellGenes());
    QCOMPARE(r.genes, (std::vector<int>{0, 1, 2, 3})); // sorted, TP53 once
    QCOMPARE(r.notFound,
             (QStringList{QStringLiteral("NOSUCH1"), QStringLiteral("ENSG99999999999")}));
    QCOMPARE(list.notFoundSummary(r),
             QStringLiteral("2 of 7 entries of genes.txt not found: 'ENSG99999999999', 'NOSUCH1'"));
    QCOMPARE(list.membership(cellGenes()),
             (std::vector<bool>{true, true, true, true, false, false}));
}

void TestGeneListFile::gzipList()
{
    QTemporaryDir dir;
    const QString path = writeGzip(dir, QStringLiteral("genes.list"), "HBG1\n000005\n");
    GeneListFile list;
    QString err;
    QVERIFY2(list.load(path, &err), qPrintable(err));
    QCOMPARE(list.resolve(cellGenes()).genes, (std::vector<int>{4, 5}));
    QVERIFY(list.notFoundSummary(list.resolve(cellGenes())).isEmpty());
}

void TestGeneListFile::bedMatchesTssInIntervals()
{
    QTemporaryDir dir;
    // TSS are 1-based; BED is 0-based half-open: TSS p is in [start, end) when start < p <= end.
    const QString path = writeFile(dir, QStringLiteral("tss.bed"),
                                   "track name=tss\n"
                                   "17\t7589999\t7590000\tTP53\n"   // p = end: inside
                                   "chr8 128748000 128748100 MYC\n" // p = start: outside
                                   "chrX\t48643000\t48645000\n"
                                   "chr1\t0\t999\tbefore\n" // ends one base short of 1000
                                   "chr11\t5270000\t5272000\t.\t0\t+\n");
    GeneListFile list;
    QString err;
    QVERIFY2(list.load(path, &err), qPrintable(err));
    QCOMPARE(list.format(), GeneListFile::Format::Bed);
    QCOMPARE(list.entryCount(), 5);
    const GeneListFile::Resolution r = list.resolve(cellGenes());
    QCOMPARE(r.genes, (std::vector<int>{0, 2, 5}));
    QCOMPARE(r.notFound, (QStringList{QStringLiteral("chr8:128748000-128748100"),
                                      QStringLiteral("chr1:0-999")}));
}

void TestGeneListFile::malformedLinesNameFileAndLine_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("error");
    QTest::newRow("two fields first") << QByteArray("# c\nTP53 MYC\n")
                                      << QStringLiteral("bad.txt:2: expected one gene name, or a "
                                                        "BED line (chrom start end), found 2 "
                                                        "fields");
    QTest::newRow("names then more fields")
        << QByteArray("TP53\nMYC\nGATA1\tchrX\t5\n")
        << QStringLiteral("bad.txt:3: expected one gene name per line, found 3 fields");
    QTest::newRow("control character")
        << QByteArray("TP53\nMY\x1b[0mC\n")
        << QStringLiteral("bad.txt:2: not a gene name: 'MY\\x1b[0mC' has a control character");
    QTest::newRow("not UTF-8") << QByteArray("TP53\n\xff\xfe\n")
                               << QStringLiteral(
                                      "bad.txt:2: not a gene name: '\\xff\\xfe' is not UTF-8 text");
    QTest::newRow("too long") << QByteArray(300, 'A')
                              << QStringLiteral(
                                     "bad.txt:1: not a gene name: longer than 255 characters");
    QTest::newRow("bed start not a number")
        << QByteArray("chr1\t10\t20\nchr1\tx\t20\n")
        << QStringLiteral("bad.txt:2: start and end must be non-negative integers, found 'x' and "
                          "'20'");
    QTest::newRow("bed negative start")
        << QByteArray("chr1\t-5\t20\n")
        << QStringLiteral("bad.txt:1: start and end must be non-negative integers, found '-5' and "
                          "'20'");
    QTest::newRow("bed end not after start")
        << QByteArray("\n\nchr1 20 20\n")
        << QStringLiteral("bad.txt:3: end 20 is not after start 20");
    QTest::newRow("bed then a name")
        << QByteArray("chr1\t10\t20\nTP53\n")
        << QStringLiteral("bad.txt:2: expected a BED line (chrom start end [name ...]), found 1 "
                          "field");
    QTest::newRow("track line in names")
        << QByteArray("TP53\ntrack name=x\n")
        << QStringLiteral("bad.txt:2: a BED 'track' line in a list of gene "
                          "names");
    QTest::newRow("empty") << QByteArray("# nothing\n\n")
                           << QStringLiteral("bad.txt: no genes listed");
}

void TestGeneListFile::malformedLinesNameFileAndLine()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, error);
    QTemporaryDir dir;
    GeneListFile list;
    QString err;
    QVERIFY(!list.load(writeFile(dir, QStringLiteral("bad.txt"), text), &err));
    QCOMPARE(err, error);
}

void TestGeneListFile::failedLoadKeepsTheList()
{
    QTemporaryDir dir;
    GeneListFile list;
    QString err;
    QVERIFY(list.load(writeFile(dir, QStringLiteral("good.txt"), "MYC\n"), &err));
    QVERIFY(!list.load(dir.filePath(QStringLiteral("missing.txt")), &err));
    QVERIFY2(err.contains(QLatin1String("missing.txt")), qPrintable(err));
    QVERIFY(!list.load(writeFile(dir, QStringLiteral("bad.txt"), "MYC\nchr1 5\n"), &err));
    QCOMPARE(list.fileName(), QStringLiteral("good.txt"));
    QCOMPARE(list.resolve(cellGenes()).genes, std::vector<int>{1});
}

void TestGeneListFile::writtenListReadsBackTheSameGenes()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("saved.txt"));
    const std::vector<GeneRecord> genes = cellGenes();
    QString err;
    QVERIFY2(
        GeneListFile::write(path, genes, {0, 3, 4}, QStringLiteral("3 of 6 genes\nof E1"), &err),
        qPrintable(err));
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("# 3 of 6 genes of E1\n"
                                     "ENSG00000000001\t# TP53\n"
                                     "S00004\n"
                                     "ENSG00000000005\n"));
    GeneListFile list;
    QVERIFY2(list.load(path, &err), qPrintable(err));
    QCOMPARE(list.resolve(genes).genes, (std::vector<int>{0, 3, 4}));
}

void TestGeneListFile::writeFailureNamesTheFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("no/such/folder/list.txt"));
    QString err;
    QVERIFY(!GeneListFile::write(path, cellGenes(), {0}, QString(), &err));
    QVERIFY2(err.startsWith(path + QLatin1String(": cannot write")), qPrintable(err));
    QVERIFY(!GeneListFile::write(dir.filePath(QStringLiteral("x.txt")), cellGenes(), {6}, QString(),
                                 &err));
    QVERIFY2(err.contains(QLatin1String("gene index 6")), qPrintable(err));
}

QTEST_GUILESS_MAIN(TestGeneListFile)
#include "tst_genelistfile.moc"
