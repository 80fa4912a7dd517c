// Class optimisation (issue 15, item 4): on a linear model the optimum is known in closed form;
// on the demo study's trained run the search converges, stays ≥ 0, and the ON class puts its
// H3K4me3 at the promoter.
#include "CliRunner.h"
#include "interpret/ClassOptimizer.h"
#include "interpret/IgBaseline.h"
#include "model/ChromatinModel.h"
#include "store/StudyFile.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <torch/torch.h>

using namespace ac;

namespace
{

constexpr int kT = 8;
constexpr int kM = 3;

// logit = Σ w ⊙ x + b: S(X) − λ‖X‖² is maximised over X ≥ 0 at X = max(0, ±w / 2λ).
class LinearModelImpl : public ChromatinModelImpl
{
public:
    explicit LinearModelImpl(const ModelConfig& config) : ChromatinModelImpl(config)
    {
        torch::manual_seed(3);
        m_w = register_parameter("w", torch::randn({config.binCount, config.markCount}));
    }
    ModelOutput forward(const torch::Tensor& x) override
    {
        ModelOutput out;
        out.logit = (x * m_w).sum({1, 2}) + 0.5; // [B]
        return out;
    }
    float weight(int bin, int mark) const { return m_w[bin][mark].item<float>(); }

private:
    torch::Tensor m_w;
};

// Mean of `row` of a marks × bins map over bins [from, to).
double rowMean(const ClassOptimum& o, int mark, int from, int to)
{
    double s = 0;
    for (int b = from; b < to; ++b)
        s += o.at(mark, b);
    return s / (to - from);
}

} // namespace

class TestClassOptimizer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void linearModelReachesTheClosedForm();
    void startsAndKeys();
    void cancels();
    void demoRunPutsPromoterMarkAtTheTss();
    void cliWritesTheMaps();
};

void TestClassOptimizer::linearModelReachesTheClosedForm()
{
    ModelConfig config;
    config.binCount = kT;
    config.markCount = kM;
    auto model = std::make_shared<LinearModelImpl>(config);
    ClassOptimizer optimizer(model);
    ClassOptimisationSettings s;
    s.start = ClassOptimisationStart::Zero;
    s.lambda = 0.5;
    s.learningRate = 0.05;
    s.maxSteps = 5000;
    s.tolerance = 1e-7;
    const std::vector<float> start(kT * kM, 1.0f);
    for (bool on : {true, false}) {
        ClassOptimum o;
        QString error;
        QVERIFY2(optimizer.optimise(on, start, s, &o, {}, &error), qPrintable(error));
        QVERIFY2(o.converged, qPrintable(o.summary()));
        QVERIFY(o.steps < s.maxSteps);
        QCOMPARE(o.on, on);
        QCOMPARE(int(o.values.size()), kT * kM);
        QCOMPARE(o.objective.size(), std::size_t(o.steps + 1));
        QVERIFY(o.finalObjective() > o.objective.front());
        for (int m = 0; m < kM; ++m)
            for (int b = 0; b < kT; ++b) {
                const double w = (on ? 1 : -1) * model->weight(b, m);
                const double expected = std::max(0.0, w / (2 * s.lambda));
                QVERIFY(o.at(m, b) >= 0.0f);
                QVERIFY2(std::abs(o.at(m, b) - expected) < 2e-2,
                         qPrintable(QStringLiteral("%1 mark %2 bin %3: %4, expected %5")
                                        .arg(o.className())
                                        .arg(m)
                                        .arg(b)
                                        .arg(o.at(m, b))
                                        .arg(expected)));
            }
    }
    // A step budget too small to get there is reported as not converged.
    s.maxSteps = 3;
    ClassOptimum o;
    QString error;
    QVERIFY(optimizer.optimise(true, start, s, &o, {}, &error));
    QVERIFY(!o.converged);
    QCOMPARE(o.steps, 3);
    QVERIFY(o.summary().contains(QStringLiteral("NOT converged")));
    // A start of the wrong size is an error.
    QVERIFY(!optimizer.optimise(true, std::vector<float>(5), s, &o, {}, &error));
    QVERIFY(error.contains(QStringLiteral("start")));
}

