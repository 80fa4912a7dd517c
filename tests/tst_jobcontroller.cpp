// The GUI's one worker thread (JobController) and the training queue built on it
// (TrainingController): a job that succeeds, fails by throwing, is cancelled mid-way, a second
// start while one runs, and destruction while a job runs. Issue 10.
#include "JobController.h"
#include "TrainFixture.h"
#include "TrainingController.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <stdexcept>
#include <thread>

using namespace ac;

namespace
{

/// A job that reports progress until it is told to stop, then says whether it saw the cancel.
struct LoopUntilCancelled {
    std::shared_ptr<std::atomic<bool>> sawCancel = std::make_shared<std::atomic<bool>>(false);
    std::shared_ptr<std::atomic<bool>> returned = std::make_shared<std::atomic<bool>>(false);

    JobResult operator()(const ProgressCallback& progress) const
    {
        for (int i = 0; i < 100000; ++i) {
            if (!progress(Progress{-1.0, QStringLiteral("step %1").arg(i)})) {
                *sawCancel = true;
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
        *returned = true;
        JobResult r;
        r.message = QStringLiteral("stopped");
        return r;
    }
};

JobResult finished(const QSignalSpy& spy)
{
    return spy.at(0).at(0).value<JobResult>();
}

} // namespace

class TestJobController : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void aJobThatSucceedsDeliversItsValue()
    {
        JobController c;
        QSignalSpy done(&c, &JobController::finished);
        QSignalSpy progress(&c, &JobController::progress);
        QVERIFY(c.start(QStringLiteral("sum"), [](const ProgressCallback& p) {
            p(Progress{1.0, QStringLiteral("done")});
            JobResult r;
            r.ok = true;
            r.value = 42;
            return r;
        }));
        QVERIFY(c.isRunning());
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 10000);
        QVERIFY(!c.isRunning());
        const JobResult r = finished(done);
        QVERIFY(r.ok);
        QVERIFY(!r.cancelled);
        QCOMPARE(r.value.toInt(), 42);
        QCOMPARE(progress.count(), 1);
        QCOMPARE(progress.at(0).at(0).toDouble(), 1.0);
    }

    void aThrowingJobFailsWithItsContext()
    {
        JobController c;
        QSignalSpy done(&c, &JobController::finished);
        QVERIFY(c.start(QStringLiteral("a.bw: import"), [](const ProgressCallback&) -> JobResult {
            throw std::runtime_error("disk on fire");
        }));
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 10000);
        JobResult r = finished(done);
        QVERIFY(!r.ok);
        QVERIFY(!r.cancelled);
        QCOMPARE(r.message, QStringLiteral("a.bw: import failed: disk on fire"));

