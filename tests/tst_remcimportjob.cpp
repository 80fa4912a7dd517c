// importRemc (core/jobs/RemcImportJob), the job behind `import` and File → Import REMC folder
// (issue 10: written once for the GUI and the CLI): cells go into a new or an existing study
// through one atomic commit; a malformed CSV line is named with its file and line; a failed or
// cancelled import leaves the study byte-for-byte unchanged.
#include "FileDigest.h"
#include "RemcCsvFixture.h"
#include "jobs/RemcImportJob.h"
#include "store/StudyFile.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace ac;

namespace
{

/// `<root>/<cell>/classification/{train,valid,test}.csv`: genes base+1.. (2 train, 2 valid,
/// 1 test); `valid` replaces the valid split when given.
bool writeCell(const QString& root, const QString& cell, int base, const QByteArray& valid = {})
{
    const QString dir = QDir(root).filePath(cell + QStringLiteral("/classification"));
    if (!QDir().mkpath(dir))
        return false;
    const QByteArray splits[3] = {
        testing::remcGeneRows(base + 1, 1) + testing::remcGeneRows(base + 2, 0),
        valid.isEmpty() ? testing::remcGeneRows(base + 3, 0) + testing::remcGeneRows(base + 4, 1)
                        : valid,
        testing::remcGeneRows(base + 5, 1)};
    const char* const stems[3] = {"train", "valid", "test"};
    for (int s = 0; s < 3; ++s) {
        QFile f(QDir(dir).filePath(QLatin1String(stems[s]) + QStringLiteral(".csv")));
        if (!f.open(QIODevice::WriteOnly) || f.write(splits[s]) != splits[s].size())
            return false;
    }
    return true;
}

QStringList cellsOf(const QString& study)
{
    QString error;
    const auto s = StudyFile::open(study, &error);
    if (!s)
        qWarning("%s", qPrintable(error));
    return s ? s->cellNames() : QStringList();
}

} // namespace

class TestRemcImportJob : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void importsIntoANewStudy();
    void addsToAnExistingStudy();
    void malformedCsvNamesFileAndLineAndLeavesStudyUnchanged();
    void failureLeavesNoNewStudy();
    void cancelLeavesStudyUnchanged_data();
    void cancelLeavesStudyUnchanged();
    void unknownCellOrTableIsNamed();

private:
    RemcImportRequest request(const QString& folder, const QString& study) const;
    /// A study holding E001 only, in its own folder.
    QString baseline(const QString& name);

    QTemporaryDir m_dir;
    QString m_remc; ///< cells E001 (genes 000001..) and E002 (000011..)
    int m_cancels = 0;
};

void TestRemcImportJob::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_remc = m_dir.filePath(QStringLiteral("remc"));
    QVERIFY(writeCell(m_remc, QStringLiteral("E001"), 0));
    QVERIFY(writeCell(m_remc, QStringLiteral("E002"), 10));
    QList<QByteArray> lines =
        (testing::remcGeneRows(23, 1) + testing::remcGeneRows(24, 0)).split('\n');
    lines[41] = "000023,42,1,2,x,4,0,1"; // line 42: H3K4me1 is not a number
    QVERIFY(writeCell(m_dir.filePath(QStringLiteral("bad")), QStringLiteral("E009"), 20,
                      lines.join('\n')));
}

RemcImportRequest TestRemcImportJob::request(const QString& folder, const QString& study) const
{
    RemcImportRequest r;
    r.folder = folder;
    r.studyPath = study;
    return r;
}

QString TestRemcImportJob::baseline(const QString& name)
{
    const QString study = m_dir.filePath(name + QStringLiteral(".h5"));
    RemcImportRequest r = request(m_remc, study);
    r.cells = QStringList{QStringLiteral("E001")};
    const RemcImportOutcome out = importRemc(r);
    if (!out.ok)
        qWarning("%s", qPrintable(out.error));
    return study;
}

void TestRemcImportJob::importsIntoANewStudy()
{
    const QString study = m_dir.filePath(QStringLiteral("new.h5"));
    QList<double> fractions;
    const RemcImportOutcome out = importRemc(request(m_remc, study), [&](const Progress& p) {
        fractions << p.fraction;
        return true;
    });
    QVERIFY2(out.ok, qPrintable(out.error));
    QVERIFY(!out.cancelled);
    QCOMPARE(out.cellNames(), (QStringList{QStringLiteral("E001"), QStringLiteral("E002")}));
    QCOMPARE(out.cells[0].genes, 5);
    QCOMPARE(out.cells[0].trainGenes, 2);
    QCOMPARE(out.cells[0].validGenes, 2);
    QCOMPARE(out.cells[0].testGenes, 1);
    QVERIFY(!out.cells[0].replaced);
    QVERIFY(out.csvBytes > 0);
    QVERIFY(!fractions.isEmpty());
    QCOMPARE(fractions.last(), -1.0); // "saving", the last stage
    QCOMPARE(cellsOf(study), (QStringList{QStringLiteral("E001"), QStringLiteral("E002")}));

    QString error;
    const auto s = StudyFile::open(study, &error);
    QVERIFY2(s, qPrintable(error));
    CellData cell;
    QVERIFY2(s->readCellIndex(QStringLiteral("E002"), &cell, &error), qPrintable(error));
    QCOMPARE(cell.geneCount(), 5);
    QCOMPARE(cell.genes[0].remcId, QStringLiteral("000011"));
    QCOMPARE(cell.genes[0].ensemblId, QStringLiteral("ENSG00000000011"));
}

