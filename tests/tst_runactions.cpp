// The active run in the main window and the run menu's changes (issue 14, items 1, 3 and 4): a
// cancelled training never changes the run shown; make active, rename, note and delete are
// stored in the study and shown in the tree (deleting the active run falls back by the rule);
// a cancelled run is resumed from the GUI; quitting during a training asks first.
#include "EvaluationView.h"
#include "GeneView.h"
#include "MainWindow.h"
#include "RunActions.h"
#include "RunPropertiesDialog.h"
#include "TrainingController.h"
#include "TrainingView.h"
#include "jobs/SimulatedStudy.h"
#include "store/StudyFile.h"
#include "train/Trainer.h"

#include <QAbstractButton>
#include <QApplication>
#include <QMenu>
#include <QMessageBox>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <QTreeWidget>
#include <QtTest>

using namespace ac;

namespace
{

const QString kCell = QStringLiteral("SimCell1");

ModelConfig tinyModel()
{
    ModelConfig m;
    m.binHidden = 4;
    m.markHidden = 4;
    return m;
}

TrainRequest tinyRequest(const QString& study, const QString& id, int epochs)
{
    TrainRequest r;
    r.studyPath = study;
    r.cell = kCell;
    r.model = tinyModel();
    r.train.epochs = epochs;
    r.train.patience = 0;
    r.train.threads = 1;
    r.train.seed = 5;
    r.runId = id;
    return r;
}

/// The tree row of run `id` (any cell), or nullptr.
QTreeWidgetItem* runRow(QTreeWidget* tree, const QString& id)
{
    for (int c = 0; c < tree->topLevelItemCount(); ++c)
        for (int r = 0; r < tree->topLevelItem(c)->childCount(); ++r)
            if (tree->topLevelItem(c)->child(r)->data(1, Qt::UserRole).toString() == id)
                return tree->topLevelItem(c)->child(r);
    return nullptr;
}

bool isMarkedActive(QTreeWidgetItem* row)
{
    return row && row->font(0).bold() && row->text(2).startsWith(QLatin1String("active"));
}

/// Clicks the button labelled `text` of the next modal message box.
void answerNextMessageBox(const QString& text)
{
    QTimer::singleShot(200, [text] {
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        if (!box)
            return;
        for (QAbstractButton* b : box->buttons())
            if (b->text() == text)
                b->click();
    });
}

} // namespace

class TestRunActions : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cancelledTrainingKeepsTheShownRun();
    void makeActiveRenameNoteDelete();
    void propertiesShowTheHyperParameters();
    void resumeContinuesACancelledRun();
    void quittingDuringTrainingAsks();

private:
    QString m_study;
    QTemporaryDir m_dir;
};

void TestRunActions::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("AttentiveChromeStudioTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_runactions"));
    QVERIFY(m_dir.isValid());
    m_study = m_dir.filePath(QStringLiteral("study.h5"));
    SimulationConfig sim;
    sim.cells = 1;
    sim.genesPerCell = 120;
    sim.seed = 11;
    QString error;
    QVERIFY2(writeSimulatedStudy(m_study, sim, {}, &error), qPrintable(error));
    const TrainOutcome good = trainModel(tinyRequest(m_study, QStringLiteral("good"), 2), {});
    QVERIFY2(good.ok && good.run.status == QLatin1String("complete"), qPrintable(good.error));
}

