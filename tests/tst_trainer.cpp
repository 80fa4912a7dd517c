// The trainer on a tiny study: storing, cancel, determinism, resume, early stopping, bad input.
#include "TrainFixture.h"

#include "model/ModelFactory.h"
#include "model/ModelWeights.h"
#include "store/StudyFile.h"
#include "train/Trainer.h"

#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <functional>
#include <limits>
#include <optional>

using namespace ac;

namespace
{

Weights readWeights(const QString& path, const QString& run, const QString& which)
{
    QString error;
    Weights w;
    std::unique_ptr<StudyFile> study = StudyFile::open(path, &error);
    if (!study || !study->readWeights(run, which, &w, &error))
        qWarning("%s", qPrintable(error));
    return w;
}

} // namespace

class TestTrainer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void trainsAndStoresRun();
    void cancelKeepsLastFinishedEpoch();
    void savesFirstEpochThenSparingly();
    void cancelBeforeFirstEpochStoresNothing();
    void sameSeedSameWeights();
    void resumeContinuesRun();
    void stopsEarlyWithoutImprovement();
    void nanInputFailsAndLeavesStudy();
    void learningRateOutOfRangeFails();
    void settingsOutOfRangeFailWithTheRule();
    void nonFiniteLossFailsAndLeavesStudy();
    void nonFiniteLossAfterASaveMarksRunFailed();
    void unknownCellFails();

private:
    TrainRequest request(int epochs) const;

    QTemporaryDir m_dir;
    QString m_study;
};

void TestTrainer::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

