// Attribution methods (issue 5): gradients against finite differences, IG completeness,
// occlusion and ablation against direct forward passes, batch job against single genes.
#include "interpret/Attributor.h"
#include "model/ChromatinModel.h"
#include "model/ModelFactory.h"
#include "model/ModelWeights.h"

#include <QTest>
#include <algorithm>
#include <cmath>
#include <torch/torch.h>

using namespace ac;

namespace
{

constexpr int kT = 10;
constexpr int kM = 3;

// A smooth non-linear stand-in for a trained model: logit = Σ tanh(w ⊙ x) + 0.05 (Σ w ⊙ x)² + b,
// with marks interacting through the square term.
class TinyModelImpl : public ChromatinModelImpl
{
public:
    explicit TinyModelImpl(const ModelConfig& config) : ChromatinModelImpl(config)
    {
        torch::manual_seed(7);
        m_w = register_parameter("w", torch::randn({config.binCount, config.markCount}) * 0.4);
        m_b = register_parameter("b", torch::tensor({-0.3f}));
    }
    ModelOutput forward(const torch::Tensor& x) override
    {
        const torch::Tensor z = x * m_w; // [B,T,M]
        ModelOutput out;
        out.logit = torch::tanh(z).sum({1, 2}) + 0.05 * z.sum({1, 2}).pow(2) + m_b; // [B]
        return out;
    }

private:
    torch::Tensor m_w;
    torch::Tensor m_b;
};

ModelConfig tinyConfig()
{
    ModelConfig c;
    c.binCount = kT;
    c.markCount = kM;
    return c;
}

std::shared_ptr<TinyModelImpl> tinyModel()
{
    return std::make_shared<TinyModelImpl>(tinyConfig());
}

CellData tinyCell(int genes)
{
    CellData cell;
    cell.name = QStringLiteral("tiny");
    cell.binCount = kT;
    cell.markCount = kM;
    cell.genes.resize(genes);
    cell.values.resize(static_cast<std::size_t>(genes) * kT * kM);
    std::uint32_t state = 12345;
    for (float& v : cell.values) {
        state = state * 1664525u + 1013904223u;
        v = static_cast<float>((state >> 8) % 4000) / 1000.0f; // 0 .. 4, like read counts
    }
    return cell;
}

double logitOf(TinyModelImpl& model, const std::vector<float>& x)
{
    torch::NoGradGuard noGrad;
    const torch::Tensor t =
        torch::from_blob(const_cast<float*>(x.data()), {1, kT, kM}, torch::kFloat)
            .to(torch::kDouble);
    // Evaluate in double precision so finite differences are accurate.
    model.to(torch::kDouble);
    const double l = model.forward(t).logit.item<double>();
    model.to(torch::kFloat);
    return l;
}

double sigmoid(double l)
{
    return 1.0 / (1.0 + std::exp(-l));
}

} // namespace

class TestAttributor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void methodKeys();
    void saliencyMatchesFiniteDifferences();
    void attentiveChromeGradientsMatchFiniteDifferences();
    void integratedGradientsAreComplete();
    void integratedGradientsFromEachBaselineAreComplete();
    void completenessReportsTooFewSteps();
    void baselinesAreWhatTheyClaim();
    void occlusionAndAblationAreDeltaP();
    void batchJobMatchesSingleGenes();
    void batchJobCancels();
};

void TestAttributor::methodKeys()
{
    for (AttributionMethod m : allAttributionMethods()) {
        AttributionMethod parsed;
        QVERIFY(parseAttributionMethod(attributionMethodKey(m), &parsed));
        QCOMPARE(parsed, m);
    }
    AttributionMethod m;
    QVERIFY(parseAttributionMethod(QStringLiteral("IG"), &m));
    QCOMPARE(m, AttributionMethod::IntegratedGradients);
    QVERIFY(!parseAttributionMethod(QStringLiteral("lime"), &m));
}