void TestClassOptimizer::startsAndKeys()
{
    CellData cell;
    cell.binCount = 2;
    cell.markCount = 1;
    cell.genes.resize(3);
    cell.values = {1, 2, 3, 4, 100, 100};
    cell.splits = {Split::Train, Split::Train, Split::Test};
    ClassOptimisationSettings s;
    QCOMPARE(ClassOptimizer::startFor(cell, s), (std::vector<float>{2, 3}));
    s.start = ClassOptimisationStart::Zero;
    QCOMPARE(ClassOptimizer::startFor(cell, s), (std::vector<float>{0, 0}));
    ClassOptimisationStart start;
    QVERIFY(parseClassOptimisationStart(QStringLiteral("mean"), &start));
    QCOMPARE(start, ClassOptimisationStart::TrainingMean);
    QVERIFY(parseClassOptimisationStart(classOptimisationStartKey(ClassOptimisationStart::Zero),
                                        &start));
    QCOMPARE(start, ClassOptimisationStart::Zero);
    QVERIFY(!parseClassOptimisationStart(QStringLiteral("random"), &start));
}

void TestClassOptimizer::cancels()
{
    ModelConfig config;
    config.binCount = kT;
    config.markCount = kM;
    ClassOptimizer optimizer(std::make_shared<LinearModelImpl>(config));
    ClassOptimisationSettings s;
    s.tolerance = 0; // never converges
    s.maxSteps = 1000;
    ClassOptimum o;
    QString error;
    int calls = 0;
    QVERIFY(!optimizer.optimise(
        true, std::vector<float>(kT * kM, 0.0f), s, &o,
        [&](const Progress&) { return ++calls < 2; }, &error));
    QCOMPARE(calls, 2);
    QCOMPARE(error, QStringLiteral("cancelled"));
}

void TestClassOptimizer::demoRunPutsPromoterMarkAtTheTss()
{
    // The bundled demo study (simulated, one trained AttentiveChrome run per cell), made by the
    // build before this test (target demo_study).
    const QString path = QStringLiteral(AC_DEMO_STUDY);
    QString error;
    const std::unique_ptr<StudyFile> study = StudyFile::open(path, &error);
    QVERIFY2(study, qPrintable(error));
    const QString cellName = study->cellNames().value(0);
    const QString runId = study->runIds(cellName).value(0);
    QVERIFY2(!runId.isEmpty(), qPrintable(path + QStringLiteral(": no run")));
    CellData cell;
    QVERIFY2(study->readCell(cellName, &cell, &error), qPrintable(error));
    const std::unique_ptr<ClassOptimizer> optimizer =
        ClassOptimizer::load(*study, runId, QStringLiteral("best"), &error);
    QVERIFY2(optimizer, qPrintable(error));
    torch::set_num_threads(1);
    const int promoterMark = int(cell.markNames.indexOf(QStringLiteral("H3K4me3")));
    QVERIFY(promoterMark >= 0);
    const int T = cell.binCount;
    // Promoter: TSS ± 2 kb (bins 30..69 of 100 bp from TSS − 5 kb); flanks: the bins outside.
    const int from = (-2000 - cell.windowStart) / cell.binSize;
    const int to = (2000 - cell.windowStart) / cell.binSize;
    // From the documented default start, the training mean. (From zeros the ON search stops on
    // the flat, saturated region around X = 0 with a negative score: the README says so.)
    {
        const ClassOptimisationStart start = ClassOptimisationStart::TrainingMean;
        ClassOptimisationSettings s;
        s.start = start;
        std::vector<ClassOptimum> both;
        QVERIFY2(optimizer->optimiseBoth(cell, s, &both, {}, &error), qPrintable(error));
        QCOMPARE(both.size(), std::size_t(2));
        const ClassOptimum& on = both[0];
        const ClassOptimum& off = both[1];
        for (const ClassOptimum& o : both) {
            qInfo("%s", qPrintable(o.className() + QStringLiteral(": ") + o.summary()));
            QVERIFY2(o.converged, qPrintable(o.summary()));
            QVERIFY2(o.finalObjective() > o.objective.front() + 0.5, qPrintable(o.summary()));
            QCOMPARE(o.objective.size(), std::size_t(o.steps + 1));
            // Converged: the last window of steps changed the objective by under the tolerance.
            const double last = o.finalObjective();
            QVERIFY(std::abs(last - o.objective[o.objective.size() - 1 - s.window]) <
                    s.tolerance * std::max(1.0, std::abs(last)));
            for (float v : o.values)
                QVERIFY(v >= 0.0f && std::isfinite(v));
        }
        QVERIFY(on.on && !off.on);
        QVERIFY(on.score > 0); // the ON input is called ON, the OFF input OFF
        QVERIFY(off.score > 0);
        const double promoter = rowMean(on, promoterMark, from, to);
        const double flanks = (rowMean(on, promoterMark, 0, from) * from +
                               rowMean(on, promoterMark, to, T) * (T - to)) /
                              (from + T - to);
        qInfo("start %s: ON H3K4me3 promoter %.3f, flanks %.3f; OFF promoter %.3f",
              qPrintable(classOptimisationStartKey(start)), promoter, flanks,
              rowMean(off, promoterMark, from, to));
        QVERIFY2(promoter > 2 * flanks,
                 qPrintable(QStringLiteral("promoter %1, flanks %2").arg(promoter).arg(flanks)));
        QVERIFY(promoter > 2 * rowMean(off, promoterMark, from, to));
    }
}

