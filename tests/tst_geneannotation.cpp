// Tests of GeneAnnotation: the bundled hg19 table, REMC id mapping and malformed gene tables.
#include "data/GeneAnnotation.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

#include <zlib.h>

using namespace ac;

class TestGeneAnnotation : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString writeFile(const QString& name, const QByteArray& text)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            qFatal("cannot write %s", qPrintable(path));
        f.write(text);
        return path;
    }

private Q_SLOTS:
    void bundledTable()
    {
        GeneAnnotation a;
        QString error;
        QVERIFY2(a.loadBundled(&error), qPrintable(error));
        QCOMPARE(a.size(), 57736);
        const GeneRecord* g = a.findEnsembl(QStringLiteral("ENSG00000000003"));
        QVERIFY(g);
        QCOMPARE(g->symbol, QStringLiteral("TSPAN6"));
        QCOMPARE(g->chrom, QStringLiteral("chrX"));
        QCOMPARE(g->tss, std::int64_t(99894988));
        QCOMPARE(g->strand, '-');
        const GeneRecord* tnmd = a.findSymbol(QStringLiteral("tnmd"));
        QVERIFY(tnmd);
        QCOMPARE(tnmd->ensemblId, QStringLiteral("ENSG00000000005"));
        QCOMPARE(tnmd->strand, '+');
        QVERIFY(a.findEnsembl(QStringLiteral("ENSG00000000003.14")));
        QVERIFY(!a.findEnsembl(QStringLiteral("ENSG99999999999")));
        QVERIFY(!a.findSymbol(QStringLiteral("NOT-A-GENE")));
    }

    // Issue 14, item 4: the hg38 table is bundled too; an assembly without a table is named.
    void bundledHg38Table()
    {
        GeneAnnotation a;
        QString error;
        QVERIFY2(a.loadBundled(&error, QStringLiteral("hg38")), qPrintable(error));
        QCOMPARE(a.size(), 58788);
        QCOMPARE(a.source(), QStringLiteral("(bundled Ensembl GRCh38 table)"));
        const GeneRecord* g = a.findEnsembl(QStringLiteral("ENSG00000000003"));
        QVERIFY(g);
        QCOMPARE(g->chrom, QStringLiteral("chrX"));
        QCOMPARE(g->tss, std::int64_t(100639991)); // hg19: 99894988
        QVERIFY(!a.loadBundled(&error, QStringLiteral("mm10")));
        QCOMPARE(error,
                 QStringLiteral("no bundled gene table for assembly 'mm10' (known: hg19, hg38)"));
        QCOMPARE(a.size(), 58788); // unchanged
    }

    void remcIds()
    {
        QCOMPARE(GeneAnnotation::ensemblFromRemcId(QStringLiteral("000003")),
                 QStringLiteral("ENSG00000000003"));
        QCOMPARE(GeneAnnotation::ensemblFromRemcId(QStringLiteral("130749")),
                 QStringLiteral("ENSG00000130749"));
        QCOMPARE(GeneAnnotation::ensemblFromRemcId(QStringLiteral("ENSG00000130749")),
                 QStringLiteral("ENSG00000130749"));
        QVERIFY(GeneAnnotation::ensemblFromRemcId(QStringLiteral("S00001")).isEmpty());
        QVERIFY(GeneAnnotation::ensemblFromRemcId(QString()).isEmpty());

        GeneAnnotation a;
        QString error;
        QVERIFY2(a.loadBundled(&error), qPrintable(error));
        bool found = false;
        GeneRecord g = a.annotateRemcId(QStringLiteral("000003"), &found);
        QVERIFY(found);
        QCOMPARE(g.remcId, QStringLiteral("000003"));
        QCOMPARE(g.ensemblId, QStringLiteral("ENSG00000000003"));
        QCOMPARE(g.symbol, QStringLiteral("TSPAN6"));
        g = a.annotateRemcId(QStringLiteral("999999"), &found);
        QVERIFY(!found);
        QCOMPARE(g.ensemblId, QStringLiteral("ENSG00000999999"));
        QVERIFY(g.symbol.isEmpty());
        QCOMPARE(g.strand, '.');
    }

    void customFileAndGzip()
    {
        QVERIFY(m_dir.isValid());
        const QByteArray text = "ensembl_id\tsymbol\tchrom\ttss\tstrand\r\n"
                                "ENSG00000000001\tAAA\tchr1\t100\t+\r\n"
                                "ENSG00000000002\t\tchr2\t200\t-\r\n";
        GeneAnnotation a;
        QString error;
        QVERIFY2(a.loadFile(writeFile(QStringLiteral("genes.tsv"), text), &error),
                 qPrintable(error));
        QCOMPARE(a.size(), 2);
        QCOMPARE(a.findEnsembl(QStringLiteral("ENSG00000000002"))->tss, std::int64_t(200));
        QVERIFY(a.findEnsembl(QStringLiteral("ENSG00000000002"))->symbol.isEmpty());

        const QString gzPath = m_dir.filePath(QStringLiteral("genes.tsv.gz"));
        gzFile gz = gzopen(QFile::encodeName(gzPath).constData(), "wb");
        QVERIFY(gz);
        QCOMPARE(gzwrite(gz, text.constData(), unsigned(text.size())), int(text.size()));
        gzclose(gz);
        GeneAnnotation b;
        QVERIFY2(b.loadFile(gzPath, &error), qPrintable(error));
        QCOMPARE(b.size(), 2);
        QCOMPARE(b.findSymbol(QStringLiteral("aaa"))->chrom, QStringLiteral("chr1"));
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("expected");
        const QByteArray header = "ensembl_id\tsymbol\tchrom\ttss\tstrand\n";
        const QByteArray good = "ENSG00000000001\tAAA\tchr1\t100\t+\n";
        QTest::newRow("no header") << good << QStringLiteral(":1: expected the header line");
        QTest::newRow("columns") << header + good + "ENSG00000000002\tBBB\tchr1\t100\n"
                                 << QStringLiteral(":3: expected 5 tab-separated columns");
        QTest::newRow("tss") << header + "ENSG00000000002\tBBB\tchr1\tabc\t+\n"
                             << QStringLiteral(
                                    ":2: tss 'abc' of ENSG00000000002 is not a positive integer");
        QTest::newRow("strand")
            << header + good + QByteArray(good).replace("000001", "000009").replace('+', '*')
            << QStringLiteral(":3: strand '*' of ENSG00000000009");
        QTest::newRow("duplicate")
            << header + good + good
            << QStringLiteral(":3: ENSG00000000001 is listed twice (first on line 2)");
        QTest::newRow("empty") << QByteArray()
                               << QStringLiteral(":1: the gene annotation is empty");
        QTest::newRow("header only") << header << QStringLiteral("has a header but no genes");
        QTest::newRow("bad gzip") << QByteArray("\x1f\x8b\x08\x00garbage", 11)
                                  << QStringLiteral("gzip");
    }

    void malformed()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, expected);
        const QString path = writeFile(
            QStringLiteral("bad-%1.tsv").arg(QTest::currentDataTag()).replace(' ', '-'), text);
        GeneAnnotation a;
        QString error;
        QVERIFY2(a.loadBundled(&error), qPrintable(error));
        QVERIFY(!a.loadFile(path, &error));
        QVERIFY2(error.startsWith(path), qPrintable(error));
        QVERIFY2(error.contains(expected), qPrintable(error));
        // A failed load keeps the previous table.
        QCOMPARE(a.size(), 57736);
    }

    void missingFile()
    {
        GeneAnnotation a;
        QString error;
        QVERIFY(!a.loadFile(m_dir.filePath(QStringLiteral("nope.tsv")), &error));
        QCOMPARE(error,
                 m_dir.filePath(QStringLiteral("nope.tsv")) + QStringLiteral(": no such file"));
        // Issue 13, finding 12: a FIFO is named (and does not block), /dev/zero is not read.
        const QString fifo = m_dir.filePath(QStringLiteral("genes-fifo.tsv"));
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        QVERIFY(!a.loadFile(fifo, &error));
        QCOMPARE(error, fifo + QStringLiteral(": a named pipe (FIFO), not a regular file"));
        QVERIFY(!a.loadFile(QStringLiteral("/dev/zero"), &error));
        QCOMPARE(error, QStringLiteral("/dev/zero: a device, not a regular file"));
    }
};

QTEST_GUILESS_MAIN(TestGeneAnnotation)
#include "tst_geneannotation.moc"