void TestAttributor::saliencyMatchesFiniteDifferences()
{
    auto model = tinyModel();
    Attributor attributor(model);
    const CellData cell = tinyCell(1);
    std::vector<float> x(cell.values.begin(), cell.values.end());
    const AttributionMap saliency = attributor.attribute(x.data(), AttributionMethod::Saliency);
    const AttributionMap ixg =
        attributor.attribute(x.data(), AttributionMethod::InputTimesGradient);
    QCOMPARE(saliency.markCount, kM);
    QCOMPARE(saliency.binCount, kT);
    QCOMPARE(saliency.values.size(), std::size_t(kM * kT));
    QVERIFY(std::abs(saliency.logit - logitOf(*model, x)) < 1e-4);
    QVERIFY(std::abs(saliency.p - sigmoid(saliency.logit)) < 1e-6);
    const double h = 1e-4;
    for (int b = 0; b < kT; ++b)
        for (int m = 0; m < kM; ++m) {
            std::vector<float> up = x;
            std::vector<float> down = x;
            up[b * kM + m] += static_cast<float>(h);
            down[b * kM + m] -= static_cast<float>(h);
            const double hUp = static_cast<double>(up[b * kM + m]) - x[b * kM + m];
            const double hDown = static_cast<double>(x[b * kM + m]) - down[b * kM + m];
            const double fd = (logitOf(*model, up) - logitOf(*model, down)) / (hUp + hDown);
            const double tol = 1e-3 + 1e-3 * std::abs(fd);
            QVERIFY2(std::abs(saliency.at(m, b) - std::abs(fd)) < tol,
                     qPrintable(QStringLiteral("mark %1 bin %2: saliency %3, finite difference %4")
                                    .arg(m)
                                    .arg(b)
                                    .arg(saliency.at(m, b))
                                    .arg(fd)));
            QVERIFY(std::abs(ixg.at(m, b) - x[b * kM + m] * fd) < tol * (1 + x[b * kM + m]));
        }
}

void TestAttributor::attentiveChromeGradientsMatchFiniteDifferences()
{
    // The real model (its bin level runs the fused LSTM with hand-written backpropagation):
    // input gradients must match finite differences of its logit.
    ModelConfig config;
    config.binCount = 12;
    config.binHidden = 4;
    config.markHidden = 3;
    std::shared_ptr<ChromatinModelImpl> model = makeModel(config);
    initUniform(*model, 0.5, 3);
    Attributor attributor(model);
    const int T = config.binCount;
    const int M = config.markCount;
    std::vector<float> x(static_cast<std::size_t>(T) * M);
    for (std::size_t i = 0; i < x.size(); ++i)
        x[i] = static_cast<float>((i * 7) % 5);
    const AttributionMap saliency = attributor.attribute(x.data(), AttributionMethod::Saliency);
    const auto logit = [&](const std::vector<float>& in) {
        torch::NoGradGuard noGrad;
        const torch::Tensor t =
            torch::from_blob(const_cast<float*>(in.data()), {1, T, M}, torch::kFloat).clone();
        return static_cast<double>(model->forward(t).logit.item<float>());
    };
    QVERIFY(std::abs(saliency.logit - logit(x)) < 1e-5);
    double largest = 0;
    for (float v : saliency.values)
        largest = std::max(largest, static_cast<double>(v));
    QVERIFY2(largest > 1e-5, qPrintable(QString::number(largest)));
    const float h = 0.05f;
    for (int b = 0; b < T; ++b)
        for (int m = 0; m < M; ++m) {
            std::vector<float> up = x;
            std::vector<float> down = x;
            up[b * M + m] += h;
            down[b * M + m] -= h;
            const double fd = (logit(up) - logit(down)) / (2.0 * h);
            QVERIFY2(std::abs(saliency.at(m, b) - std::abs(fd)) < 2e-6 + 0.03 * largest,
                     qPrintable(QStringLiteral("mark %1 bin %2: saliency %3, finite difference %4")
                                    .arg(m)
                                    .arg(b)
                                    .arg(saliency.at(m, b))
                                    .arg(fd)));
        }
}

void TestAttributor::integratedGradientsAreComplete()
{
    auto model = tinyModel();
    Attributor attributor(model);
    attributor.setIntegratedGradientSteps(64);
    QCOMPARE(attributor.integratedGradientSteps(), 64);
    const CellData cell = tinyCell(3);
    for (int g = 0; g < 3; ++g) {
        const AttributionMap ig =
            attributor.attribute(cell.geneValues(g), AttributionMethod::IntegratedGradients);
        double sum = 0;
        for (float v : ig.values)
            sum += v;
        const std::vector<float> x(cell.geneValues(g), cell.geneValues(g) + kT * kM);
        const double expected =
            logitOf(*model, x) - logitOf(*model, std::vector<float>(kT * kM, 0.f));
        QVERIFY2(std::abs(sum - expected) < 1e-2 * std::max(1.0, std::abs(expected)),
                 qPrintable(QStringLiteral("gene %1: sum of IG %2, logit(x) - logit(0) %3")
                                .arg(g)
                                .arg(sum)
                                .arg(expected)));
    }
}