// Issue 14, item 1: SimCell2's summary fell to a cancelled run's AUROC and the gene view
// switched to it. A cancelled run is stored and listed, but the view and the summary keep the
// complete run.
void TestRunActions::cancelledTrainingKeepsTheShownRun()
{
    MainWindow w;
    QVERIFY2(w.openStudy(m_study, false), qPrintable(w.lastError()));
    QCOMPARE(w.currentRun(), QStringLiteral("good"));
    QVERIFY(w.selectGene(3));
    const float goodP = w.geneView()->data().p;
    QVERIFY(isMarkedActive(runRow(w.studyTree(), QStringLiteral("good"))));

    TrainingView* v = w.trainingView();
    v->setModelConfig(tinyModel());
    TrainConfig t = tinyRequest(m_study, {}, 300).train;
    v->setTrainConfig(t);
    v->setCheckedCells({kCell});
    QSignalSpy progress(v->controller(), &TrainingController::progress);
    QSignalSpy stored(v, &TrainingView::runStored);
    QSignalSpy done(v, &TrainingView::trainingFinished);
    QVERIFY(v->startTraining());
    QTRY_VERIFY_WITH_TIMEOUT(std::any_of(progress.cbegin(), progress.cend(),
                                         [](const QList<QVariant>& a) {
                                             return a.at(0).value<TrainProgress>().epochDone;
                                         }),
                             60000);
    v->cancelTraining();
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 60000);
    QCOMPARE(stored.count(), 1);
    const QString cancelled = stored.at(0).at(0).toString();

    QCOMPARE(w.currentRun(), QStringLiteral("good"));
    QCOMPARE(w.geneView()->data().runId, QStringLiteral("good"));
    QCOMPARE(w.geneView()->data().p, goodP);
    QVERIFY(w.geneView()->data().runIsActive);
    QTreeWidgetItem* row = runRow(w.studyTree(), cancelled);
    QVERIFY(row);
    QVERIFY(row->text(2).startsWith(QLatin1String("cancelled")));
    QVERIFY(!isMarkedActive(row));
    QVERIFY(isMarkedActive(runRow(w.studyTree(), QStringLiteral("good"))));
    const CellSummary& summary = w.evaluationView()->summary();
    QCOMPARE(summary.runId(0, 0), QStringLiteral("good"));
    // Viewing the cancelled run is allowed, and says it is not the active run.
    QVERIFY(w.selectRun(cancelled));
    QVERIFY(!w.geneView()->data().runIsActive);
}

void TestRunActions::makeActiveRenameNoteDelete()
{
    MainWindow w;
    QVERIFY2(w.openStudy(m_study, false), qPrintable(w.lastError()));
    QString error, cancelled;
    for (const QString& id : StudyFile::open(m_study, &error)->runIds(kCell))
        if (id != QLatin1String("good"))
            cancelled = id;
    QVERIFY(runRow(w.studyTree(), cancelled));
    RunActions* actions = w.runActions();

    // Make active: stored in the study, shown, marked; a reader of the file agrees.
    QVERIFY2(actions->makeActive(cancelled, &error), qPrintable(error));
    QCOMPARE(w.currentRun(), cancelled);
    QVERIFY(isMarkedActive(runRow(w.studyTree(), cancelled)));
    QVERIFY(!isMarkedActive(runRow(w.studyTree(), QStringLiteral("good"))));
    QCOMPARE(StudyFile::open(m_study, &error)->activeRunChoice(kCell), cancelled);
    {
        std::unique_ptr<QMenu> menu(actions->createMenu(cancelled, &w));
        QVERIFY(!menu->actions().first()->isEnabled()); // already active
    }

    // Rename and note: in the tree (name, tooltip) and in the study.
    QVERIFY2(actions->rename(QStringLiteral("good"), QStringLiteral("baseline"), &error),
             qPrintable(error));
    QVERIFY2(actions->setNote(QStringLiteral("good"), QStringLiteral("two epochs, seed 5"), &error),
             qPrintable(error));
    QTreeWidgetItem* good = runRow(w.studyTree(), QStringLiteral("good"));
    QCOMPARE(good->text(0), QStringLiteral("baseline"));
    QVERIFY(good->toolTip(0).contains(QStringLiteral("two epochs, seed 5")));
    QVERIFY(good->toolTip(0).contains(QStringLiteral("Run good")));
    RunRecord rec;
    QVERIFY(StudyFile::open(m_study, &error)->readRun(QStringLiteral("good"), &rec, &error));
    QCOMPARE(rec.name, QStringLiteral("baseline"));
    QCOMPARE(rec.note, QStringLiteral("two epochs, seed 5"));
    QCOMPARE(w.currentRun(), cancelled); // renaming does not change the shown run

    // Deleting the active run: the cell falls back to the best complete run.
    QVERIFY2(actions->remove(cancelled, &error), qPrintable(error));
    QVERIFY(!runRow(w.studyTree(), cancelled));
    QCOMPARE(w.currentRun(), QStringLiteral("good"));
    QVERIFY(isMarkedActive(runRow(w.studyTree(), QStringLiteral("good"))));
    QCOMPARE(StudyFile::open(m_study, &error)->runIds(kCell), QStringList{"good"});
    QVERIFY(!actions->remove(QStringLiteral("gone"), &error));
    QVERIFY2(error.contains(QStringLiteral("gone")), qPrintable(error));
}

