// Tests of RemcImporter: values, splits, labels and ids of a good import, and one malformed
// fixture (written by the test) per validation rule, each checked for file and line.
#include "data/GeneAnnotation.h"
#include "data/RemcImporter.h"
#include "store/StudyEditor.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <limits>

#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

using namespace ac;

namespace
{

/// The value of gene `id`, bin `bin` (1-based), mark `m` in the fixtures.
int fixtureValue(int idNumber, int bin, int m)
{
    return (idNumber * 7 + bin * 3 + m * 11) % 13;
}

/// 100 (or `bins`) DeepChrome rows of one gene.
QByteArray geneRows(int idNumber, int label, int bins = 100)
{
    QByteArray out;
    const QByteArray id = QByteArray::number(idNumber).rightJustified(6, '0');
    for (int b = 1; b <= bins; ++b) {
        out += id + ',' + QByteArray::number(b);
        for (int m = 0; m < 5; ++m)
            out += ',' + QByteArray::number(fixtureValue(idNumber, b, m));
        out += ',' + QByteArray::number(label) + '\n';
    }
    return out;
}

/// Replaces the 1-based line `line` of `text` by `replacement` (without newline).
QByteArray replaceLine(QByteArray text, int line, const QByteArray& replacement)
{
    QList<QByteArray> lines = text.split('\n');
    lines[line - 1] = replacement;
    return lines.join('\n');
}

QByteArray removeLine(QByteArray text, int line)
{
    QList<QByteArray> lines = text.split('\n');
    lines.removeAt(line - 1);
    return lines.join('\n');
}

struct CellTexts {
    QByteArray train = geneRows(3, 1) + geneRows(5, 0);
    QByteArray valid = geneRows(419, 1) + geneRows(457, 0);
    QByteArray test = geneRows(460, 0) + geneRows(938, 1);
};

bool writeFile(const QString& path, const QByteArray& data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

bool writeGzip(const QString& path, const QByteArray& data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    gzFile gz = gzopen(QFile::encodeName(path).constData(), "wb");
    if (!gz)
        return false;
    const int written = gzwrite(gz, data.constData(), unsigned(data.size()));
    return gzclose(gz) == Z_OK && written == data.size();
}

/// Writes `<root>/<cell>/classification/{train,valid,test}.csv`.
QByteArray fileBytes(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QString writeCell(const QString& root, const QString& cell, const CellTexts& t)
{
    const QString dir = root + QLatin1Char('/') + cell;
    const QString cls = dir + QStringLiteral("/classification/");
    writeFile(cls + QStringLiteral("train.csv"), t.train);
    writeFile(cls + QStringLiteral("valid.csv"), t.valid);
    writeFile(cls + QStringLiteral("test.csv"), t.test);
    return dir;
}

} // namespace

class TestRemcImporter : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    GeneAnnotation m_annotation;
    int m_case = 0;
    QString m_study; ///< a study holding one good cell, copied by the malformed cases

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(m_annotation.loadBundled(&error), qPrintable(error));
        m_study = m_dir.filePath(QStringLiteral("baseline.h5"));
        CellData cell;
        RemcImporter importer(&m_annotation);
        const RemcImportResult r =
            importer.importCell(writeCell(m_dir.filePath(QStringLiteral("baseline")),
                                          QStringLiteral("E900"), CellTexts()),
                                &cell);
        QVERIFY2(r.ok, qPrintable(r.error));
        // One file: the malformed cases copy it, and compare its bytes.
        auto editor = StudyEditor::begin(m_study, &error, StudyEditor::Form::Packed);
        QVERIFY2(editor && editor->writeCell(cell, &error) && editor->commit(&error),
                 qPrintable(error));
    }