void TestClassOptimizer::cliWritesTheMaps()
{
    if (qEnvironmentVariableIsEmpty("AC_CLI"))
        QSKIP("AC_CLI is not set (run through ctest)");
    QTemporaryDir dir;
    const testing::CliRun r = testing::runCli(
        {QStringLiteral("class-opt"), QStringLiteral("--study"), QStringLiteral(AC_DEMO_STUDY),
         QStringLiteral("--cell"), QStringLiteral("SimCell1"), QStringLiteral("--threads"),
         QStringLiteral("1"), QStringLiteral("--class-opt-start"), QStringLiteral("zero"),
         QStringLiteral("--class-opt-steps"), QStringLiteral("5"), QStringLiteral("--out"),
         dir.path()},
        120000);
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(QStringLiteral("class ON: start zero, lambda 0.001, 5 steps")),
             qPrintable(r.out));
    QVERIFY(r.out.contains(QStringLiteral("NOT converged (max 5 steps)")));
    for (const char* name : {"class-optimal-ON.tsv", "class-optimal-OFF.tsv"}) {
        QFile f(dir.filePath(QLatin1String(name)));
        QVERIFY(f.open(QIODevice::ReadOnly | QIODevice::Text));
        const QStringList lines =
            QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 1 + 1 + 5); // comment, header, one row per mark
        QVERIFY(lines[0].startsWith(QStringLiteral("# class-optimal input")));
        QVERIFY(lines[1].startsWith(QStringLiteral("mark\t-5000\t-4900")));
        QVERIFY(lines[5].startsWith(QStringLiteral("H3K4me3\t")));
        QCOMPARE(lines[5].split(QLatin1Char('\t')).size(), 101);
    }
    const testing::CliRun bad = testing::runCli(
        {QStringLiteral("class-opt"), QStringLiteral("--study"), QStringLiteral(AC_DEMO_STUDY),
         QStringLiteral("--cell"), QStringLiteral("SimCell1"), QStringLiteral("--class-opt-start"),
         QStringLiteral("noise"), QStringLiteral("--out"), dir.path()},
        60000);
    QVERIFY(bad.exitCode != 0);
    QVERIFY(bad.err.contains(QStringLiteral("--class-opt-start")));
}

QTEST_GUILESS_MAIN(TestClassOptimizer)
#include "tst_classoptimizer.moc"