void TestAttributor::integratedGradientsFromEachBaselineAreComplete()
{
    // Issue 15, item 5: with many steps Σ attribution = f(x) − f(x₀) for every baseline, and
    // attribute() reports f(x₀) of the baseline it used.
    auto model = tinyModel();
    Attributor attributor(model);
    attributor.setIntegratedGradientSteps(256);
    const CellData cell = tinyCell(4);
    for (IgBaselineKind kind :
         {IgBaselineKind::Zero, IgBaselineKind::Shuffled, IgBaselineKind::TrainingMean}) {
        const IgBaseline baseline = IgBaseline::forCell(kind, cell);
        QString error;
        QVERIFY2(attributor.setIntegratedGradientBaseline(baseline, &error), qPrintable(error));
        QCOMPARE(attributor.integratedGradientBaseline().kind(), kind);
        for (int g = 0; g < cell.geneCount(); ++g) {
            const AttributionMap ig =
                attributor.attribute(cell.geneValues(g), AttributionMethod::IntegratedGradients);
            std::vector<float> x0(kT * kM);
            baseline.fill(cell.geneValues(g), kT, kM, x0.data());
            QVERIFY(std::abs(ig.baselineLogit - logitOf(*model, x0)) < 1e-4);
            double sum = 0;
            for (float v : ig.values)
                sum += v;
            QVERIFY2(std::abs(sum - (ig.logit - ig.baselineLogit)) < 1e-3,
                     qPrintable(QStringLiteral("%1 gene %2: %3 vs %4")
                                    .arg(IgBaseline::key(kind))
                                    .arg(g)
                                    .arg(sum)
                                    .arg(ig.logit - ig.baselineLogit)));
        }
        IgCompleteness c;
        std::vector<float> maps;
        QVERIFY(attributor.attributeAll(cell, {}, AttributionMethod::IntegratedGradients, &maps,
                                        nullptr, {}, &c));
        QCOMPARE(c.geneCount(), cell.geneCount());
        QCOMPARE(c.steps, 256);
        QCOMPARE(c.baseline, IgBaseline::key(kind));
        QVERIFY2(c.maxError() < 1e-3, qPrintable(c.summary()));
        QVERIFY(!c.isLarge());
        QVERIFY(c.warning().isEmpty());
    }
    QString error;
    QVERIFY(!attributor.setIntegratedGradientBaseline(IgBaseline::mean({1, 2}), &error));
    QVERIFY(error.contains(QStringLiteral("mean baseline")));
}

void TestAttributor::completenessReportsTooFewSteps()
{
    Attributor attributor(tinyModel());
    const CellData cell = tinyCell(20);
    IgCompleteness many;
    IgCompleteness one;
    std::vector<float> maps;
    attributor.setIntegratedGradientSteps(256);
    QVERIFY(attributor.attributeAll(cell, {}, AttributionMethod::IntegratedGradients, &maps,
                                    nullptr, {}, &many));
    attributor.setIntegratedGradientSteps(1);
    QVERIFY(attributor.attributeAll(cell, {}, AttributionMethod::IntegratedGradients, &maps,
                                    nullptr, {}, &one));
    qInfo("256 steps: %s", qPrintable(many.summary()));
    qInfo("1 step: %s", qPrintable(one.summary()));
    QVERIFY(one.medianError() > 20 * many.medianError());
    QVERIFY(one.isLarge());
    QVERIFY(one.largeFraction() > 0.5);
    QVERIFY(one.warning().contains(QStringLiteral("too few")));
    QVERIFY(!many.isLarge());
    // Other methods leave it alone.
    IgCompleteness untouched;
    QVERIFY(attributor.attributeAll(cell, {}, AttributionMethod::Saliency, &maps, nullptr, {},
                                    &untouched));
    QVERIFY(untouched.isEmpty());
}

void TestAttributor::baselinesAreWhatTheyClaim()
{
    CellData cell;
    cell.binCount = 100;
    cell.markCount = 2;
    cell.genes.resize(4);
    cell.splits = {Split::Train, Split::Valid, Split::Train, Split::Test};
    for (int i = 0; i < 4 * 100 * 2; ++i)
        cell.values.push_back(static_cast<float>((i * 37) % 101));
    // The mean baseline is the mean of the training genes (0 and 2) only.
    const std::vector<float> mean = IgBaseline::trainingMean(cell);
    QCOMPARE(mean.size(), std::size_t(200));
    for (int i = 0; i < 200; ++i)
        QCOMPARE(mean[i], (cell.geneValues(0)[i] + cell.geneValues(2)[i]) / 2.0f);
    std::vector<float> out(200);
    IgBaseline::forCell(IgBaselineKind::TrainingMean, cell)
        .fill(cell.geneValues(1), 100, 2, out.data());
    QCOMPARE(out, mean);
    IgBaseline().fill(cell.geneValues(1), 100, 2, out.data());
    QCOMPARE(out, std::vector<float>(200, 0.0f));
    // The shuffled baseline permutes each mark's bins of the gene, the same way every time.
    const IgBaseline shuffled = IgBaseline::forCell(IgBaselineKind::Shuffled, cell);
    for (int g = 0; g < 4; ++g) {
        const float* x = cell.geneValues(g);
        shuffled.fill(x, 100, 2, out.data());
        std::vector<float> again(200);
        shuffled.fill(x, 100, 2, again.data());
        QCOMPARE(again, out);
        for (int m = 0; m < 2; ++m) {
            std::vector<float> original, permuted;
            int moved = 0;
            for (int b = 0; b < 100; ++b) {
                original.push_back(x[b * 2 + m]);
                permuted.push_back(out[b * 2 + m]);
                moved += x[b * 2 + m] != out[b * 2 + m] ? 1 : 0;
            }
            QVERIFY(moved > 50);
            std::sort(original.begin(), original.end());
            std::sort(permuted.begin(), permuted.end());
            QCOMPARE(permuted, original);
        }
    }
    // Another seed, another permutation.
    std::vector<float> other(200);
    IgBaseline::shuffled(1).fill(cell.geneValues(0), 100, 2, other.data());
    shuffled.fill(cell.geneValues(0), 100, 2, out.data());
    QVERIFY(other != out);
    for (IgBaselineKind kind :
         {IgBaselineKind::Zero, IgBaselineKind::Shuffled, IgBaselineKind::TrainingMean}) {
        IgBaselineKind parsed;
        QVERIFY(IgBaseline::parse(IgBaseline::key(kind), &parsed));
        QCOMPARE(parsed, kind);
    }
    IgBaselineKind parsed;
    QVERIFY(!IgBaseline::parse(QStringLiteral("blur"), &parsed));
}