void TestTrainer::init()
{
    // A fresh study per test: 64 training, 32 validation and 32 test genes.
    static int n = 0;
    m_study = m_dir.filePath(QStringLiteral("study%1.h5").arg(++n));
    const QString error =
        testing::writeStudy(m_study, {testing::makeLearnableCell("C1", 64, 32, 32)});
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

TrainRequest TestTrainer::request(int epochs) const
{
    TrainRequest r;
    r.studyPath = m_study;
    r.cell = QStringLiteral("C1");
    r.model.kind = ModelKind::AttentiveChrome;
    r.train.epochs = epochs;
    r.train.learningRate = 0.01;
    r.train.threads = 1;
    r.train.seed = 42;
    return r;
}

void TestTrainer::trainsAndStoresRun()
{
    int reports = 0, epochReports = 0;
    double lastEta = -1;
    const TrainOutcome out = trainModel(request(2), [&](const TrainProgress& p) {
        ++reports;
        if (p.epochDone) {
            ++epochReports;
            [&] { QCOMPARE(p.metrics.epoch, epochReports); }();
        } else {
            lastEta = p.etaSeconds;
            [&] {
                QCOMPARE(p.batches, 4);
                QVERIFY(p.batch >= 1 && p.batch <= 4);
                QVERIFY(std::isfinite(p.loss));
            }();
        }
        return true;
    });
    QVERIFY2(out.ok, qPrintable(out.error));
    QCOMPARE(out.run.status, QStringLiteral("complete"));
    QCOMPARE(reports, 2 * 4 + 2);
    QCOMPARE(epochReports, 2);
    QCOMPARE(lastEta >= 0, true);

    QString error;
    std::unique_ptr<StudyFile> study = StudyFile::open(m_study, &error);
    QVERIFY2(study, qPrintable(error));
    QCOMPARE(study->runIds(QStringLiteral("C1")), QStringList{out.run.id});
    RunRecord run;
    QVERIFY2(study->readRun(out.run.id, &run, &error), qPrintable(error));
    QCOMPARE(run.status, QStringLiteral("complete"));
    QCOMPARE(run.cell, QStringLiteral("C1"));
    QCOMPARE(run.train.seed, std::uint64_t(42));
    QCOMPARE(run.epochs.size(), std::size_t(2));
    QVERIFY(run.bestEpoch == 1 || run.bestEpoch == 2);
    for (const EpochMetrics& m : run.epochs) {
        QVERIFY(std::isfinite(m.trainLoss) && std::isfinite(m.validLoss));
        QVERIFY(m.validAuroc >= 0 && m.validAuroc <= 1);
        QVERIFY2(m.testAupr >= 0 && m.testAupr <= 1, qPrintable(QStringLiteral("%1 %2 %3 %4")
                                                                    .arg(m.testAuroc)
                                                                    .arg(m.testAupr)
                                                                    .arg(m.validAupr)
                                                                    .arg(m.trainAuroc)));
        QVERIFY(m.seconds > 0);
    }
    // The pattern is learnable: the best epoch ranks the validation genes well.
    const std::optional<EpochMetrics> best = run.bestMetrics();
    QVERIFY(best);
    QVERIFY2(best->validAuroc > 0.8, qPrintable(QString::number(best->validAuroc)));
    for (const EpochMetrics& m : run.epochs)
        QVERIFY(m.validAuroc <= best->validAuroc);

    // Both weight sets load into the variant; the last ones are those of epoch 2.
    for (const QString& which : {QStringLiteral("best"), QStringLiteral("last")}) {
        Weights w;
        QVERIFY2(study->readWeights(out.run.id, which, &w, &error), qPrintable(error));
        auto model = makeModel(run.model);
        QVERIFY2(importWeights(*model, w, &error), qPrintable(error));
    }
    // p, α and β of every gene are cached for the GUI.
    QVERIFY(study->hasResults(out.run.id));
    RunResults res;
    QVERIFY2(study->readResults(out.run.id, &res, &error), qPrintable(error));
    QCOMPARE(res.geneCount, 128);
    QCOMPARE(res.alpha.size(), std::size_t(128 * 5 * 100));
    QCOMPARE(res.beta.size(), std::size_t(128 * 5));
    double betaSum = 0;
    for (int m = 0; m < 5; ++m)
        betaSum += res.beta[std::size_t(m)];
    QVERIFY(std::abs(betaSum - 1) < 1e-4);
}

void TestTrainer::cancelKeepsLastFinishedEpoch()
{
    Weights bestAfterEpoch1, lastAfterEpoch1;
    QString runId;
    const TrainOutcome out = trainModel(request(3), [&](const TrainProgress& p) {
        if (p.epochDone && p.epoch == 1) {
            // The study already holds epoch 1 when its report arrives.
            QString error;
            std::unique_ptr<StudyFile> study = StudyFile::open(m_study, &error);
            if (study && !study->runIds().isEmpty()) {
                runId = study->runIds().first();
                bestAfterEpoch1 = readWeights(m_study, runId, QStringLiteral("best"));
                lastAfterEpoch1 = readWeights(m_study, runId, QStringLiteral("last"));
            }
        }
        return !(p.epoch == 2 && p.batch == 1 && !p.epochDone);
    });
    QVERIFY2(out.ok, qPrintable(out.error));
    QCOMPARE(out.run.status, QStringLiteral("cancelled"));
    QCOMPARE(out.run.id, runId);
    QVERIFY(!bestAfterEpoch1.empty());

    QString error;
    std::unique_ptr<StudyFile> study = StudyFile::open(m_study, &error);
    QVERIFY2(study, qPrintable(error));
    RunRecord run;
    QVERIFY2(study->readRun(runId, &run, &error), qPrintable(error));
    QCOMPARE(run.status, QStringLiteral("cancelled"));
    QCOMPARE(run.epochs.size(), std::size_t(1));
    QCOMPARE(run.bestEpoch, 1);
    // The half-trained epoch 2 left no trace: both weight sets are those of epoch 1.
    QVERIFY(readWeights(m_study, runId, QStringLiteral("best")) == bestAfterEpoch1);
    QVERIFY(readWeights(m_study, runId, QStringLiteral("last")) == lastAfterEpoch1);
    auto model = makeModel(run.model);
    QVERIFY2(importWeights(*model, bestAfterEpoch1, &error), qPrintable(error));
    QVERIFY(study->hasResults(runId));
}

void TestTrainer::savesFirstEpochThenSparingly()
{
    // Saving copies the whole study, so a running training saves its first epoch, then at
    // most every 30 s, and the end: these epochs take milliseconds, so epochs 2 and 3 are not
    // saved on their own, and the final save holds all four.
    std::vector<int> storedAtReport;
    const TrainOutcome out = trainModel(request(4), [&](const TrainProgress& p) {
        if (p.epochDone && p.epoch < 4) {
            QString error;
            std::unique_ptr<StudyFile> study = StudyFile::open(m_study, &error);
            RunRecord run;
            storedAtReport.push_back(study && !study->runIds().isEmpty() &&
                                             study->readRun(study->runIds().first(), &run, &error)
                                         ? int(run.epochs.size())
                                         : -1);
        }
        return true;
    });
    QVERIFY2(out.ok, qPrintable(out.error));
    QCOMPARE(storedAtReport, (std::vector<int>{1, 1, 1}));
    QString error;
    std::unique_ptr<StudyFile> study = StudyFile::open(m_study, &error);
    QVERIFY2(study, qPrintable(error));
    RunRecord run;
    QVERIFY2(study->readRun(out.run.id, &run, &error), qPrintable(error));
    QCOMPARE(run.epochs.size(), std::size_t(4));
    QCOMPARE(run.status, QStringLiteral("complete"));
}

void TestTrainer::cancelBeforeFirstEpochStoresNothing()
{
    const QByteArray before = testing::fileDigest(m_study);
    const TrainOutcome out = trainModel(request(2), [](const TrainProgress&) { return false; });
    QVERIFY2(out.ok, qPrintable(out.error));
    QCOMPARE(out.run.status, QStringLiteral("cancelled"));
    QVERIFY(out.run.epochs.empty());
    QCOMPARE(testing::fileDigest(m_study), before);
}

void TestTrainer::sameSeedSameWeights()
{
    TrainRequest a = request(2);
    a.runId = QStringLiteral("a");
    TrainRequest b = a;
    b.runId = QStringLiteral("b");
    TrainRequest c = a;
    c.runId = QStringLiteral("c");
    c.train.seed = 43;
    for (const TrainRequest& r : {a, b, c}) {
        const TrainOutcome out = trainModel(r, {});
        QVERIFY2(out.ok, qPrintable(out.error));
    }
    const Weights lastA = readWeights(m_study, "a", "last");
    QVERIFY(!lastA.empty());
    QVERIFY(lastA == readWeights(m_study, "b", "last"));
    QVERIFY(readWeights(m_study, "a", "best") == readWeights(m_study, "b", "best"));
    QVERIFY(lastA != readWeights(m_study, "c", "last"));

    // Also with two threads (the fused LSTM splits its recurrences over them).
    TrainRequest d = a, e = a;
    d.runId = QStringLiteral("d");
    e.runId = QStringLiteral("e");
    d.train.threads = e.train.threads = 2;
    for (const TrainRequest& r : {d, e})
        QVERIFY(trainModel(r, {}).ok);
    QVERIFY(readWeights(m_study, "d", "last") == readWeights(m_study, "e", "last"));
}

void TestTrainer::resumeContinuesRun()
{
    TrainRequest first = request(1);
    first.runId = QStringLiteral("r");
    TrainOutcome out = trainModel(first, {});
    QVERIFY2(out.ok, qPrintable(out.error));
    QCOMPARE(out.run.epochs.size(), std::size_t(1));
    const Weights lastAfter1 = readWeights(m_study, "r", "last");

    TrainRequest more = request(2);
    more.resumeRunId = QStringLiteral("r");
    more.train.seed = 999; // ignored: the run keeps its seed
    out = trainModel(more, {});
    QVERIFY2(out.ok, qPrintable(out.error));
    QCOMPARE(out.run.id, QStringLiteral("r"));
    QCOMPARE(out.run.status, QStringLiteral("complete"));
    QCOMPARE(out.run.epochs.size(), std::size_t(2));
    QCOMPARE(out.run.epochs[1].epoch, 2);
    QCOMPARE(out.run.train.seed, std::uint64_t(42));
    QVERIFY(readWeights(m_study, "r", "last") != lastAfter1);

    // Nothing left to do at 2 epochs: a clear error, the run unchanged.
    out = trainModel(more, {});
    QVERIFY(!out.ok);
    QVERIFY2(out.error.contains(QLatin1String("already has 2 epochs")), qPrintable(out.error));
    // Resuming an unknown run names it.
    more.resumeRunId = QStringLiteral("nope");
    out = trainModel(more, {});
    QVERIFY(!out.ok);
    QVERIFY2(out.error.contains(QLatin1String("nope")), qPrintable(out.error));
}

void TestTrainer::stopsEarlyWithoutImprovement()
{
    // A learning rate far below float resolution leaves the weights, hence the validation
    // AUROC, unchanged: no epoch beats the first, so patience 1 stops after epoch 2.
    TrainRequest r = request(5);
    r.train.learningRate = 1e-20;
    r.train.patience = 1;
    const TrainOutcome out = trainModel(r, {});
    QVERIFY2(out.ok, qPrintable(out.error));
    QCOMPARE(out.run.status, QStringLiteral("stopped-early"));
    QCOMPARE(out.run.epochs.size(), std::size_t(2));
    QCOMPARE(out.run.bestEpoch, 1);
}

void TestTrainer::nanInputFailsAndLeavesStudy()
{
    CellData cell = testing::makeLearnableCell("C1", 64, 32, 32);
    cell.values[(std::size_t(5) * cell.binCount + 10) * cell.markCount + 3] =
        std::numeric_limits<float>::quiet_NaN();
    QVERIFY(testing::writeStudy(m_study, {cell}).isEmpty());
    const QByteArray before = testing::fileDigest(m_study);
    const TrainOutcome out = trainModel(request(2), {});
    QVERIFY(!out.ok);
    QVERIFY2(out.error.contains(QLatin1String("T00006")) && out.error.contains("bin 11") &&
                 out.error.contains("H3K4me3"),
             qPrintable(out.error));
    QCOMPARE(testing::fileDigest(m_study), before);
}

void TestTrainer::learningRateOutOfRangeFails()
{
    // 1e38 used to escape as a c10::Error from Adam's step (the scaled step overflows float).
    const QByteArray before = testing::fileDigest(m_study);
    for (const double lr : {1e38, 0.0, -1e-3}) {
        TrainRequest r = request(2);
        r.train.learningRate = lr;
        const TrainOutcome out = trainModel(r, {});
        QVERIFY(!out.ok);
        QVERIFY2(out.error.contains(QLatin1String("learning rate in (0, 1]")),
                 qPrintable(out.error));
    }
    QCOMPARE(testing::fileDigest(m_study), before);
}

void TestTrainer::settingsOutOfRangeFailWithTheRule()
{
    // The trainer checks the request with TrainConfig::validate() and reports its message
    // (issue 10: one rule for the trainer, the GUI and the CLI).
    const QByteArray before = testing::fileDigest(m_study);
    const std::function<void(TrainConfig&)> changes[] = {
        [](TrainConfig& c) { c.epochs = 0; },       [](TrainConfig& c) { c.batchSize = 0; },
        [](TrainConfig& c) { c.learningRate = 2; }, [](TrainConfig& c) { c.gradClip = -1; },
        [](TrainConfig& c) { c.initRange = 0; },    [](TrainConfig& c) { c.patience = -1; },
        [](TrainConfig& c) { c.threads = -1; },
    };
    for (const auto& change : changes) {
        TrainRequest r = request(2);
        change(r.train);
        QString rule;
        QVERIFY(!r.train.validate(&rule));
        const TrainOutcome out = trainModel(r, {});
        QVERIFY(!out.ok);
        QCOMPARE(out.error, rule);
    }
    QCOMPARE(testing::fileDigest(m_study), before);
}

void TestTrainer::nonFiniteLossFailsAndLeavesStudy()
{
    // Counts that are finite but near the float limit overflow DeepChrome's convolution to
    // ±inf, so the first batch's loss is NaN: the run stops with a reason naming the batch,
    // and nothing of it reaches the study.
    CellData cell = testing::makeLearnableCell("C1", 64, 32, 32);
    std::fill(cell.values.begin(), cell.values.end(), 3.0e38f);
    QVERIFY(testing::writeStudy(m_study, {cell}).isEmpty());
    const QByteArray before = testing::fileDigest(m_study);
    TrainRequest r = request(2);
    r.model.kind = ModelKind::DeepChrome;
    const TrainOutcome out = trainModel(r, {});
    QVERIFY(!out.ok);
    QVERIFY2(out.error.contains(QLatin1String("the training loss became")) &&
                 out.error.contains(QLatin1String("epoch 1, batch 1")) &&
                 out.error.contains(QLatin1String("extreme values")),
             qPrintable(out.error));
    QCOMPARE(testing::fileDigest(m_study), before);
}

void TestTrainer::nonFiniteLossAfterASaveMarksRunFailed()
{
    // A run that already saved an epoch and then fails keeps that epoch, with status "failed".
    TrainRequest first = request(1);
    first.model.kind = ModelKind::DeepChrome;
    first.runId = QStringLiteral("f");
    TrainOutcome out = trainModel(first, {});
    QVERIFY2(out.ok, qPrintable(out.error));
    CellData cell = testing::makeLearnableCell("C1", 64, 32, 32);
    std::fill(cell.values.begin(), cell.values.end(), 3.0e38f); // overflows, as above
    QVERIFY(testing::writeStudy(m_study, {cell}).isEmpty());
    // The new data makes run f stale, and a stale run is not resumed (issue 13, finding 10)...
    TrainRequest more = request(3);
    more.resumeRunId = QStringLiteral("f");
    out = trainModel(more, {});
    QVERIFY(!out.ok);
    QVERIFY2(out.error.contains(QLatin1String("earlier import of cell C1")), qPrintable(out.error));
    // ... so it is pinned to the new data here, to reach the loss.
    QString error;
    std::unique_ptr<StudyFile> study = StudyFile::open(m_study, &error);
    RunRecord f;
    Weights best, last;
    QVERIFY2(study && study->readRun(QStringLiteral("f"), &f, &error) &&
                 study->readWeights(f.id, QStringLiteral("best"), &best, &error) &&
                 study->readWeights(f.id, QStringLiteral("last"), &last, &error),
             qPrintable(error));
    f.cellDigest = study->cellDigest(QStringLiteral("C1"));
    study.reset();
    QVERIFY2(StudyEditor::apply(
                 m_study,
                 [&](StudyEditor& e, QString* err) { return e.writeRun(f, best, last, err); },
                 &error),
             qPrintable(error));

    out = trainModel(more, {});
    QVERIFY(!out.ok);
    QVERIFY2(out.error.contains(QLatin1String("epoch 2, batch 1")), qPrintable(out.error));
    study = StudyFile::open(m_study, &error);
    QVERIFY2(study, qPrintable(error));
    RunRecord run;
    QVERIFY2(study->readRun(QStringLiteral("f"), &run, &error), qPrintable(error));
    QCOMPARE(run.status, QStringLiteral("failed"));
    QCOMPARE(run.epochs.size(), std::size_t(1));
}

void TestTrainer::unknownCellFails()
{
    TrainRequest r = request(1);
    r.cell = QStringLiteral("E999");
    const TrainOutcome out = trainModel(r, {});
    QVERIFY(!out.ok);
    QVERIFY2(out.error.contains(QLatin1String("E999")) && out.error.contains(m_study),
             qPrintable(out.error));
    r.cell = QStringLiteral("C1");
    r.train.epochs = 0;
    QVERIFY(!trainModel(r, {}).ok);
}

QTEST_GUILESS_MAIN(TestTrainer)
#include "tst_trainer.moc"
