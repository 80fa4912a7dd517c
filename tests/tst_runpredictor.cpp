// RunPredictor: one gene equals the batched pass, attention sums to 1, stored runs load or fail
// clearly; cached results.
#include "TrainFixture.h"

#include "model/ModelFactory.h"
#include "model/ModelWeights.h"
#include "store/StudyFile.h"
#include "train/RunInference.h"
#include "train/RunPredictor.h"

#include <torch/torch.h>

#include <QTemporaryDir>
#include <QtTest>
#include <cmath>

using namespace ac;

namespace
{

Weights seededWeights(const ModelConfig& config, std::uint64_t seed)
{
    auto model = makeModel(config);
    initUniform(*model, 0.1, seed);
    return exportWeights(*model);
}

} // namespace

class TestRunPredictor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void geneEqualsBatch_data();
    void geneEqualsBatch();
    void loadsStoredRun();
    void loadErrors();
    void cachesResults();
    void cancelLeavesOutput();

private:
    QTemporaryDir m_dir;
    CellData m_cell;
};

void TestRunPredictor::initTestCase()
{
    QVERIFY(m_dir.isValid());
    torch::set_num_threads(1);
    // More genes than one inference batch (1,024), so batch boundaries are crossed.
    m_cell = testing::makeLearnableCell("C1", 1100, 20, 20);
}

void TestRunPredictor::geneEqualsBatch_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<bool>("hasAlpha");
    QTest::addColumn<bool>("hasBeta");
    QTest::newRow("attentivechrome") << "attentivechrome" << true << true;
    QTest::newRow("lstm-alpha") << "lstm-alpha" << true << false;
    QTest::newRow("lstm") << "lstm" << false << false;
    QTest::newRow("deepchrome") << "deepchrome" << false << false;
    QTest::newRow("cnn-alpha-beta") << "cnn-alpha-beta" << true << true;
}

void TestRunPredictor::geneEqualsBatch()
{
    QFETCH(QString, kind);
    QFETCH(bool, hasAlpha);
    QFETCH(bool, hasBeta);
    ModelConfig config;
    QVERIFY(parseModelKind(kind, &config.kind));
    QString error;
    auto predictor = RunPredictor::create(config, seededWeights(config, 3), &error);
    QVERIFY2(predictor, qPrintable(error));

    RunResults all;
    QVERIFY(predictor->predictAll(m_cell, &all, {}));
    const int genes = m_cell.geneCount();
    QCOMPARE(all.geneCount, genes);
    QCOMPARE(all.p.size(), std::size_t(genes));
    QCOMPARE(all.alpha.size(), hasAlpha ? std::size_t(genes) * 5 * 100 : std::size_t(0));
    QCOMPARE(all.beta.size(), hasBeta ? std::size_t(genes) * 5 : std::size_t(0));

    for (int g : {0, 1, 517, 1023, 1024, genes - 1}) {
        const GenePrediction one = predictor->predictGene(m_cell.geneValues(g));
        QVERIFY(one.p > 0 && one.p < 1);
        QVERIFY2(
            std::abs(one.p - all.p[std::size_t(g)]) < 1e-5,
            qPrintable(
                QStringLiteral("gene %1: %2 vs %3").arg(g).arg(one.p).arg(all.p[std::size_t(g)])));
        QCOMPARE(one.alpha.size(), hasAlpha ? std::size_t(500) : std::size_t(0));
        QCOMPARE(one.beta.size(), hasBeta ? std::size_t(5) : std::size_t(0));
        for (std::size_t i = 0; i < one.alpha.size(); ++i)
            QVERIFY(std::abs(one.alpha[i] - all.alpha[std::size_t(g) * 500 + i]) < 1e-5);
        for (std::size_t i = 0; i < one.beta.size(); ++i)
            QVERIFY(std::abs(one.beta[i] - all.beta[std::size_t(g) * 5 + i]) < 1e-5);
        // α sums to 1 over the bins of each mark, β over the marks.
        for (int m = 0; hasAlpha && m < 5; ++m) {
            double sum = 0;
            for (int b = 0; b < 100; ++b)
                sum += one.alpha[std::size_t(m) * 100 + b];
            QVERIFY2(std::abs(sum - 1) < 1e-4, qPrintable(QString::number(sum)));
        }
        if (hasBeta) {
            double sum = 0;
            for (float b : one.beta)
                sum += b;
            QVERIFY(std::abs(sum - 1) < 1e-4);
        }
    }
}