    void goodCell()
    {
        const QString dir = writeCell(m_dir.path(), QStringLiteral("E901"), CellTexts());
        RemcImporter importer(&m_annotation);
        CellData cell;
        const RemcImportResult r = importer.importCell(dir, &cell);
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(cell.name, QStringLiteral("E901"));
        QCOMPARE(cell.geneCount(), 6);
        QCOMPARE(cell.values.size(), std::size_t(6 * 100 * 5));
        const int ids[6] = {3, 5, 419, 457, 460, 938};
        const int labels[6] = {1, 0, 1, 0, 0, 1};
        const Split splits[6] = {Split::Train, Split::Train, Split::Valid,
                                 Split::Valid, Split::Test,  Split::Test};
        for (int g = 0; g < 6; ++g) {
            QCOMPARE(cell.genes[g].remcId,
                     QString::number(ids[g]).rightJustified(6, QLatin1Char('0')));
            QCOMPARE(int(cell.labels[g]), labels[g]);
            QCOMPARE(cell.splits[g], splits[g]);
            for (int b = 0; b < 100; ++b)
                for (int m = 0; m < 5; ++m)
                    QCOMPARE(cell.geneValues(g)[b * 5 + m], float(fixtureValue(ids[g], b + 1, m)));
        }
        QCOMPARE(cell.genes[0].ensemblId, QStringLiteral("ENSG00000000003"));
        QCOMPARE(cell.genes[0].symbol, QStringLiteral("TSPAN6"));
        QCOMPARE(cell.genes[0].strand, '-');
        QCOMPARE(cell.genes[1].symbol, QStringLiteral("TNMD"));
        QVERIFY(r.csvBytes > 0);
        QVERIFY(r.warnings.isEmpty());
    }

    /// Issue 13, finding 12: `-0` and `-0.0` are 0, not negative counts.
    void negativeZeroIsZero()
    {
        CellTexts t;
        t.train = replaceLine(t.train, 2, "000003,2,-0,-0.0,0,0,0,1");
        const QString dir = writeCell(m_dir.path(), QStringLiteral("E920"), t);
        RemcImporter importer(&m_annotation);
        CellData cell;
        const RemcImportResult r = importer.importCell(dir, &cell);
        QVERIFY2(r.ok, qPrintable(r.error));
        for (int m = 0; m < 5; ++m) {
            QCOMPARE(cell.geneValues(0)[5 + m], 0.0f);
            QVERIFY(!std::signbit(cell.geneValues(0)[5 + m]));
        }
    }

