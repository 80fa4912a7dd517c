// The GUI's watch on the open study (issue 12): runs or cell types that another program adds
// or removes, and tracks it imports, are reported; an epoch save of a run, or no change, is not.
#include "StudyWatcher.h"
#include "TrainFixture.h"
#include "store/StudyEditor.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace ac;

namespace
{

bool addRun(const QString& study, const QString& id)
{
    QString error;
    return StudyEditor::apply(
        study,
        [id](StudyEditor& e, QString* err) {
            RunRecord run;
            run.id = id;
            run.cell = QStringLiteral("A");
            run.status = QStringLiteral("running");
            run.created = QDateTime::currentDateTimeUtc();
            return e.writeRun(run, {}, {}, err);
        },
        &error);
}

} // namespace

class TestStudyWatcher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void reportsAddedAndRemovedRunsOnly()
    {
        QTemporaryDir dir;
        const QString study = dir.filePath(QStringLiteral("s.h5"));
        QCOMPARE(testing::writeStudy(study, {testing::makeLearnableCell("A", 6, 3, 3)}), QString());
        StudyWatcher watcher;
        QSignalSpy changed(&watcher, &StudyWatcher::listingChanged);
        watcher.watch(study);
        watcher.poll();
        QCOMPARE(changed.count(), 0);

        QVERIFY(addRun(study, QStringLiteral("r1"))); // as a training on the cluster would
        watcher.poll();
        QCOMPARE(changed.count(), 1);
        watcher.poll();
        QCOMPARE(changed.count(), 1);

        QVERIFY(addRun(study, QStringLiteral("r1"))); // the same run saved again: data only
        watcher.poll();
        QCOMPARE(changed.count(), 1);

        QString error;
        QVERIFY(StudyEditor::apply( // a track imported elsewhere
            study,
            [](StudyEditor& e, QString* err) {
                TrackData track;
                track.name = QStringLiteral("H3K27ac");
                track.values.assign(12 * 100, 1.0f);
                return e.writeTrack(QStringLiteral("A"), track, err);
            },
            &error));
        watcher.poll();
        QCOMPARE(changed.count(), 2);

        QVERIFY(StudyEditor::apply(
            study, [](StudyEditor& e, QString* err) { return e.removeRun("r1", err); }, &error));
        QVERIFY(changed.wait(3 * StudyWatcher::kPollMs)); // the timer polls by itself
        QCOMPARE(changed.count(), 3);

        watcher.watch(QString());
        QVERIFY(addRun(study, QStringLiteral("r2")));
        watcher.poll();
        QCOMPARE(changed.count(), 3);
    }
};

QTEST_MAIN(TestStudyWatcher)
#include "tst_studywatcher.moc"