void TestRunPredictor::loadsStoredRun()
{
    const QString path = m_dir.filePath(QStringLiteral("load.h5"));
    QVERIFY(testing::writeStudy(path, {m_cell}).isEmpty());
    RunRecord run;
    run.id = QStringLiteral("r1");
    run.cell = QStringLiteral("C1");
    run.status = QStringLiteral("complete");
    run.bestEpoch = 1;
    run.epochs.resize(1);
    run.epochs[0].epoch = 1;
    const Weights best = seededWeights(run.model, 5), last = seededWeights(run.model, 6);
    QString error;
    {
        auto editor = StudyEditor::begin(path, &error);
        QVERIFY2(editor && editor->writeRun(run, best, last, &error) && editor->commit(&error),
                 qPrintable(error));
    }
    auto study = StudyFile::open(path, &error);
    QVERIFY2(study, qPrintable(error));
    auto fromStudy = RunPredictor::load(*study, "r1", "best", &error);
    QVERIFY2(fromStudy, qPrintable(error));
    auto fromMemory = RunPredictor::create(run.model, best, &error);
    auto lastOne = RunPredictor::load(*study, "r1", "last", &error);
    QVERIFY(lastOne);
    const float* x = m_cell.geneValues(7);
    QCOMPARE(fromStudy->predictGene(x).p, fromMemory->predictGene(x).p);
    QVERIFY(fromStudy->predictGene(x).p != lastOne->predictGene(x).p);
    QCOMPARE(fromStudy->modelConfig().kind, ModelKind::AttentiveChrome);
}

void TestRunPredictor::loadErrors()
{
    const QString path = m_dir.filePath(QStringLiteral("errors.h5"));
    QVERIFY(testing::writeStudy(path, {m_cell}).isEmpty());
    RunRecord run;
    run.id = QStringLiteral("mismatch");
    run.cell = QStringLiteral("C1");
    run.model.kind = ModelKind::Lstm;
    ModelConfig other;
    other.kind = ModelKind::AttentiveChrome;
    QString error;
    {
        auto editor = StudyEditor::begin(path, &error);
        // Weights of another variant stored under an LSTM run.
        QVERIFY(editor->writeRun(run, seededWeights(other, 1), {}, &error));
        QVERIFY2(editor->commit(&error), qPrintable(error));
    }
    auto study = StudyFile::open(path, &error);
    QVERIFY(study);
    QVERIFY(!RunPredictor::load(*study, "nope", "best", &error));
    QVERIFY2(error.contains(QLatin1String("nope")), qPrintable(error));
    QVERIFY(!RunPredictor::load(*study, "mismatch", "best", &error));
    QVERIFY2(error.contains(QLatin1String("mismatch")) &&
                 error.contains(QLatin1String("parameter")),
             qPrintable(error));
    QVERIFY(!RunPredictor::load(*study, "mismatch", "last", &error));
    QVERIFY2(error.contains(QLatin1String("mismatch")) && error.contains(QLatin1String("last")),
             qPrintable(error));
}

void TestRunPredictor::cachesResults()
{
    const QString path = m_dir.filePath(QStringLiteral("cache.h5"));
    QVERIFY(testing::writeStudy(path, {m_cell}).isEmpty());
    RunRecord run;
    run.id = QStringLiteral("imported");
    run.cell = QStringLiteral("C1");
    run.status = QStringLiteral("imported");
    const Weights best = seededWeights(run.model, 9);
    QString error;
    {
        auto editor = StudyEditor::begin(path, &error);
        QVERIFY(editor->writeRun(run, best, {}, &error));
        QVERIFY2(editor->commit(&error), qPrintable(error));
    }
    QVERIFY2(cacheRunResults(path, "imported", {}, &error), qPrintable(error));
    auto study = StudyFile::open(path, &error);
    QVERIFY(study && study->hasResults("imported"));
    RunResults cached, computed;
    QVERIFY2(runResults(*study, "imported", "best", m_cell, &cached, {}, &error),
             qPrintable(error));
    auto predictor = RunPredictor::create(run.model, best, &error);
    QVERIFY(predictor->predictAll(m_cell, &computed, {}));
    QCOMPARE(cached.p, computed.p);
    QCOMPARE(cached.alpha.size(), computed.alpha.size());
}

void TestRunPredictor::cancelLeavesOutput()
{
    ModelConfig config;
    QString error;
    auto predictor = RunPredictor::create(config, seededWeights(config, 3), &error);
    RunResults out;
    out.geneCount = -7;
    int calls = 0;
    QVERIFY(!predictor->predictAll(m_cell, &out, [&](const Progress& p) {
        ++calls;
        return p.fraction < 0.5;
    }));
    QCOMPARE(out.geneCount, -7);
    QCOMPARE(calls, 1);
}

QTEST_GUILESS_MAIN(TestRunPredictor)
#include "tst_runpredictor.moc"
