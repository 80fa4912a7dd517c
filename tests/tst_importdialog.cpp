// Import REMC folder from the GUI: the worker thread imports a folder the test writes into a new
// study; a malformed CSV line is reported with file and line and leaves the study unchanged.
#include "FileDigest.h"
#include "ImportDialog.h"
#include "RemcCsvFixture.h"
#include "store/StudyFile.h"

#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace ac;

namespace
{

bool writeCellFolder(const QString& root, const QString& cell, const QByteArray& validOverride = {})
{
    const QString dir = QDir(root).filePath(cell + QStringLiteral("/classification"));
    if (!QDir().mkpath(dir))
        return false;
    const char* names[] = {"train", "valid", "test"};
    for (int s = 0; s < 3; ++s) {
        QFile f(QDir(dir).filePath(QString::fromLatin1(names[s]) + QStringLiteral(".csv")));
        if (!f.open(QIODevice::WriteOnly))
            return false;
        const QByteArray data =
            s == 1 && !validOverride.isEmpty()
                ? validOverride
                : testing::remcGeneRows(3 + 2 * s, 1) + testing::remcGeneRows(4 + 2 * s, 0);
        f.write(data);
    }
    return true;
}

} // namespace

class TestImportDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void importsIntoANewStudy()
    {
        QTemporaryDir dir;
        QVERIFY(writeCellFolder(dir.path(), QStringLiteral("E901")));
        const QString study = dir.filePath(QStringLiteral("s.h5"));
        ImportDialog d(study);
        d.setFolder(dir.filePath(QStringLiteral("E901")));
        QSignalSpy done(&d, &ImportDialog::jobFinished);
        QSignalSpy imported(&d, &ImportDialog::imported);
        QVERIFY(d.startImport());
        QVERIFY(d.isRunning());
        QTRY_VERIFY_WITH_TIMEOUT(done.count() == 1, 30000);
        QVERIFY2(done.at(0).at(0).toBool(), qPrintable(d.resultText()));
        QCOMPARE(imported.count(), 1);
        QCOMPARE(imported.at(0).at(0).toString(), study);
        QCOMPARE(imported.at(0).at(1).toStringList(), QStringList{QStringLiteral("E901")});
        QString err;
        auto s = StudyFile::open(study, &err);
        QVERIFY2(s, qPrintable(err));
        CellData cell;
        QVERIFY2(s->readCellIndex(QStringLiteral("E901"), &cell, &err), qPrintable(err));
        QCOMPARE(cell.geneCount(), 6);
        QCOMPARE(cell.genes[0].ensemblId, QStringLiteral("ENSG00000000003"));
    }

    void malformedLineLeavesStudyUnchanged()
    {
        QTemporaryDir dir;
        QVERIFY(writeCellFolder(dir.path(), QStringLiteral("E901")));
        const QString study = dir.filePath(QStringLiteral("s.h5"));
        {
            ImportDialog first(study);
            first.setFolder(dir.filePath(QStringLiteral("E901")));
            QSignalSpy done(&first, &ImportDialog::jobFinished);
            QVERIFY(first.startImport());
            QTRY_VERIFY_WITH_TIMEOUT(done.count() == 1, 30000);
            QVERIFY(done.at(0).at(0).toBool());
        }
        const QByteArray before = testing::fileDigest(study);
        QByteArray bad = testing::remcGeneRows(5, 1) + testing::remcGeneRows(6, 0);
        QList<QByteArray> lines = bad.split('\n');
        lines[41] = "000005,42,1,2,x,4,0,1"; // line 42: not a number
        QVERIFY(writeCellFolder(dir.path(), QStringLiteral("E902"), lines.join('\n')));
        ImportDialog d(study);
        d.setFolder(dir.filePath(QStringLiteral("E902")));
        QSignalSpy done(&d, &ImportDialog::jobFinished);
        QVERIFY(d.startImport());
        QTRY_VERIFY_WITH_TIMEOUT(done.count() == 1, 30000);
        QVERIFY(!done.at(0).at(0).toBool());
        QVERIFY2(d.resultText().contains(QStringLiteral("valid.csv:42")),
                 qPrintable(d.resultText()));
        QVERIFY(d.resultText().contains(QStringLiteral("not changed")));
        QCOMPARE(testing::fileDigest(study), before);
    }

    void missingFolderRefused()
    {
        QTemporaryDir dir;
        ImportDialog d(dir.filePath(QStringLiteral("s.h5")));
        d.setFolder(dir.filePath(QStringLiteral("nope")));
        QVERIFY(!d.startImport());
        QVERIFY(d.resultText().contains(QStringLiteral("nope")));
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("s.h5"))));
    }
};

QTEST_MAIN(TestImportDialog)
#include "tst_importdialog.moc"
