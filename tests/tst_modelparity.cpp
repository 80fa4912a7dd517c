// AttentiveChrome against the reference PyTorch forward pass (issue #3): the fixture holds weights
// under the reference state_dict names, an input [6, 100, 5] and the reference logit, α and β.
#include "model/ModelFactory.h"
#include "model/ModelWeights.h"
#include "store/WeightsFile.h"

#include <H5Cpp.h>
#include <QTest>
#include <map>
#include <torch/torch.h>

using namespace ac;

namespace
{

constexpr double kTolerance = 1e-5;

torch::Tensor readDataset(const QString& path, const char* name)
{
    H5::H5File file(path.toStdString(), H5F_ACC_RDONLY);
    H5::DataSet ds = file.openDataSet(name);
    H5::DataSpace space = ds.getSpace();
    std::vector<hsize_t> dims(static_cast<std::size_t>(space.getSimpleExtentNdims()));
    space.getSimpleExtentDims(dims.data());
    std::vector<std::int64_t> shape(dims.begin(), dims.end());
    torch::Tensor t = torch::empty(shape, torch::kFloat);
    ds.read(t.data_ptr<float>(), H5::PredType::NATIVE_FLOAT);
    return t;
}

double maxAbsError(const torch::Tensor& a, const torch::Tensor& b)
{
    return (a - b).abs().max().item<double>();
}

// The reference arithmetic written out with ATen's own LSTM (torch::lstm, what torch::nn::LSTM
// runs) on leaf tensors: what the model, whose bin level is a fused recurrence, must equal in
// values and in gradients.
class UnfusedReference
{
public:
    explicit UnfusedReference(const Weights& weights)
    {
        for (const WeightArray& w : weights)
            m_params[w.name] = torch::tensor(w.values).reshape(w.shape).requires_grad_(true);
    }

    torch::Tensor logit(const torch::Tensor& x)
    {
        std::vector<torch::Tensor> embeddings;
        for (std::int64_t j = 0; j < x.size(2); ++j) {
            const std::string prefix = "rnn_hms." + std::to_string(j);
            embeddings.push_back(attend(prefix, lstm(prefix, x.slice(2, j, j + 1)))); // [B, 64]
        }
        const torch::Tensor marks = torch::stack(embeddings, 1); // [B, M, 64]
        const torch::Tensor v = attend("hm_level_rnn_1", lstm("hm_level_rnn_1", marks)); // [B, 32]
        return torch::addmm(m_params["fdiff1_1.bias"], v, m_params["fdiff1_1.weight"].t())
            .squeeze(1); // [B, 1] -> [B]
    }

    const torch::Tensor& param(const std::string& name) { return m_params.at(name); }

private:
    std::map<std::string, torch::Tensor> m_params;

    torch::Tensor lstm(const std::string& prefix, const torch::Tensor& seq) // [B, L, I]
    {
        std::vector<torch::Tensor> flat;
        for (const std::string suffix : {"", "_reverse"})
            for (const char* n : {"weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"})
                flat.push_back(m_params.at(prefix + ".rnn." + n + suffix));
        const std::int64_t hidden = flat[1].size(1);
        const torch::Tensor zero = torch::zeros({2, seq.size(0), hidden});
        return std::get<0>(torch::lstm(seq, {zero, zero}, flat, true, 1, 0.0, false, true, true));
    }

    torch::Tensor attend(const std::string& prefix, const torch::Tensor& h) // [B, L, D]
    {
        const torch::Tensor context = m_params.at(prefix + ".bin_attention.bin_context_vector");
        const torch::Tensor a = torch::softmax(torch::matmul(h, context).squeeze(2), 1); // [B, L]
        return torch::bmm(a.unsqueeze(1), h).squeeze(1);                                 // [B, D]
    }
};

} // namespace

class TestModelParity : public QObject
{
    Q_OBJECT

private:
    QString m_fixture;
    Weights m_weights;
    torch::Tensor m_input, m_logit, m_alpha, m_beta;

    std::shared_ptr<ChromatinModelImpl> referenceModel()
    {
        auto model = makeModel(ModelConfig{});
        QString error;
        if (!importWeights(*model, m_weights, &error))
            qFatal("%s", qPrintable(error));
        model->eval();
        return model;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_fixture = QFINDTESTDATA("data/attentivechrome_reference.h5");
        QVERIFY(!m_fixture.isEmpty());
        QString error;
        QVERIFY2(readWeightsFile(m_fixture, &m_weights, &error), qPrintable(error));
        m_input = readDataset(m_fixture, "input");
        m_logit = readDataset(m_fixture, "logit");
        m_alpha = readDataset(m_fixture, "alpha");
        m_beta = readDataset(m_fixture, "beta");
        QCOMPARE(m_input.sizes().vec(), (std::vector<std::int64_t>{6, 100, 5}));
        QCOMPARE(m_alpha.sizes().vec(), (std::vector<std::int64_t>{6, 5, 100}));
        QCOMPARE(m_beta.sizes().vec(), (std::vector<std::int64_t>{6, 5}));
    }

