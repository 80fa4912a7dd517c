// Training view and controller: a real tiny training in the worker thread while the event loop
// runs (progress arrives, curves fill, the run and its cached results land in the study and in
// the main window's tree), and Cancel (run kept as "cancelled", study still readable). Issue 4.
#include "GeneView.h"
#include "MainWindow.h"
#include "QcpInclude.h"
#include "TrainingController.h"
#include "TrainingView.h"
#include "jobs/SimulatedStudy.h"
#include "store/StudyFile.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>

using namespace ac;

namespace
{

ModelConfig tinyModel()
{
    ModelConfig m;
    m.binHidden = 4;
    m.markHidden = 4;
    return m;
}

TrainConfig tinyTraining(int epochs)
{
    TrainConfig t;
    t.epochs = epochs;
    t.batchSize = 16;
    t.patience = 0;
    t.threads = 1;
    t.seed = 7;
    return t;
}

} // namespace

class TestTrainingView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("AttentiveChromeStudioTest"));
        QVERIFY(m_dir.isValid());
        m_study = m_dir.filePath(QStringLiteral("study.h5"));
        SimulationConfig cfg;
        cfg.cells = 2;
        cfg.genesPerCell = 90;
        cfg.seed = 3;
        QString err;
        QVERIFY2(writeSimulatedStudy(m_study, cfg, {}, &err), qPrintable(err));
    }

    void defaultsAreThePapers()
    {
        TrainingView v;
        const ModelConfig m = v.modelConfig();
        const TrainConfig t = v.trainConfig();
        QCOMPARE(m.kind, ModelKind::AttentiveChrome);
        QCOMPARE(m.binHidden, ModelConfig().binHidden);
        QCOMPARE(m.markHidden, ModelConfig().markHidden);
        QCOMPARE(t.epochs, TrainConfig().epochs);
        QCOMPARE(t.batchSize, TrainConfig().batchSize);
        QCOMPARE(t.learningRate, TrainConfig().learningRate);
        QCOMPARE(t.threads, 0);      // all cores but one: the GUI keeps a core
        QVERIFY(!v.startTraining()); // no study yet: refused with a reason
        QVERIFY(v.statusText().contains(QStringLiteral("study")));
    }

    void requestsFollowTheForm()
    {
        TrainingView v;
        v.setStudy(m_study, {QStringLiteral("SimCell1"), QStringLiteral("SimCell2")},
                   QStringLiteral("SimCell2"));
        QCOMPARE(v.checkedCells(), QStringList{QStringLiteral("SimCell2")});
        ModelConfig m = tinyModel();
        m.kind = ModelKind::DeepChrome;
        v.setModelConfig(m);
        v.setTrainConfig(tinyTraining(3));
        v.setCheckedCells({QStringLiteral("SimCell1"), QStringLiteral("SimCell2")});
        const QList<TrainRequest> r = v.requests();
        QCOMPARE(r.size(), 2);
        QCOMPARE(r[0].cell, QStringLiteral("SimCell1"));
        QCOMPARE(r[1].model.kind, ModelKind::DeepChrome);
        QCOMPARE(r[1].train.epochs, 3);
        QCOMPARE(r[0].studyPath, m_study);
    }

    void trainsInTheBackgroundAndShowsTheRun()
    {
        MainWindow w;
        QVERIFY2(w.openStudy(m_study, false), qPrintable(w.lastError()));
        TrainingView* v = w.trainingView();
        v->setModelConfig(tinyModel());
        v->setTrainConfig(tinyTraining(2));
        v->setCheckedCells({QStringLiteral("SimCell1")});
        QSignalSpy progress(v->controller(), &TrainingController::progress);
        QSignalSpy stored(v, &TrainingView::runStored);
        QSignalSpy done(v, &TrainingView::trainingFinished);
        QVERIFY(v->startTraining());
        QVERIFY(v->isRunning());
        QVERIFY(!v->startTraining()); // one training at a time
        // The event loop keeps running (QTRY spins it) while the worker trains.
        QTRY_VERIFY_WITH_TIMEOUT(done.count() == 1, 50000);
        QVERIFY(progress.count() >= 2);
        int epochsDone = 0;
        for (const QList<QVariant>& args : progress)
            epochsDone += args.at(0).value<TrainProgress>().epochDone ? 1 : 0;
        QCOMPARE(epochsDone, 2);
        QCOMPARE(v->lossPlot()->graph(0)->dataCount(), 2);
        QCOMPARE(v->aurocPlot()->graph(1)->dataCount(), 2);
        // Issue 14 (cosmetics): epoch ticks are whole numbers (the axis spans 0 … 2.5).
        for (QCustomPlot* plot : {v->lossPlot(), v->aurocPlot()}) {
            QVector<double> ticks;
            plot->xAxis->ticker()->generate(plot->xAxis->range(), QLocale::c(), QLatin1Char('g'), 6,
                                            ticks, nullptr, nullptr);
            QVERIFY(ticks.size() >= 2);
            for (double t : ticks)
                QCOMPARE(t, std::round(t));
        }
        QCOMPARE(stored.count(), 1);
        const QString runId = stored.at(0).at(0).toString();
        QVERIFY(runId.startsWith(QStringLiteral("SimCell1-")));

        // The window reloaded the study: the run is in the tree and selected, with results.
        QCOMPARE(w.currentRun(), runId);
        QVERIFY(
            !w.studyTree()->findItems(runId, Qt::MatchExactly | Qt::MatchRecursive, 0).isEmpty());
        QVERIFY(w.geneView()->data().p >= 0.0f);
        QCOMPARE(w.geneView()->data().alpha.size(), std::size_t(500));

        QString err;
        auto study = StudyFile::open(m_study, &err);
        QVERIFY2(study, qPrintable(err));
        RunRecord rec;
        QVERIFY2(study->readRun(runId, &rec, &err), qPrintable(err));
        QCOMPARE(rec.status, QStringLiteral("complete"));
        QVERIFY(study->hasResults(runId));
        RunResults res;
        QVERIFY2(study->readResults(runId, &res, &err), qPrintable(err));
        QCOMPARE(res.geneCount, 90);
    }

    void cancelKeepsTheStudyReadable()
    {
        TrainingView v;
        v.setStudy(m_study, {QStringLiteral("SimCell1"), QStringLiteral("SimCell2")},
                   QStringLiteral("SimCell2"));
        v.setModelConfig(tinyModel());
        v.setTrainConfig(tinyTraining(500));
        // Two cells queued: the status gives the ETA of this run and of all runs; Cancel stops
        // the current run and drops the queued one.
        v.setCheckedCells({QStringLiteral("SimCell2"), QStringLiteral("SimCell1")});
        QSignalSpy progress(v.controller(), &TrainingController::progress);
        QSignalSpy finished(v.controller(), &TrainingController::runFinished);
        QSignalSpy done(&v, &TrainingView::trainingFinished);
        QVERIFY(v.startTraining());
        QTRY_VERIFY_WITH_TIMEOUT(v.statusText().contains(QStringLiteral("all runs ≈")), 30000);
        QVERIFY(v.statusText().startsWith(QStringLiteral("Run 1 of 2")));
        v.cancelTraining();
        QTRY_VERIFY_WITH_TIMEOUT(done.count() == 1, 30000);
        QVERIFY(!v.isRunning());
        QCOMPARE(finished.count(), 1);
        QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(finished.at(0).at(1).toString()));
        QCOMPARE(finished.at(0).at(3).toString(), QStringLiteral("cancelled"));

        QString err;
        auto study = StudyFile::open(m_study, &err);
        QVERIFY2(study, qPrintable(err));
        QCOMPARE(study->cellNames().size(), 2);
        CellData cell;
        QVERIFY2(study->readCell(QStringLiteral("SimCell2"), &cell, &err), qPrintable(err));
        QCOMPARE(cell.geneCount(), 90);
        const QString runId = finished.at(0).at(2).toString();
        if (!runId.isEmpty()) {
            RunRecord rec;
            QVERIFY2(study->readRun(runId, &rec, &err), qPrintable(err));
            QCOMPARE(rec.status, QStringLiteral("cancelled"));
        }
    }

    void destroyingWhileTrainingCancels()
    {
        auto* v = new TrainingView;
        v->setStudy(m_study, {QStringLiteral("SimCell1")}, QStringLiteral("SimCell1"));
        v->setModelConfig(tinyModel());
        v->setTrainConfig(tinyTraining(500));
        QSignalSpy progress(v->controller(), &TrainingController::progress);
        QVERIFY(v->startTraining());
        QTRY_VERIFY_WITH_TIMEOUT(progress.count() >= 1, 30000);
        delete v; // must return (cancel + join), not hang or crash
        QString err;
        QVERIFY2(StudyFile::open(m_study, &err), qPrintable(err));
    }

private:
    QTemporaryDir m_dir;
    QString m_study;
};

QTEST_MAIN(TestTrainingView)
#include "tst_trainingview.moc"
