// File → Save a copy as one file… (issue 12): the dialog writes the open study as one file in
// its worker, and says why when it cannot.
#include "PackDialog.h"
#include "TrainFixture.h"
#include "store/StudyFile.h"

#include <QLineEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace ac;

class TestPackDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void writesTheStudyAsOneFile()
    {
        QTemporaryDir dir;
        const QString study = dir.filePath(QStringLiteral("s.h5"));
        QCOMPARE(testing::writeStudy(study, {testing::makeLearnableCell("A", 6, 3, 3),
                                             testing::makeLearnableCell("B", 6, 3, 3, 2)}),
                 QString());
        PackDialog d(study, nullptr);
        QCOMPARE(d.file(), dir.filePath(QStringLiteral("s-packed.h5")));
        QSignalSpy finished(&d, &JobDialog::jobFinished);
        QVERIFY(d.startPack());
        QVERIFY(finished.wait(60000));
        QVERIFY2(finished.first().at(0).toBool(), qPrintable(d.logText()));
        QVERIFY2(d.resultText().startsWith(QStringLiteral("Wrote ")), qPrintable(d.resultText()));
        QString error;
        const auto packed = StudyFile::open(d.file(), &error);
        QVERIFY2(packed, qPrintable(error));
        QVERIFY(packed->isPacked());
        QCOMPARE(packed->cellNames(), (QStringList{"A", "B"}));

        d.setFile(study); // onto the study itself: refused, nothing changed
        QVERIFY(d.startPack());
        QVERIFY(finished.wait(60000));
        QVERIFY(!finished.last().at(0).toBool());
        QVERIFY2(d.resultText().contains(QStringLiteral("onto itself")),
                 qPrintable(d.resultText()));
        QVERIFY(!StudyFile::open(study, &error)->isPacked());

        d.setFile(QString());
        QVERIFY(!d.startPack());
    }
};

QTEST_MAIN(TestPackDialog)
#include "tst_packdialog.moc"
