// AttributionController (issue 10): attribution maps are computed in JobController's thread; a
// model that cannot be loaded is reported as a status message, never thrown across threads; a
// superseded or cancelled request's result is dropped.
#include "AttributionController.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace ac;

namespace
{

AttributionRequest request(const QString& studyPath)
{
    AttributionRequest r;
    r.studyPath = studyPath;
    r.runId = QStringLiteral("run");
    r.geneId = QStringLiteral("000001");
    r.geneName = QStringLiteral("GENE0");
    r.markCount = 5;
    r.binCount = 100;
    r.values.assign(500, 1.0f);
    r.method = AttributionMethod::IntegratedGradients;
    return r;
}

} // namespace

class TestAttributionController : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void unreadableStudyIsAStatusMessage()
    {
        QTemporaryDir dir;
        AttributionController c;
        QSignalSpy ready(&c, &AttributionController::ready);
        QSignalSpy status(&c, &AttributionController::statusMessage);
        c.request(request(dir.filePath(QStringLiteral("missing.h5"))));
        // "Computing … for GENE0…", then the error.
        QTRY_COMPARE(status.count(), 2);
        QVERIFY(status.at(0).at(0).toString().contains(QStringLiteral("GENE0")));
        QVERIFY(status.at(1).at(0).toString().contains(QStringLiteral("missing.h5")));
        QCOMPARE(status.at(1).at(1).toInt(), 10000);
        QCOMPARE(ready.count(), 0);
    }

    void supersededResultIsDropped()
    {
        QTemporaryDir dir;
        AttributionController c;
        QSignalSpy status(&c, &AttributionController::statusMessage);
        AttributionRequest first = request(dir.filePath(QStringLiteral("first.h5")));
        first.method = AttributionMethod::Saliency; // no "Computing…" line
        c.request(first);
        c.cancel();
        AttributionRequest second = request(dir.filePath(QStringLiteral("second.h5")));
        second.method = AttributionMethod::Saliency;
        c.request(second);
        QTRY_COMPARE(status.count(), 1);
        QVERIFY(status.at(0).at(0).toString().contains(QStringLiteral("second.h5")));
        QTest::qWait(200);
        QCOMPARE(status.count(), 1); // nothing about the first
    }
};

QTEST_MAIN(TestAttributionController)
#include "tst_attributioncontroller.moc"