void TestAttributor::occlusionAndAblationAreDeltaP()
{
    auto model = tinyModel();
    Attributor attributor(model);
    const CellData cell = tinyCell(1);
    const std::vector<float> x(cell.values.begin(), cell.values.end());
    const double p0 = sigmoid(logitOf(*model, x));
    const AttributionMap occlusion = attributor.attribute(x.data(), AttributionMethod::Occlusion);
    QCOMPARE(occlusion.binCount, kT);
    for (int m = 0; m < kM; ++m)
        for (int b = 0; b < kT; ++b) {
            std::vector<float> changed = x;
            changed[b * kM + m] = 0;
            const double expected = p0 - sigmoid(logitOf(*model, changed));
            QVERIFY(std::abs(occlusion.at(m, b) - expected) < 1e-5);
        }
    const AttributionMap ablation = attributor.attribute(x.data(), AttributionMethod::MarkAblation);
    QCOMPARE(ablation.binCount, 1);
    QCOMPARE(attributor.mapBinCount(AttributionMethod::MarkAblation), 1);
    for (int m = 0; m < kM; ++m) {
        std::vector<float> changed = x;
        for (int b = 0; b < kT; ++b)
            changed[b * kM + m] = 0;
        const double expected = p0 - sigmoid(logitOf(*model, changed));
        QVERIFY(std::abs(ablation.at(m, 0) - expected) < 1e-5);
    }
}

void TestAttributor::batchJobMatchesSingleGenes()
{
    Attributor attributor(tinyModel());
    attributor.setBatchSize(4);
    const CellData cell = tinyCell(11);
    const std::vector<int> genes = {10, 0, 3, 4, 5, 6, 7, 8, 9, 2};
    for (AttributionMethod method : allAttributionMethods()) {
        std::vector<float> maps;
        std::vector<float> p;
        int calls = 0;
        QVERIFY(attributor.attributeAll(cell, genes, method, &maps, &p, [&](const Progress& r) {
            ++calls;
            return r.fraction > 0 && r.fraction <= 1;
        }));
        QVERIFY(calls > 0);
        const std::size_t size = std::size_t(kM) * attributor.mapBinCount(method);
        QCOMPARE(maps.size(), genes.size() * size);
        QCOMPARE(p.size(), genes.size());
        for (std::size_t i = 0; i < genes.size(); ++i) {
            const AttributionMap one = attributor.attribute(cell.geneValues(genes[i]), method);
            QVERIFY(std::abs(one.p - p[i]) < 1e-6);
            for (std::size_t k = 0; k < size; ++k)
                QVERIFY(std::abs(one.values[k] - maps[i * size + k]) <
                        1e-5 * (1 + std::abs(one.values[k])));
        }
    }
    std::vector<float> all;
    QVERIFY(attributor.attributeAll(cell, {}, AttributionMethod::Saliency, &all, nullptr, {}));
    QCOMPARE(all.size(), std::size_t(11 * kM * kT));
}

void TestAttributor::batchJobCancels()
{
    Attributor attributor(tinyModel());
    attributor.setBatchSize(2);
    const CellData cell = tinyCell(8);
    std::vector<float> maps;
    int calls = 0;
    QVERIFY(!attributor.attributeAll(cell, {}, AttributionMethod::Saliency, &maps, nullptr,
                                     [&](const Progress&) { return ++calls < 2; }));
    QCOMPARE(calls, 2);
}

QTEST_APPLESS_MAIN(TestAttributor)
#include "tst_attributor.moc"
