// Every model variant on tiny CPU tensors: shapes, attention normalisation, finiteness, batch
// independence, gradients, weight export/import and seeded initialisation (issue #3).
#include "model/ModelFactory.h"
#include "model/ModelWeights.h"

#include <QTest>
#include <torch/torch.h>

using namespace ac;

Q_DECLARE_METATYPE(ac::ModelKind)

namespace
{

constexpr int kBins = 20;
constexpr int kMarks = 5;
constexpr int kBatch = 3;

ModelConfig tinyConfig(ModelKind kind)
{
    ModelConfig c;
    c.kind = kind;
    c.binCount = kBins;
    c.markCount = kMarks;
    c.binHidden = 4;
    c.markHidden = 3;
    c.convFilters = 4;
    c.convKernel = 3;
    c.poolSize = 2;
    c.mlpHidden = 8;
    return c;
}

std::shared_ptr<ChromatinModelImpl> tinyModel(ModelKind kind, std::uint64_t seed)
{
    auto model = makeModel(tinyConfig(kind));
    initUniform(*model, 0.1, seed);
    model->eval();
    return model;
}

// Read counts like the REMC data: small non-negative integers, [B, T, M].
torch::Tensor counts(int batch)
{
    torch::manual_seed(7);
    return torch::randint(0, 12, {batch, kBins, kMarks}).to(torch::kFloat);
}

void addKinds()
{
    QTest::addColumn<ModelKind>("kind");
    for (ModelKind k : {ModelKind::AttentiveChrome, ModelKind::LstmAlpha, ModelKind::Lstm,
                        ModelKind::DeepChrome, ModelKind::CnnAlphaBeta})
        QTest::newRow(qPrintable(modelKindKey(k))) << k;
}

} // namespace