void TestRunActions::propertiesShowTheHyperParameters()
{
    RunRecord run;
    QString error;
    QVERIFY(StudyFile::open(m_study, &error)->readRun(QStringLiteral("good"), &run, &error));
    RunPropertiesDialog dialog(run, true);
    QMap<QString, QString> shown;
    for (int r = 0; r < dialog.table()->rowCount(); ++r)
        shown[dialog.table()->item(r, 0)->text()] = dialog.table()->item(r, 1)->text();
    QCOMPARE(shown.value(QStringLiteral("Run id")), QStringLiteral("good"));
    QCOMPARE(shown.value(QStringLiteral("Learning rate")), QStringLiteral("0.0002"));
    QCOMPARE(shown.value(QStringLiteral("Batch size")), QStringLiteral("16"));
    QCOMPARE(shown.value(QStringLiteral("Seed")), QStringLiteral("5"));
    QCOMPARE(shown.value(QStringLiteral("Epochs planned")), QStringLiteral("2"));
    QCOMPARE(shown.value(QStringLiteral("Early-stopping patience")), QStringLiteral("off"));
    QVERIFY(shown.value(QStringLiteral("Model sizes")).contains(QStringLiteral("4")));
    QVERIFY(shown.value(QStringLiteral("Status")).contains(QStringLiteral("active")));
    QCOMPARE(shown.value(QStringLiteral("Validation AUROC (best epoch)")),
             QString::number(run.bestMetrics()->validAuroc, 'f', 4));
}

// Issue 14, item 4: a cancelled run continues from its last epoch to its planned epochs.
void TestRunActions::resumeContinuesACancelledRun()
{
    // Cancelled deterministically at the first batch of epoch 2: one epoch of four stored.
    const TrainOutcome cut = trainModel(tinyRequest(m_study, QStringLiteral("cut"), 4),
                                        [](const TrainProgress& p) { return p.epoch < 2; });
    QVERIFY2(cut.ok, qPrintable(cut.error));
    QCOMPARE(cut.run.status, QStringLiteral("cancelled"));
    QCOMPARE(int(cut.run.epochs.size()), 1);
    QVERIFY(RunActions::canResume(cut.run));

    MainWindow w;
    QVERIFY2(w.openStudy(m_study, false), qPrintable(w.lastError()));
    QCOMPARE(w.currentRun(), QStringLiteral("good")); // never the cancelled run by itself
    QString error;
    QVERIFY(!w.runActions()->resume(QStringLiteral("good"), &error)); // complete
    QVERIFY2(error.contains(QStringLiteral("cannot be resumed")), qPrintable(error));
    QSignalSpy done(w.trainingView(), &TrainingView::trainingFinished);
    QVERIFY2(w.runActions()->resume(QStringLiteral("cut"), &error), qPrintable(error));
    QVERIFY(w.trainingView()->isRunning());
    {
        std::unique_ptr<QMenu> menu(w.runActions()->createMenu(QStringLiteral("cut"), &w));
        for (QAction* a : menu->actions())
            if (a->text() == QLatin1String("Resume training") ||
                a->text() == QLatin1String("Delete…"))
                QVERIFY(!a->isEnabled()); // not while a training runs
    }
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 120000);
    RunRecord run;
    QVERIFY(StudyFile::open(m_study, &error)->readRun(QStringLiteral("cut"), &run, &error));
    QCOMPARE(run.status, QStringLiteral("complete"));
    QCOMPARE(int(run.epochs.size()), 4);
    QCOMPARE(run.epochs.front().validAuroc, cut.run.epochs.front().validAuroc); // epoch 1 kept
    QVERIFY(!RunActions::canResume(run));
}

void TestRunActions::quittingDuringTrainingAsks()
{
    MainWindow w;
    QVERIFY2(w.openStudy(m_study, false), qPrintable(w.lastError()));
    w.show();
    QVERIFY(w.close()); // nothing runs: closes at once
    w.show();
    TrainingView* v = w.trainingView();
    v->setModelConfig(tinyModel());
    v->setTrainConfig(tinyRequest(m_study, {}, 5000).train);
    v->setCheckedCells({kCell});
    QVERIFY(v->startTraining());
    answerNextMessageBox(QStringLiteral("Keep working"));
    QVERIFY(!w.close());
    QVERIFY(w.isVisible());
    QVERIFY(v->isRunning());
    answerNextMessageBox(QStringLiteral("Quit"));
    QVERIFY(w.close());
    QTRY_VERIFY_WITH_TIMEOUT(!v->isRunning(), 60000); // cancelled, the run kept
}

QTEST_MAIN(TestRunActions)
#include "tst_runactions.moc"
