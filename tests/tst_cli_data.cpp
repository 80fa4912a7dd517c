// Runs attentivechrome-cli ($AC_CLI) import, info and simulate as a user would: exit codes,
// one-line errors naming file and line, and a failed import leaving the study byte-for-byte
// unchanged (issue 2).
#include "CliRunner.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

namespace
{

ac::testing::CliRun runCli(const QStringList& args)
{
    return ac::testing::runCli(args, 120000);
}

/// stderr without warning lines.
QStringList errorLines(const ac::testing::CliRun& r)
{
    QStringList lines;
    for (const QString& l : r.err.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        if (!l.contains(QLatin1String(": warning: ")))
            lines << l;
    return lines;
}

QByteArray geneRows(int idNumber, int label, int bins = 100)
{
    QByteArray out;
    const QByteArray id = QByteArray::number(idNumber).rightJustified(6, '0');
    for (int b = 1; b <= bins; ++b)
        out += id + ',' + QByteArray::number(b) + ',' + QByteArray::number(b % 3) + ",1," +
               QByteArray::number(b % 5) + ",4,0," + QByteArray::number(label) + '\n';
    return out;
}

QByteArray replaceLine(QByteArray text, int line, const QByteArray& replacement)
{
    QList<QByteArray> lines = text.split('\n');
    lines[line - 1] = replacement;
    return lines.join('\n');
}

bool writeFile(const QString& path, const QByteArray& data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

QByteArray fileBytes(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/// A REMC cell folder with 2 genes per split (ids base+1..base+6), one split replaceable.
QString writeCell(const QString& root, const QString& cell, int base,
                  const QString& badSplit = QString(), const QByteArray& badText = QByteArray())
{
    const QString cls = root + QLatin1Char('/') + cell + QStringLiteral("/classification/");
    const char* stems[3] = {"train", "valid", "test"};
    for (int s = 0; s < 3; ++s) {
        QByteArray text = geneRows(base + 2 * s + 1, 1) + geneRows(base + 2 * s + 2, 0);
        if (badSplit == QLatin1String(stems[s]))
            text = badText;
        writeFile(cls + QLatin1String(stems[s]) + QStringLiteral(".csv"), text);
    }
    return root + QLatin1Char('/') + cell;
}

} // namespace

class TestCliData : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_case = 0;
    QString m_baseline; ///< a study with cell E001, copied by the tests that need one

    /// A fresh copy of the baseline study in its own folder.
    QString copyBaseline(const QString& folder)
    {
        const QString dir = m_dir.filePath(folder);
        QDir().mkpath(dir);
        const QString study = dir + QStringLiteral("/study.h5");
        QFile::copy(m_baseline, study);
        return study;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (qEnvironmentVariableIsEmpty("AC_CLI"))
            QSKIP("AC_CLI is not set; run through ctest");
        QVERIFY(m_dir.isValid());
        const QString imported = m_dir.filePath(QStringLiteral("baseline/study.h5"));
        const ac::testing::CliRun r = runCli(
            {QStringLiteral("import"),
             writeCell(m_dir.filePath(QStringLiteral("baseline")), QStringLiteral("E001"), 0),
             QStringLiteral("--study"), imported});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        // One file, so that a copy of it is a study of its own (issue 12: pack).
        m_baseline = m_dir.filePath(QStringLiteral("baseline/packed.h5"));
        const ac::testing::CliRun pack = runCli({QStringLiteral("pack"), QStringLiteral("--study"),
                                                 imported, QStringLiteral("--out"), m_baseline});
        QVERIFY2(pack.exitCode == 0 && pack.out.startsWith(QStringLiteral("packed ")),
                 qPrintable(pack.err));
    }

    void help()
    {
        const std::pair<const char*, const char*> commands[] = {
            {"import", "--annotation"}, {"info", "--cell"}, {"simulate", "--demo"}};
        for (const auto& [command, option] : commands) {
            const ac::testing::CliRun r =
                runCli({QLatin1String(command), QStringLiteral("--help")});
            QCOMPARE(r.exitCode, 0);
            QVERIFY2(r.out.contains(QLatin1String(option)), qPrintable(r.out));
        }
    }

    void simulateAndInfo()
    {
        const QString a = m_dir.filePath(QStringLiteral("sim-a.h5"));
        const QString b = m_dir.filePath(QStringLiteral("sim-b.h5"));
        for (const QString& path : {a, b}) {
            const ac::testing::CliRun r =
                runCli({QStringLiteral("simulate"), QStringLiteral("--cells"), QStringLiteral("2"),
                        QStringLiteral("--genes"), QStringLiteral("60"), QStringLiteral("--seed"),
                        QStringLiteral("7"), QStringLiteral("--out"), path});
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        }
        const ac::testing::CliRun info = runCli({QStringLiteral("info"), a});
        QVERIFY2(info.exitCode == 0, qPrintable(info.err));
        QVERIFY2(info.out.contains(QStringLiteral(
                     "file format version: 3 (unpacked: an index and the folder sim-a.h5.parts)")),
                 qPrintable(info.out));
        QVERIFY2(info.out.contains(QStringLiteral("cell types: 2 (SimCell1, SimCell2)")),
                 qPrintable(info.out));
        QVERIFY(info.out.contains(QStringLiteral("cell SimCell2: 60 genes")));
        QVERIFY(info.out.contains(QStringLiteral("H3K27me3, H3K36me3, H3K4me1, H3K4me3, H3K9me3")));
        QVERIFY(info.out.contains(QStringLiteral("bins: 100 × 100 bp, TSS-5000 .. TSS+5000 bp")));
        QVERIFY2(info.out.contains(QRegularExpression(QStringLiteral("all +60 +30 +30 +50.0%"))),
                 qPrintable(info.out));
        // Issue 14, item 4: the assembly recorded by simulate, and the track's coverage as the
        // import reports it.
        QVERIFY(info.out.contains(QStringLiteral("genome assembly: hg19")));
        QVERIFY2(info.out.contains(QStringLiteral("track H3K27ac (hg19): 100 bins, 60 of 60 genes "
                                                  "covered, 0 missing (NaN)")),
                 qPrintable(info.out));
        // Same seed, same study content.
        const ac::testing::CliRun infoB = runCli({QStringLiteral("info"), b});
        QCOMPARE(infoB.out.section(QLatin1Char('\n'), 2), info.out.section(QLatin1Char('\n'), 2));

        const ac::testing::CliRun bad =
            runCli({QStringLiteral("simulate"), QStringLiteral("--genes"), QStringLiteral("x"),
                    QStringLiteral("--out"), a});
        QCOMPARE(bad.exitCode, 1);
        QCOMPARE(errorLines(bad).size(), 1);
        QVERIFY(bad.err.contains(QStringLiteral("--genes 'x' is not a number")));
        const ac::testing::CliRun noOut = runCli({QStringLiteral("simulate")});
        QCOMPARE(noOut.exitCode, 1);
        QVERIFY(noOut.err.contains(
            QStringLiteral("--out (a study) or --remc-out (a folder) is required")));
    }

    /// Issue 12: `simulate --remc-out` writes the REMC download layout (for trying pipelines);
    /// importing it gives the cells `--out` writes, and the track imports as a binned CSV.
    /// Issue 12: pack writes one file of an unpacked study; unpack turns it back; their errors
    /// name the file.
    void packAndUnpack()
    {
        const QString unpacked = m_dir.filePath(QStringLiteral("pack/u.h5"));
        QDir().mkpath(m_dir.filePath(QStringLiteral("pack")));
        QCOMPARE(runCli({QStringLiteral("simulate"), QStringLiteral("--cells"), QStringLiteral("2"),
                         QStringLiteral("--genes"), QStringLiteral("30"), QStringLiteral("--out"),
                         unpacked})
                     .exitCode,
                 0);
        const QString one = m_dir.filePath(QStringLiteral("pack/one.h5"));
        const ac::testing::CliRun pack = runCli({QStringLiteral("pack"), QStringLiteral("--study"),
                                                 unpacked, QStringLiteral("--out"), one});
        QVERIFY2(pack.exitCode == 0, qPrintable(pack.err));
        const ac::testing::CliRun info = runCli({QStringLiteral("info"), one});
        QVERIFY2(info.out.contains(QStringLiteral("file format version: 2 (packed: one file)")),
                 qPrintable(info.out));
        const ac::testing::CliRun self = runCli({QStringLiteral("pack"), QStringLiteral("--study"),
                                                 unpacked, QStringLiteral("--out"), unpacked});
        QCOMPARE(self.exitCode, 1);
        QVERIFY2(self.err.contains(unpacked + QStringLiteral(": a study cannot be packed onto "
                                                             "itself")),
                 qPrintable(self.err));
        const ac::testing::CliRun noOut =
            runCli({QStringLiteral("pack"), QStringLiteral("--study"), unpacked});
        QCOMPARE(noOut.exitCode, 1);
        QVERIFY2(noOut.err.contains(QStringLiteral("--out")), qPrintable(noOut.err));
        const ac::testing::CliRun back =
            runCli({QStringLiteral("unpack"), QStringLiteral("--study"), one});
        QVERIFY2(back.exitCode == 0 &&
                     back.out.contains(QStringLiteral("2 cell type(s) and 0 run(s) in ")),
                 qPrintable(back.err + back.out));
        const ac::testing::CliRun again =
            runCli({QStringLiteral("unpack"), QStringLiteral("--study"), one});
        QCOMPARE(again.exitCode, 1);
        QVERIFY2(again.err.contains(one + QStringLiteral(": the study is unpacked already")),
                 qPrintable(again.err));
        const ac::testing::CliRun missing =
            runCli({QStringLiteral("pack"), QStringLiteral("--study"), m_dir.filePath("none.h5"),
                    QStringLiteral("--out"), one});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY2(missing.err.contains(QStringLiteral("none.h5: no such file")),
                 qPrintable(missing.err));
    }

    void simulateRemcLayout()
    {
        const QString root = m_dir.filePath(QStringLiteral("sim-remc/root"));
        const QString study = m_dir.filePath(QStringLiteral("sim-remc/study.h5"));
        const ac::testing::CliRun sim =
            runCli({QStringLiteral("simulate"), QStringLiteral("--cells"), QStringLiteral("2"),
                    QStringLiteral("--genes"), QStringLiteral("60"), QStringLiteral("--seed"),
                    QStringLiteral("7"), QStringLiteral("--remc-out"), root});
        QVERIFY2(sim.exitCode == 0, qPrintable(sim.err));
        for (const char* split : {"train", "valid", "test"})
            QVERIFY(QFileInfo::exists(
                root +
                QStringLiteral("/SimCell2/classification/%1.csv").arg(QLatin1String(split))));
        const ac::testing::CliRun imp =
            runCli({QStringLiteral("import"), root, QStringLiteral("--study"), study});
        QVERIFY2(imp.exitCode == 0, qPrintable(imp.err));
        const ac::testing::CliRun track =
            runCli({QStringLiteral("import-track"), QStringLiteral("--study"), study,
                    QStringLiteral("--cell"), QStringLiteral("SimCell1"),
                    QStringLiteral("--format"), QStringLiteral("csv"), QStringLiteral("--file"),
                    root + QStringLiteral("/SimCell1/H3K27ac.csv"), QStringLiteral("--name"),
                    QStringLiteral("H3K27ac")});
        QVERIFY2(track.exitCode == 0, qPrintable(track.err));
        const ac::testing::CliRun info = runCli({QStringLiteral("info"), study});
        QVERIFY2(info.out.contains(QStringLiteral("cell types: 2 (SimCell1, SimCell2)")),
                 qPrintable(info.out));
        // The label balance of the seed-7 simulation (as in simulateAndInfo) and a full track.
        QVERIFY2(info.out.contains(QRegularExpression(QStringLiteral("all +60 +30 +30 +50.0%"))),
                 qPrintable(info.out));
        QVERIFY2(
            info.out.contains(QStringLiteral("track H3K27ac: 100 bins, 60 of 60 genes covered")),
            qPrintable(info.out));
    }

    /// Issue 13, finding 12: a study in a missing folder is refused; the folder is not created.
    void studyInMissingFolderRefused()
    {
        const QString missing = m_dir.filePath(QStringLiteral("no/such/dir"));
        const ac::testing::CliRun sim =
            runCli({QStringLiteral("simulate"), QStringLiteral("--cells"), QStringLiteral("1"),
                    QStringLiteral("--genes"), QStringLiteral("20"), QStringLiteral("--out"),
                    missing + QStringLiteral("/s.h5")});
        QCOMPARE(sim.exitCode, 1);
        QCOMPARE(errorLines(sim).size(), 1);
        QVERIFY2(sim.err.contains(missing + QStringLiteral(": no such folder")),
                 qPrintable(sim.err));
        QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("no"))));