class TestModels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void outputs_data() { addKinds(); }
    void outputs()
    {
        QFETCH(ModelKind, kind);
        auto model = tinyModel(kind, 1);
        torch::NoGradGuard noGrad;
        const ModelOutput out = model->forward(counts(kBatch));
        QCOMPARE(out.logit.sizes().vec(), (std::vector<std::int64_t>{kBatch}));
        QVERIFY(torch::isfinite(out.logit).all().item<bool>());

        const bool hasAlpha = kind == ModelKind::AttentiveChrome || kind == ModelKind::LstmAlpha ||
                              kind == ModelKind::CnnAlphaBeta;
        const bool hasBeta = kind == ModelKind::AttentiveChrome || kind == ModelKind::CnnAlphaBeta;
        QCOMPARE(out.alpha.defined(), hasAlpha);
        QCOMPARE(out.beta.defined(), hasBeta);
        if (hasAlpha) {
            QCOMPARE(out.alpha.sizes().vec(), (std::vector<std::int64_t>{kBatch, kMarks, kBins}));
            QVERIFY(torch::isfinite(out.alpha).all().item<bool>());
            QVERIFY(out.alpha.min().item<float>() >= 0.0f);
            const float err = (out.alpha.sum(2) - 1).abs().max().item<float>(); // over bins
            QVERIFY2(err < 1e-5f, qPrintable(QString::number(err)));
        }
        if (hasBeta) {
            QCOMPARE(out.beta.sizes().vec(), (std::vector<std::int64_t>{kBatch, kMarks}));
            QVERIFY(torch::isfinite(out.beta).all().item<bool>());
            QVERIFY(out.beta.min().item<float>() >= 0.0f);
            const float err = (out.beta.sum(1) - 1).abs().max().item<float>(); // over marks
            QVERIFY2(err < 1e-5f, qPrintable(QString::number(err)));
        }
    }

    // A gene's prediction must not depend on the other genes of its batch (catches a recurrence
    // run over the wrong axis).
    void batchIndependence_data() { addKinds(); }
    void batchIndependence()
    {
        QFETCH(ModelKind, kind);
        auto model = tinyModel(kind, 3);
        torch::NoGradGuard noGrad;
        const torch::Tensor x = counts(kBatch);
        const ModelOutput all = model->forward(x);
        for (int i = 0; i < kBatch; ++i) {
            const ModelOutput one = model->forward(x.slice(0, i, i + 1));
            QVERIFY(torch::allclose(one.logit, all.logit.slice(0, i, i + 1), 1e-5, 1e-6));
            if (all.alpha.defined())
                QVERIFY(torch::allclose(one.alpha, all.alpha.slice(0, i, i + 1), 1e-5, 1e-6));
            if (all.beta.defined())
                QVERIFY(torch::allclose(one.beta, all.beta.slice(0, i, i + 1), 1e-5, 1e-6));
        }
    }

    void everyParameterGetsAGradient_data() { addKinds(); }
    void everyParameterGetsAGradient()
    {
        QFETCH(ModelKind, kind);
        auto model = tinyModel(kind, 4);
        model->train();
        model->forward(counts(kBatch)).logit.sum().backward();
        for (const auto& p : model->named_parameters()) {
            QVERIFY2(p.value().grad().defined(), p.key().c_str());
            QVERIFY2(torch::isfinite(p.value().grad()).all().item<bool>(), p.key().c_str());
        }
    }

    void initUniformIsSeeded_data() { addKinds(); }
    void initUniformIsSeeded()
    {
        QFETCH(ModelKind, kind);
        const Weights a = exportWeights(*tinyModel(kind, 11));
        const Weights b = exportWeights(*tinyModel(kind, 11));
        const Weights c = exportWeights(*tinyModel(kind, 12));
        QVERIFY(a == b);
        QVERIFY(a != c);
        for (const WeightArray& w : a)
            for (float v : w.values)
                QVERIFY2(v >= -0.1f && v <= 0.1f, w.name.c_str());
    }

    void exportImportRoundTrip_data() { addKinds(); }
    void exportImportRoundTrip()
    {
        QFETCH(ModelKind, kind);
        auto source = tinyModel(kind, 21);
        auto target = tinyModel(kind, 22);
        const Weights weights = exportWeights(*source);
        QCOMPARE(weights.size(), source->parameters().size());
        QString error;
        QVERIFY2(importWeights(*target, weights, &error), qPrintable(error));
        QVERIFY(exportWeights(*target) == weights);
        torch::NoGradGuard noGrad;
        const torch::Tensor x = counts(kBatch);
        QVERIFY(torch::equal(source->forward(x).logit, target->forward(x).logit));
    }

    void wrongShapeIsRejected_data() { addKinds(); }
    void wrongShapeIsRejected()
    {
        QFETCH(ModelKind, kind);
        auto model = tinyModel(kind, 31);
        const Weights before = exportWeights(*model);
        Weights weights = exportWeights(*tinyModel(kind, 32));
        WeightArray& last = weights.back();
        const std::string name = last.name;
        const std::vector<std::int64_t> shape = last.shape;
        last.shape.push_back(1); // same values, one more dimension
        QString error;
        QVERIFY(!importWeights(*model, weights, &error));
        QVERIFY2(error.contains(QString::fromStdString(name)), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("expects")), qPrintable(error));
        QVERIFY(exportWeights(*model) == before);

        last.shape = shape;
        last.values.pop_back(); // right shape, too few values
        QVERIFY(!importWeights(*model, weights, &error));
        QVERIFY2(error.contains(QString::fromStdString(name)), qPrintable(error));
        QVERIFY(exportWeights(*model) == before);
    }

    void unknownNameIsRejected_data() { addKinds(); }
    void unknownNameIsRejected()
    {
        QFETCH(ModelKind, kind);
        auto model = tinyModel(kind, 41);
        const Weights before = exportWeights(*model);
        Weights weights = exportWeights(*tinyModel(kind, 42));
        weights.push_back(WeightArray{"rnn_hms.9.rnn.weight_ih_l0", {2}, {0.5f, 0.5f}});
        QString error;
        QVERIFY(!importWeights(*model, weights, &error));
        QVERIFY2(error.contains(QLatin1String("unknown parameter \"rnn_hms.9.rnn.weight_ih_l0\"")),
                 qPrintable(error));
        QVERIFY(exportWeights(*model) == before);
    }

    void missingNameIsRejected_data() { addKinds(); }
    void missingNameIsRejected()
    {
        QFETCH(ModelKind, kind);
        auto model = tinyModel(kind, 51);
        const Weights before = exportWeights(*model);
        Weights weights = exportWeights(*tinyModel(kind, 52));
        const std::string name = weights.front().name;
        weights.erase(weights.begin());
        QString error;
        QVERIFY(!importWeights(*model, weights, &error));
        QVERIFY2(error.contains(QString::fromStdString(name)), qPrintable(error));
        QVERIFY2(error.contains(QLatin1String("missing")), qPrintable(error));
        QVERIFY(exportWeights(*model) == before);
    }

    // The fused two-direction recurrence of the LSTM baseline equals torch::nn::LSTM's final
    // states (forward after the last bin, reverse after the first) through its "fc" layer.
    void lstmMatchesTorchLstm()
    {
        auto model = tinyModel(ModelKind::Lstm, 61);
        const auto modules = model->named_children();
        auto* rnn = modules["rnn"]->as<torch::nn::LSTMImpl>();
        auto* fc = modules["fc"]->as<torch::nn::LinearImpl>();
        QVERIFY(rnn && fc);
        const torch::Tensor x = counts(kBatch);
        const torch::Tensor hn = std::get<0>(std::get<1>(rnn->forward(x))); // [2, B, H]
        const torch::Tensor expected = fc->forward(torch::cat({hn[0], hn[1]}, 1)).squeeze(1);
        const torch::Tensor withGrad = model->forward(x).logit;
        QVERIFY(torch::allclose(withGrad, expected, 1e-5, 1e-6));
        torch::NoGradGuard noGrad;
        QVERIFY(torch::allclose(model->forward(x).logit, expected, 1e-5, 1e-6));
    }

    void attentiveChromeUsesReferenceNames()
    {
        auto model = makeModel(ModelConfig{});
        std::vector<std::string> names;
        for (const auto& p : model->named_parameters())
            names.push_back(p.key());
        QCOMPARE(names.size(), std::size_t{5 * 9 + 9 + 2});
        const auto has = [&](const std::string& n) {
            return std::find(names.begin(), names.end(), n) != names.end();
        };
        QVERIFY(has("rnn_hms.0.rnn.weight_ih_l0"));
        QVERIFY(has("rnn_hms.4.rnn.bias_hh_l0_reverse"));
        QVERIFY(has("rnn_hms.2.bin_attention.bin_context_vector"));
        QVERIFY(has("hm_level_rnn_1.rnn.weight_ih_l0"));
        QVERIFY(has("hm_level_rnn_1.bin_attention.bin_context_vector"));
        QVERIFY(has("fdiff1_1.weight"));
        QVERIFY(has("fdiff1_1.bias"));
    }
};

QTEST_APPLESS_MAIN(TestModels)
#include "tst_models.moc"