        // Not a std::exception either; the controller stays usable afterwards.
        QVERIFY(c.start(QStringLiteral("b.bw: import"),
                        [](const ProgressCallback&) -> JobResult { throw 7; }));
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 2, 10000);
        r = done.at(1).at(0).value<JobResult>();
        QVERIFY(!r.ok);
        QCOMPARE(r.message, QStringLiteral("b.bw: import failed (unknown error)"));
        QVERIFY(c.start(QStringLiteral("c"), [](const ProgressCallback&) {
            JobResult ok;
            ok.ok = true;
            return ok;
        }));
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 3, 10000);
        QVERIFY(done.at(2).at(0).value<JobResult>().ok);
    }

    void aCancelledJobSeesItAndEndsCancelled()
    {
        JobController c;
        QSignalSpy done(&c, &JobController::finished);
        QSignalSpy progress(&c, &JobController::progress);
        const LoopUntilCancelled job;
        QVERIFY(c.start(QStringLiteral("loop"), job));
        QTRY_VERIFY_WITH_TIMEOUT(progress.count() >= 1, 10000);
        c.cancel();
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 10000);
        QVERIFY(*job.sawCancel);
        const JobResult r = finished(done);
        QVERIFY(!r.ok);
        QVERIFY(r.cancelled);
        QCOMPARE(r.message, QStringLiteral("stopped"));
    }

    void aSecondStartWhileRunningIsRefused()
    {
        JobController c;
        QSignalSpy done(&c, &JobController::finished);
        const LoopUntilCancelled job;
        QVERIFY(c.start(QStringLiteral("first"), job));
        QVERIFY(!c.start(QStringLiteral("second"), job));
        QVERIFY(!c.start(QStringLiteral("empty"), Job()));
        c.cancel();
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 10000);
        QCOMPARE(done.count(), 1);
    }

    void destroyingWhileRunningCancelsAndWaits()
    {
        auto* c = new JobController;
        QSignalSpy progress(c, &JobController::progress);
        const LoopUntilCancelled job;
        QVERIFY(c->start(QStringLiteral("loop"), job));
        QTRY_VERIFY_WITH_TIMEOUT(progress.count() >= 1, 10000);
        delete c; // returns only once the job has returned
        QVERIFY(*job.sawCancel);
        QVERIFY(*job.returned);
    }

    void aDetailedJobRelaysItsValues()
    {
        JobController c;
        QSignalSpy detail(&c, &JobController::detail);
        QSignalSpy done(&c, &JobController::finished);
        QVERIFY(c.startDetailed(QStringLiteral("detail"),
                                [](const ProgressCallback&, const DetailCallback& d) {
                                    d(QStringLiteral("one"));
                                    d(QStringLiteral("two"));
                                    JobResult r;
                                    r.ok = true;
                                    return r;
                                }));
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 10000);
        QCOMPARE(detail.count(), 2);
        QCOMPARE(detail.at(1).at(0).toString(), QStringLiteral("two"));
    }

    void aFailedTrainingEndsTheBatch()
    {
        // The study does not exist: the first run fails, the queued second one is dropped.
        TrainingController c;
        QSignalSpy runs(&c, &TrainingController::runFinished);
        QSignalSpy all(&c, &TrainingController::allFinished);
        TrainRequest r;
        r.studyPath = m_dir.filePath(QStringLiteral("missing.h5"));
        r.cell = QStringLiteral("E1");
        QVERIFY(c.start({r, r}));
        QVERIFY(!c.start({r}));
        QTRY_COMPARE_WITH_TIMEOUT(all.count(), 1, 30000);
        QCOMPARE(runs.count(), 1);
        QVERIFY(!runs.at(0).at(0).toBool());
        QVERIFY(runs.at(0).at(1).toString().contains(QStringLiteral("missing.h5")));
        QVERIFY(!c.isRunning());
    }

    void aCancelledTrainingDropsTheQueue()
    {
        const QString study = m_dir.filePath(QStringLiteral("study.h5"));
        QCOMPARE(testing::writeStudy(
                     study, {testing::makeLearnableCell(QStringLiteral("C1"), 60, 20, 20)}),
                 QString());
        TrainingController c;
        QSignalSpy progress(&c, &TrainingController::progress);
        QSignalSpy runs(&c, &TrainingController::runFinished);
        QSignalSpy all(&c, &TrainingController::allFinished);
        TrainRequest r;
        r.studyPath = study;
        r.cell = QStringLiteral("C1");
        r.model.binHidden = 4;
        r.model.markHidden = 4;
        r.train.epochs = 500;
        r.train.batchSize = 8;
        r.train.patience = 0;
        r.train.threads = 1;
        QVERIFY(c.start({r, r}));
        QTRY_VERIFY_WITH_TIMEOUT(progress.count() >= 1, 30000);
        c.cancel();
        QTRY_COMPARE_WITH_TIMEOUT(all.count(), 1, 30000);
        QCOMPARE(runs.count(), 1);
        QVERIFY2(runs.at(0).at(0).toBool(), qPrintable(runs.at(0).at(1).toString()));
        QCOMPARE(runs.at(0).at(3).toString(), QStringLiteral("cancelled"));
    }

private:
    QTemporaryDir m_dir;
};

QTEST_MAIN(TestJobController)
#include "tst_jobcontroller.moc"