    void unknownGenesWarn()
    {
        CellTexts t;
        t.test = geneRows(999999, 1);
        const QString dir = writeCell(m_dir.path(), QStringLiteral("E902"), t);
        RemcImporter importer(&m_annotation);
        CellData cell;
        const RemcImportResult r = importer.importCell(dir, &cell);
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.warnings.size(), 1);
        QVERIFY2(
            r.warnings[0].contains(QStringLiteral("1 of 5 genes are not in the gene annotation")),
            qPrintable(r.warnings[0]));
        QCOMPARE(cell.genes[4].ensemblId, QStringLiteral("ENSG00000999999"));
        QVERIFY(cell.genes[4].symbol.isEmpty());
    }

    void crlfHeaderAndGzipAccepted()
    {
        CellTexts t;
        const QString dir = m_dir.filePath(QStringLiteral("E903"));
        const QString cls = dir + QStringLiteral("/classification/");
        QByteArray crlf = t.train;
        crlf.replace("\n", "\r\n");
        QVERIFY(writeFile(cls + QStringLiteral("train.csv"), crlf));
        QVERIFY(
            writeFile(cls + QStringLiteral("valid.csv"),
                      "\xEF\xBB\xBFGeneID,BinID,H3K27me3,H3K36me3,H3K4me1,H3K4me3,H3K9me3,label\n" +
                          t.valid));
        QVERIFY(writeGzip(cls + QStringLiteral("test.csv.gz"), t.test));
        RemcImporter importer(&m_annotation);
        CellData cell;
        const RemcImportResult r = importer.importCell(dir, &cell);
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(cell.geneCount(), 6);
        QCOMPARE(cell.geneValues(5)[99 * 5 + 4], float(fixtureValue(938, 100, 4)));
        QCOMPARE(cell.geneValues(0)[7 * 5 + 2], float(fixtureValue(3, 8, 2)));
        const QString warnings = r.warnings.join(QLatin1Char('|'));
        QVERIFY2(warnings.contains(QStringLiteral("valid.csv:1: header line skipped")),
                 qPrintable(warnings));
        QVERIFY2(warnings.contains(QStringLiteral("valid.csv: UTF-8 byte-order mark skipped")),
                 qPrintable(warnings));
        QCOMPARE(cell.genes[2].remcId, QStringLiteral("000419"));
        QVERIFY2(
            warnings.contains(QStringLiteral("train.csv: Windows (CRLF) line endings accepted")),
            qPrintable(warnings));
    }

    void decimalCountsAccepted()
    {
        CellTexts t;
        // FLT_MAX printed with 8 digits (just above FLT_MAX as a double, rounding to it) fits.
        t.train = replaceLine(t.train, 2, "000003,2,1.5,0,2e1,3.4028235e38,0,1");
        const QString dir = writeCell(m_dir.path(), QStringLiteral("E904"), t);
        RemcImporter importer;
        CellData cell;
        const RemcImportResult r = importer.importCell(dir, &cell);
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(cell.geneValues(0)[5 + 0], 1.5f);
        QCOMPARE(cell.geneValues(0)[5 + 2], 20.0f);
        QCOMPARE(cell.geneValues(0)[5 + 3], std::numeric_limits<float>::max());
        // Without an annotation, ids still map to Ensembl.
        QCOMPARE(cell.genes[0].ensemblId, QStringLiteral("ENSG00000000003"));
        QVERIFY(cell.genes[0].symbol.isEmpty());
    }

    void malformed_data()
    {
        QTest::addColumn<QString>("split");
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("expected");
        const CellTexts t;
        QTest::newRow("columns") << "train" << replaceLine(t.train, 3, "000003,3,0,1,2,3,1")
                                 << "train.csv:3: expected 8 comma-separated columns";
        QTest::newRow("extra column")
            << "valid" << replaceLine(t.valid, 7, "000419,7,0,1,2,3,4,5,1")
            << "valid.csv:7: expected 8 comma-separated columns";
        QTest::newRow("non-numeric")
            << "train" << replaceLine(t.train, 5, "000003,5,x,1,2,3,0,1")
            << "train.csv:5: H3K27me3 count 'x' of gene 000003 bin 5 is not a number";
        QTest::newRow("negative")
            << "test" << replaceLine(t.test, 104, "000938,4,0,1,2,-3,0,1")
            << "test.csv:104: H3K4me3 count '-3' of gene 000938 bin 4 is negative";
        // Issue 13, finding 5: counts a 32-bit float cannot hold were stored as +-inf.
        QTest::newRow("1e39") << "train" << replaceLine(t.train, 5, "000003,5,1e39,1,2,3,0,1")
                              << "train.csv:5: H3K27me3 count '1e39' of gene 000003 bin 5 does not "
                                 "fit a 32-bit float";
        QTest::newRow("3.5e38")
            << "valid" << replaceLine(t.valid, 8, "000419,8,0,1,2,3,3.5e38,1")
            << "valid.csv:8: H3K9me3 count '3.5e38' of gene 000419 bin 8 does not fit a 32-bit "
               "float";
        QTest::newRow("1e308")
            << "test" << replaceLine(t.test, 102, "000938,2,0,1e308,2,3,0,1")
            << "test.csv:102: H3K36me3 count '1e308' of gene 000938 bin 2 does not fit a 32-bit "
               "float";
        QTest::newRow("-1e39")
            << "train" << replaceLine(t.train, 7, "000003,7,0,1,-1e39,3,0,1")
            << "train.csv:7: H3K4me1 count '-1e39' of gene 000003 bin 7 is negative";
        QTest::newRow("empty count")
            << "train" << replaceLine(t.train, 6, "000003,6,0,,2,3,0,1")
            << "train.csv:6: H3K36me3 count '' of gene 000003 bin 6 is empty";
        QTest::newRow("bin missing") << "train" << removeLine(t.train, 10)
                                     << "train.csv:10: bin 10 of gene 000003 is missing";
        QTest::newRow("bins missing") << "train" << removeLine(removeLine(t.train, 10), 10)
                                      << "train.csv:10: bins 10..11 of gene 000003 are missing";
        QTest::newRow("first bin missing")
            << "train" << removeLine(t.train, 1) << "train.csv:1: bin 1 of gene 000003 is missing";
        QTest::newRow("bin duplicated")
            << "train" << replaceLine(t.train, 11, "000003,10,0,1,2,3,0,1")
            << "train.csv:11: bin 10 of gene 000003 is duplicated";
        QTest::newRow("bin out of order")
            << "train" << replaceLine(t.train, 20, "000003,5,0,1,2,3,0,1")
            << "train.csv:20: bin 5 of gene 000003 is out of order (after bin 19)";
        QTest::newRow("bin not a number")
            << "train" << replaceLine(t.train, 20, "000003,b20,0,1,2,3,0,1")
            << "train.csv:20: BinID 'b20' of gene 000003 is not a positive integer";
        QTest::newRow("too few bins") << "train" << geneRows(3, 1, 99) + geneRows(5, 0)
                                      << "train.csv:99: gene 000003 has 99 bins; expected 100";
        QTest::newRow("too many bins")
            << "train" << geneRows(3, 1, 101) + geneRows(5, 0)
            << "train.csv:101: bin 101 of gene 000003 is beyond the 100 bins";
        QTest::newRow("label changes")
            << "train" << replaceLine(t.train, 50, "000003,50,0,1,2,3,0,0")
            << "train.csv:50: label of gene 000003 changes from 1 (line 1) to 0";
        QTest::newRow("label not 0/1") << "valid" << replaceLine(t.valid, 1, "000419,1,0,1,2,3,0,2")
                                       << "valid.csv:1: label '2' of gene 000419 is not 0 or 1";
        QTest::newRow("gene twice in a file")
            << "train" << t.train + geneRows(3, 1)
            << "train.csv:201: gene 000003 appears twice (first at ";
        QTest::newRow("gene twice across splits")
            << "test" << geneRows(3, 1) + geneRows(938, 1)
            << "test.csv:1: gene 000003 appears twice (first at ";
        QTest::newRow("empty GeneID")
            << "train" << replaceLine(t.train, 1, ",1,0,1,2,3,0,1") << "train.csv:1: empty GeneID";
        // Issue 13, finding 12: such GeneIDs became genes.
        const QByteArray gene3 = geneRows(3, 1);
        QTest::newRow("GeneID with a space")
            << "train" << QByteArray(gene3).replace("000003,", "000 003,") + geneRows(5, 0)
            << "train.csv:1: GeneID '000 003' contains a space";
        QTest::newRow("GeneID too long")
            << "train" << QByteArray(gene3).replace("000003,", QByteArray(204800, 'g') + ',')
            << "train.csv:1: GeneID is 204800 characters long (at most 64)";
        QTest::newRow("GeneID not UTF-8") << "valid"
                                          << geneRows(419, 1) + QByteArray(geneRows(457, 0))
                                                                    .replace("000457,", "\xff"
                                                                                        "457,")
                                          << "valid.csv:101: GeneID is not valid UTF-8";
        QTest::newRow("GeneID with a control character")
            << "test"
            << QByteArray(geneRows(460, 0))
                   .replace("000460,", "000\x01"
                                       "460,")
            << "test.csv:1: GeneID contains the control character U+0001";
        QTest::newRow("empty split")
            << "test" << QByteArray() << "test.csv: empty split (no genes)";
        QTest::newRow("blank split")
            << "valid" << QByteArray("\n\r\n") << "valid.csv: empty split (no genes)";
        QTest::newRow("wrong header")
            << "train"
            << "GeneID,BinID,H3K4me3,H3K36me3,H3K4me1,H3K27me3,H3K9me3,label\n" + t.train
            << "train.csv:1: a header line that is not the DeepChrome header";
    }

    void malformed()
    {
        QFETCH(QString, split);
        QFETCH(QByteArray, text);
        QFETCH(QString, expected);
        CellTexts t;
        (split == QLatin1String("train")   ? t.train
         : split == QLatin1String("valid") ? t.valid
                                           : t.test) = text;
        const QString cell = QStringLiteral("M%1").arg(++m_case);
        const QString dir = writeCell(m_dir.path(), cell, t);
        RemcImporter importer(&m_annotation);
        CellData out;
        out.name = QStringLiteral("untouched");
        const RemcImportResult r = importer.importCell(dir, &out);
        QVERIFY(!r.ok);
        QVERIFY2(r.error.contains(QStringLiteral("/%1/classification/%2").arg(cell, expected)),
                 qPrintable(r.error));
        QCOMPARE(out.name, QStringLiteral("untouched"));

        // The same through a study edit, as the import command and the GUI do it: a root folder
        // with a good cell (imported first) and the bad one. The study stays byte-for-byte as it
        // was and no temporary file is left behind.
        const QString caseDir = m_dir.filePath(QStringLiteral("study-") + cell);
        QVERIFY(QDir().mkpath(caseDir));
        const QString study = caseDir + QStringLiteral("/study.h5");
        QVERIFY(QFile::copy(m_study, study));
        const QByteArray before = fileBytes(study);
        const QString root = caseDir + QStringLiteral("/remc");
        writeCell(root, QStringLiteral("E000"), CellTexts());
        writeCell(root, cell, t);
        QString error;
        RemcImportResult folder;
        {
            auto editor = StudyEditor::begin(study, &error);
            QVERIFY2(editor, qPrintable(error));
            QStringList written;
            folder = importer.importFolder(root, {}, [&](CellData&& c, QString* err) {
                written << c.name;
                return editor->writeCell(c, err);
            });
            QCOMPARE(written, QStringList{QStringLiteral("E000")});
        }
        QVERIFY(!folder.ok);
        QVERIFY2(folder.error.contains(QStringLiteral("/%1/classification/%2").arg(cell, expected)),
                 qPrintable(folder.error));
        QVERIFY(fileBytes(study) == before);
        QCOMPARE(QDir(caseDir).entryList(QDir::Files | QDir::Hidden),
                 QStringList{QStringLiteral("study.h5")});
    }

    void missingSplitFile()
    {
        const QString dir = writeCell(m_dir.path(), QStringLiteral("E905"), CellTexts());
        QVERIFY(QFile::remove(dir + QStringLiteral("/classification/valid.csv")));
        RemcImporter importer;
        CellData cell;
        const RemcImportResult r = importer.importCell(dir, &cell);
        QVERIFY(!r.ok);
        QVERIFY2(r.error.contains(
                     QStringLiteral("E905/classification: missing valid.csv (or valid.csv.gz)")),
                 qPrintable(r.error));
    }

    void corruptGzip()
    {
        const QString dir = writeCell(m_dir.path(), QStringLiteral("E906"), CellTexts());
        QVERIFY(QFile::remove(dir + QStringLiteral("/classification/test.csv")));
        QByteArray gz;
        {
            const QString tmp = m_dir.filePath(QStringLiteral("whole.gz"));
            QVERIFY(writeGzip(tmp, CellTexts().test));
            QFile f(tmp);
            QVERIFY(f.open(QIODevice::ReadOnly));
            gz = f.readAll();
        }
        QVERIFY(
            writeFile(dir + QStringLiteral("/classification/test.csv.gz"), gz.left(gz.size() / 2)));
        RemcImporter importer;
        CellData cell;
        const RemcImportResult r = importer.importCell(dir, &cell);
        QVERIFY(!r.ok);
        // Issue 13, finding 12: the line the data broke off in is named.
        QVERIFY2(QRegularExpression(QStringLiteral("E906/classification/test\\.csv\\.gz:[0-9]+: "
                                                   "gzip data is truncated"))
                     .match(r.error)
                     .hasMatch(),
                 qPrintable(r.error));
        const int line = r.error.section(QLatin1Char(':'), 1, 1).toInt();
        QVERIFY2(line > 1 && line <= 200, qPrintable(r.error));

        // Damaged in the middle (not cut short): named as damaged, also with the line reached.
        QByteArray damaged = gz;
        for (qsizetype i = gz.size() / 2; i < gz.size() / 2 + 16; ++i)
            damaged[i] = char(damaged[i] ^ 0x55);
        QVERIFY(writeFile(dir + QStringLiteral("/classification/test.csv.gz"), damaged));
        const RemcImportResult d = importer.importCell(dir, &cell);
        QVERIFY(!d.ok);
        QVERIFY2(QRegularExpression(QStringLiteral("test\\.csv\\.gz:[0-9]+: damaged gzip data \\("))
                     .match(d.error)
                     .hasMatch(),
                 qPrintable(d.error));
    }

    // Issue 13, finding 12: train.csv beside train.csv.gz was read and the .gz ignored silently.
    void plainBesideGzipIsAnError()
    {
        const QString dir = writeCell(m_dir.path(), QStringLiteral("E930"), CellTexts());
        const QString cls = dir + QStringLiteral("/classification/");
        QVERIFY(writeGzip(cls + QStringLiteral("train.csv.gz"), CellTexts().train));
        RemcImporter importer;
        CellData cell;
        const RemcImportResult r = importer.importCell(dir, &cell);
        QVERIFY(!r.ok);
        QCOMPARE(r.error,
                 QStringLiteral("%1 and %2 both exist: keep one of them (they may hold "
                                "different data)")
                     .arg(cls + QStringLiteral("train.csv"), cls + QStringLiteral("train.csv.gz")));
    }

    // Issue 13, finding 12: a FIFO, a symbolic link loop or /dev/zero was "missing"; a FIFO must
    // not block the import and /dev/zero must not be read forever.
    void specialFilesAreNamed_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("expected");
        QTest::newRow("fifo") << "fifo"
                              << "a named pipe (FIFO), not a regular file";
        QTest::newRow("loop") << "loop"
                              << "symbolic link loop";
        QTest::newRow("dev-zero") << "zero"
                                  << "a device, not a regular file";
        QTest::newRow("broken-link") << "broken"
                                     << "broken symbolic link";
        QTest::newRow("folder") << "folder"
                                << "a folder, not a file";
    }

    void specialFilesAreNamed()
    {
        QFETCH(QString, kind);
        QFETCH(QString, expected);
        const QString dir = writeCell(m_dir.path(), QStringLiteral("E931") + kind, CellTexts());
        const QString valid = dir + QStringLiteral("/classification/valid.csv");
        QVERIFY(QFile::remove(valid));
        const QByteArray local = QFile::encodeName(valid);
        if (kind == QLatin1String("fifo"))
            QCOMPARE(::mkfifo(local.constData(), 0600), 0);
        else if (kind == QLatin1String("loop"))
            QCOMPARE(::symlink(local.constData(), local.constData()), 0);
        else if (kind == QLatin1String("zero"))
            QVERIFY(QFile::link(QStringLiteral("/dev/zero"), valid));
        else if (kind == QLatin1String("broken"))
            QVERIFY(QFile::link(valid + QStringLiteral(".absent"), valid));
        else
            QVERIFY(QDir().mkdir(valid));
        RemcImporter importer;
        CellData cell;
        const RemcImportResult r = importer.importCell(dir, &cell); // would block on the FIFO
        QVERIFY(!r.ok);
        QVERIFY2(r.error.startsWith(valid + QStringLiteral(": ") + expected), qPrintable(r.error));
    }

    // Issue 13, finding 12: a stray carriage return quoted in an error garbled the terminal.
    void controlCharactersEscapedInErrors()
    {
        CellTexts t;
        t.train = replaceLine(t.train, 7, "000003,7,1\r\x1b[2J,0,0,0,0,1");
        const QString dir = writeCell(m_dir.path(), QStringLiteral("E932"), t);
        RemcImporter importer;
        CellData cell;
        const RemcImportResult r = importer.importCell(dir, &cell);
        QVERIFY(!r.ok);
        QVERIFY2(r.error.contains(QStringLiteral("train.csv:7: ")), qPrintable(r.error));
        QVERIFY2(r.error.contains(QStringLiteral("1\\r\\x1b[2J")), qPrintable(r.error));
        for (const QChar c : r.error)
            QVERIFY2(c == QLatin1Char('\n') || c.unicode() >= 0x20, qPrintable(r.error));
    }

    void severalProblemsReported()
    {
        CellTexts t;
        t.train = replaceLine(
            replaceLine(replaceLine(t.train, 5, "000003,5,x,0,0,0,0,1"), 105, "000005,5,0,0,0,0,0"),
            150, "000005,50,0,0,0,0,0,1");
        const QString dir = writeCell(m_dir.path(), QStringLiteral("E907"), t);
        RemcImporter importer;
        importer.setMaxProblems(2);
        CellData cell;
        const RemcImportResult r = importer.importCell(dir, &cell);
        QVERIFY(!r.ok);
        const QStringList lines = r.error.split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 3);
        QVERIFY2(lines[0].contains(QStringLiteral("train.csv:5: ")), qPrintable(r.error));
        QVERIFY2(lines[1].contains(QStringLiteral("train.csv:105: ")), qPrintable(r.error));
        QCOMPARE(lines[2], QStringLiteral("(stopped after 2 problems)"));
    }

    void folderOfCells()
    {
        const QString root = m_dir.filePath(QStringLiteral("root"));
        writeCell(root, QStringLiteral("E010"), CellTexts());
        writeCell(root, QStringLiteral("E002"), CellTexts());
        QDir().mkpath(root + QStringLiteral("/not-a-cell"));
        QCOMPARE(RemcImporter::cellFolders(root).size(), 2);
        QVERIFY(RemcImporter::isCellFolder(root + QStringLiteral("/E002")));
        QVERIFY(RemcImporter::isCellFolder(root + QStringLiteral("/E002/classification")));
        QVERIFY(!RemcImporter::isCellFolder(root));

        RemcImporter importer(&m_annotation);
        QStringList seen;
        double lastFraction = -1;
        bool monotonic = true;
        importer.setProgressCallback([&](const Progress& p) {
            monotonic = monotonic && p.fraction >= lastFraction && p.fraction <= 1.0;
            lastFraction = p.fraction;
            return true;
        });
        const auto sink = [&](CellData&& cell, QString*) {
            seen << cell.name + QLatin1Char(':') + QString::number(cell.geneCount());
            return true;
        };
        RemcImportResult r = importer.importFolder(root, {}, sink);
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(seen, (QStringList{QStringLiteral("E002:6"), QStringLiteral("E010:6")}));
        QCOMPARE(r.cells, (QStringList{QStringLiteral("E002"), QStringLiteral("E010")}));
        QVERIFY(monotonic);
        QCOMPARE(lastFraction, 1.0);

        seen.clear();
        r = importer.importFolder(root, {QStringLiteral("E010")}, sink);
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(seen, QStringList{QStringLiteral("E010:6")});

        r = importer.importFolder(root, {QStringLiteral("E404")}, sink);
        QVERIFY(!r.ok);
        QVERIFY2(r.error.contains(QStringLiteral("no cell folder named E404")),
                 qPrintable(r.error));

        r = importer.importFolder(root + QStringLiteral("/not-a-cell"), {}, sink);
        QVERIFY(!r.ok);
        QVERIFY2(r.error.contains(QStringLiteral("not-a-cell: no REMC cell folder in it")),
                 qPrintable(r.error));

        // A sink failure stops the import with the sink's error.
        r = importer.importFolder(root, {}, [](CellData&&, QString* error) {
            *error = QStringLiteral("disk full");
            return false;
        });
        QVERIFY(!r.ok);
        QCOMPARE(r.error, QStringLiteral("disk full"));
    }

    void cancel()
    {
        // Enough rows that the callback is asked more than once inside a file.
        CellTexts t;
        t.train.clear();
        for (int g = 1; g <= 700; ++g)
            t.train += geneRows(100000 + g, g % 2);
        const QString dir = writeCell(m_dir.path(), QStringLiteral("E908"), t);
        RemcImporter importer;
        int calls = 0;
        importer.setProgressCallback([&](const Progress&) { return ++calls < 2; });
        CellData cell;
        const RemcImportResult r = importer.importCell(dir, &cell);
        QVERIFY(!r.ok);
        QCOMPARE(r.error, QStringLiteral("cancelled"));
        QCOMPARE(calls, 2);
        QVERIFY(cell.genes.empty());
    }
};

QTEST_GUILESS_MAIN(TestRemcImporter)
#include "tst_remcimporter.moc"