    // Every reference parameter loads: same names, same shapes, none left over.
    void referenceWeightsLoad()
    {
        auto model = makeModel(ModelConfig{});
        QString error;
        QVERIFY2(importWeights(*model, m_weights, &error), qPrintable(error));
        QCOMPARE(m_weights.size(), model->parameters().size());
    }

    void forwardMatchesReference()
    {
        auto model = referenceModel();
        torch::NoGradGuard noGrad;
        const ModelOutput out = model->forward(m_input);
        const double logitErr = maxAbsError(out.logit, m_logit);
        const double alphaErr = maxAbsError(out.alpha, m_alpha);
        const double betaErr = maxAbsError(out.beta, m_beta);
        qInfo("max abs error (inference path): logit %.3g, alpha %.3g, beta %.3g", logitErr,
              alphaErr, betaErr);
        QVERIFY2(logitErr < kTolerance, qPrintable(QString::number(logitErr)));
        QVERIFY2(alphaErr < kTolerance, qPrintable(QString::number(alphaErr)));
        QVERIFY2(betaErr < kTolerance, qPrintable(QString::number(betaErr)));
    }

    // The training path (autograd on) computes the same numbers.
    void forwardWithGradMatchesReference()
    {
        auto model = referenceModel();
        model->train();
        const ModelOutput out = model->forward(m_input);
        const double logitErr = maxAbsError(out.logit.detach(), m_logit);
        const double alphaErr = maxAbsError(out.alpha.detach(), m_alpha);
        const double betaErr = maxAbsError(out.beta.detach(), m_beta);
        qInfo("max abs error (autograd path): logit %.3g, alpha %.3g, beta %.3g", logitErr,
              alphaErr, betaErr);
        QVERIFY(logitErr < kTolerance);
        QVERIFY(alphaErr < kTolerance);
        QVERIFY(betaErr < kTolerance);
    }

    // Training goes through the fused recurrence's hand-written backward pass: every parameter's
    // gradient, and the input's (saliency), must be those of the unfused reference.
    void gradientsMatchUnfusedReference()
    {
        const torch::Tensor labels = torch::tensor({1.0f, 0.0f, 1.0f, 0.0f, 1.0f, 0.0f});
        UnfusedReference reference(m_weights);
        const torch::Tensor xRef = m_input.clone().requires_grad_(true);
        const torch::Tensor refLogit = reference.logit(xRef);
        QVERIFY(maxAbsError(refLogit.detach(), m_logit) < kTolerance);
        torch::binary_cross_entropy_with_logits(refLogit, labels).backward();

        auto model = referenceModel();
        model->train();
        const torch::Tensor x = m_input.clone().requires_grad_(true);
        torch::binary_cross_entropy_with_logits(model->forward(x).logit, labels).backward();

        double worst = 0.0;
        std::string worstName;
        for (const auto& p : model->named_parameters()) {
            QVERIFY2(p.value().grad().defined(), p.key().c_str());
            const double err = maxAbsError(p.value().grad(), reference.param(p.key()).grad());
            if (err >= worst) {
                worst = err;
                worstName = p.key();
            }
        }
        const double inputErr = maxAbsError(x.grad(), xRef.grad());
        qInfo("max abs gradient error: parameters %.3g (%s), input %.3g", worst, worstName.c_str(),
              inputErr);
        QVERIFY2(worst < kTolerance, worstName.c_str());
        QVERIFY(inputErr < kTolerance);
    }

    // One gene at a time gives the batch's numbers.
    void singleGeneMatchesReference()
    {
        auto model = referenceModel();
        torch::NoGradGuard noGrad;
        for (std::int64_t g = 0; g < m_input.size(0); ++g) {
            const ModelOutput out = model->forward(m_input.slice(0, g, g + 1));
            QVERIFY(maxAbsError(out.logit, m_logit.slice(0, g, g + 1)) < kTolerance);
            QVERIFY(maxAbsError(out.alpha, m_alpha.slice(0, g, g + 1)) < kTolerance);
            QVERIFY(maxAbsError(out.beta, m_beta.slice(0, g, g + 1)) < kTolerance);
        }
    }
};

QTEST_APPLESS_MAIN(TestModelParity)
#include "tst_modelparity.moc"