void TestRemcImportJob::addsToAnExistingStudy()
{
    const QString study = baseline(QStringLiteral("existing"));
    QCOMPARE(cellsOf(study), QStringList{QStringLiteral("E001")});
    const RemcImportOutcome out = importRemc(request(m_remc, study));
    QVERIFY2(out.ok, qPrintable(out.error));
    QCOMPARE(out.cells.size(), std::size_t(2));
    QVERIFY(out.cells[0].replaced); // E001 was there
    QVERIFY(!out.cells[1].replaced);
    QCOMPARE(cellsOf(study), (QStringList{QStringLiteral("E001"), QStringLiteral("E002")}));
}

void TestRemcImportJob::malformedCsvNamesFileAndLineAndLeavesStudyUnchanged()
{
    const QString study = baseline(QStringLiteral("malformed"));
    const QByteArray before = testing::fileDigest(study);
    QVERIFY(!before.isEmpty());
    const RemcImportOutcome out =
        importRemc(request(m_dir.filePath(QStringLiteral("bad/E009")), study));
    QVERIFY(!out.ok);
    QVERIFY(!out.cancelled);
    QVERIFY2(out.error.contains(QStringLiteral("E009/classification/valid.csv:42: H3K4me1 count "
                                               "'x' of gene 000023 bin 42 is not a number")),
             qPrintable(out.error));
    QCOMPARE(testing::fileDigest(study), before);
    QCOMPARE(cellsOf(study), QStringList{QStringLiteral("E001")});
}

void TestRemcImportJob::failureLeavesNoNewStudy()
{
    const QString study = m_dir.filePath(QStringLiteral("never.h5"));
    // E001 reads and is written to the editor's copy; E009 fails: nothing is committed.
    const QString root = m_dir.filePath(QStringLiteral("mixed"));
    QVERIFY(writeCell(root, QStringLiteral("E001"), 0));
    QVERIFY(writeCell(root, QStringLiteral("E009"), 20, "000023,1,1,2,3,4,0,2\n"));
    const RemcImportOutcome out = importRemc(request(root, study));
    QVERIFY(!out.ok);
    QVERIFY2(out.error.contains(QStringLiteral("valid.csv:1: label '2' of gene 000023")),
             qPrintable(out.error));
    QVERIFY(!QFileInfo::exists(study));
}

void TestRemcImportJob::cancelLeavesStudyUnchanged_data()
{
    QTest::addColumn<QString>("stage"); // cancel at the first message starting with this
    QTest::newRow("reading") << QString();
    QTest::newRow("writing a cell") << QStringLiteral("writing E002");
    QTest::newRow("saving") << QStringLiteral("saving");
}

void TestRemcImportJob::cancelLeavesStudyUnchanged()
{
    QFETCH(QString, stage);
    const QString study = baseline(QStringLiteral("cancel-%1").arg(++m_cancels));
    const QByteArray before = testing::fileDigest(study);
    QStringList messages;
    const RemcImportOutcome out = importRemc(request(m_remc, study), [&](const Progress& p) {
        messages << p.message;
        return !p.message.startsWith(stage);
    });
    QVERIFY(!out.ok);
    QVERIFY(out.cancelled);
    QCOMPARE(out.error, QStringLiteral("cancelled"));
    QVERIFY(!messages.isEmpty());
    QVERIFY2(messages.last().startsWith(stage), qPrintable(messages.last()));
    QCOMPARE(testing::fileDigest(study), before);
}

void TestRemcImportJob::unknownCellOrTableIsNamed()
{
    const QString study = baseline(QStringLiteral("unknown"));
    const QByteArray before = testing::fileDigest(study);
    RemcImportRequest r = request(m_remc, study);
    r.cells = QStringList{QStringLiteral("E777")};
    RemcImportOutcome out = importRemc(r);
    QVERIFY(!out.ok);
    QVERIFY2(out.error.contains(QStringLiteral("no cell folder named E777")),
             qPrintable(out.error));

    r = request(m_remc, study);
    r.annotationPath = m_dir.filePath(QStringLiteral("no-such-table.tsv"));
    out = importRemc(r);
    QVERIFY(!out.ok);
    QVERIFY2(out.error.contains(QStringLiteral("no-such-table.tsv")), qPrintable(out.error));
    QCOMPARE(testing::fileDigest(study), before);
}

QTEST_GUILESS_MAIN(TestRemcImportJob)
#include "tst_remcimportjob.moc"