        const QString root = m_dir.filePath(QStringLiteral("missing-folder"));
        writeCell(root, QStringLiteral("E001"), 0);
        const QString relative = QStringLiteral("missing/dir");
        const ac::testing::CliRun imp =
            runCli({QStringLiteral("import"), root + QStringLiteral("/E001"),
                    QStringLiteral("--study"), relative + QStringLiteral("/s.h5")});
        QCOMPARE(imp.exitCode, 1);
        QCOMPARE(errorLines(imp).size(), 1);
        QVERIFY2(imp.err.contains(relative + QStringLiteral(": no such folder")),
                 qPrintable(imp.err));
        QVERIFY(!QFileInfo::exists(QStringLiteral("missing")));
    }

    void importAndInfo()
    {
        const QString root = m_dir.filePath(QStringLiteral("remc"));
        writeCell(root, QStringLiteral("E001"), 0);
        writeCell(root, QStringLiteral("E002"), 100);
        const QString study = m_dir.filePath(QStringLiteral("imported.h5"));
        ac::testing::CliRun r = runCli({QStringLiteral("import"), root + QStringLiteral("/E002"),
                                        QStringLiteral("--study"), study});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("E002: 6 genes (train 2, valid 2, test 2)")),
                 qPrintable(r.out));
        r = runCli({QStringLiteral("import"), root, QStringLiteral("--study"), study,
                    QStringLiteral("--cell"), QStringLiteral("E002,E001")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(
            r.out.contains(QStringLiteral("E002: 6 genes (train 2, valid 2, test 2), replacing "
                                          "the cell of that name")),
            qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("E001: 6 genes (train 2, valid 2, test 2)\n")),
                 qPrintable(r.out));
        const ac::testing::CliRun info =
            runCli({QStringLiteral("info"), QStringLiteral("--study"), study});
        QVERIFY2(info.exitCode == 0, qPrintable(info.err));
        QVERIFY2(info.out.contains(QStringLiteral("cell types: 2 (E002, E001)")),
                 qPrintable(info.out));
        QVERIFY(info.out.contains(QStringLiteral("cell E001: 6 genes")));
        QVERIFY2(info.out.contains(QRegularExpression(QStringLiteral("train +2 +1 +1 +50.0%"))),
                 qPrintable(info.out));
        // 000003 and 000005 are TSPAN6 and TNMD in the bundled annotation.
        QVERIFY2(
            info.out.contains(QStringLiteral("genes with Ensembl id: 6, with symbol and locus:")),
            qPrintable(info.out));
        QVERIFY(info.out.contains(QStringLiteral("tracks: none")));
        QVERIFY(info.out.contains(QStringLiteral("runs: none")));

        const ac::testing::CliRun one = runCli(
            {QStringLiteral("info"), study, QStringLiteral("--cell"), QStringLiteral("E404")});
        QCOMPARE(one.exitCode, 1);
        QVERIFY(one.err.contains(QStringLiteral("no cell type E404")));
    }

    void failedImportLeavesStudyUnchanged_data()
    {
        QTest::addColumn<QString>("split");
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("expected");
        // Every rule is checked in-process (with an unchanged study) by tst_remcimporter; here
        // a few go through the command as a user runs it.
        const QByteArray train = geneRows(201, 1) + geneRows(202, 0);
        QTest::newRow("columns") << "train" << replaceLine(train, 3, "000201,3,0,1,2")
                                 << "train.csv:3: expected 8";
        QTest::newRow("negative")
            << "train" << replaceLine(train, 4, "000201,4,0,1,2,3,-4,1")
            << "train.csv:4: H3K9me3 count '-4' of gene 000201 bin 4 is negative";
        QTest::newRow("float overflow (issue 13)")
            << "train" << replaceLine(train, 5, "000201,5,0,1e39,2,3,4,1")
            << "train.csv:5: H3K36me3 count '1e39' of gene 000201 bin 5 does not fit a 32-bit "
               "float";
        QTest::newRow("gene twice")
            << "valid" << geneRows(201, 1) << "valid.csv:1: gene 000201 appears twice";
        QTest::newRow("empty split") << "test" << QByteArray() << "test.csv: empty split";
    }

    void failedImportLeavesStudyUnchanged()
    {
        QFETCH(QString, split);
        QFETCH(QByteArray, text);
        QFETCH(QString, expected);
        // An existing study with one good cell.
        const QString folder = QStringLiteral("case%1").arg(++m_case);
        const QString dir = m_dir.filePath(folder);
        const QString study = copyBaseline(folder);
        const QByteArray before = fileBytes(study);
        QVERIFY(!before.isEmpty());

        // A root with a good cell and a bad one: the good one must not land either.
        const QString root = dir + QStringLiteral("/remc");
        writeCell(root, QStringLiteral("E002"), 100);
        writeCell(root, QStringLiteral("E003"), 200, split, text);
        const ac::testing::CliRun r =
            runCli({QStringLiteral("import"), root, QStringLiteral("--study"), study});
        QCOMPARE(r.exitCode, 1);
        const QStringList lines = errorLines(r);
        QCOMPARE(lines.size(), 1);
        QVERIFY2(lines[0].startsWith(QStringLiteral("attentivechrome-cli import: error: ")),
                 qPrintable(lines[0]));
        QVERIFY2(lines[0].contains(QStringLiteral("/E003/classification/") + expected),
                 qPrintable(lines[0]));
        QVERIFY(fileBytes(study) == before);
        QCOMPARE(QDir(dir).entryList(QDir::Files | QDir::Hidden),
                 QStringList{QStringLiteral("study.h5")});
    }

    void otherFailuresLeaveStudyUnchanged()
    {
        const QString dir = m_dir.filePath(QStringLiteral("other"));
        const QString study = copyBaseline(QStringLiteral("other"));
        writeCell(dir, QStringLiteral("E001"), 0);
        const QByteArray before = fileBytes(study);
        ac::testing::CliRun r;

        // Malformed annotation: named with its line.
        const QString annotation = dir + QStringLiteral("/genes.tsv");
        writeFile(annotation,
                  "ensembl_id\tsymbol\tchrom\ttss\tstrand\nENSG00000000001\tA\tchr1\tx\t+\n");
        r = runCli({QStringLiteral("import"), dir + QStringLiteral("/E001"),
                    QStringLiteral("--study"), study, QStringLiteral("--annotation"), annotation});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(annotation + QStringLiteral(":2: tss 'x'")), qPrintable(r.err));
        QVERIFY(fileBytes(study) == before);

        // Missing split file, unknown cell, not a folder.
        const QString cell = writeCell(dir + QStringLiteral("/remc"), QStringLiteral("E009"), 0);
        QVERIFY(QFile::remove(cell + QStringLiteral("/classification/test.csv")));
        r = runCli({QStringLiteral("import"), cell, QStringLiteral("--study"), study});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("E009/classification: missing test.csv")),
                 qPrintable(r.err));
        r = runCli({QStringLiteral("import"), dir + QStringLiteral("/remc"),
                    QStringLiteral("--study"), study, QStringLiteral("--cell"),
                    QStringLiteral("E404")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("no cell folder named E404")), qPrintable(r.err));
        r = runCli({QStringLiteral("import"), dir + QStringLiteral("/nope"),
                    QStringLiteral("--study"), study});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("nope: no such folder")), qPrintable(r.err));
        QVERIFY(fileBytes(study) == before);

        // A file that is not a study is never overwritten, and info says what it is.
        const QString notStudy = dir + QStringLiteral("/notes.h5");
        writeFile(notStudy, "not hdf5");
        r = runCli({QStringLiteral("import"), dir + QStringLiteral("/E001"),
                    QStringLiteral("--study"), notStudy});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(notStudy), qPrintable(r.err));
        QCOMPARE(fileBytes(notStudy), QByteArray("not hdf5"));
        r = runCli({QStringLiteral("info"), notStudy});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(errorLines(r).size(), 1);
        QVERIFY2(r.err.contains(notStudy), qPrintable(r.err));

        r = runCli({QStringLiteral("import"), dir + QStringLiteral("/E001")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains(QStringLiteral("--study is required")));
    }
};

QTEST_GUILESS_MAIN(TestCliData)
#include "tst_cli_data.moc"
