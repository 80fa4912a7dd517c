// AttentiveChrome against the reference PyTorch forward pass (issue #3): the fixture holds weights
// under the reference state_dict names, an input [6, 100, 5] and the reference logit, α and β.
#include "model/ModelFactory.h"
#include "model/ModelWeights.h"
#include "store/WeightsFile.h"

#include <H5Cpp.h>
#include <QTest>
#include <torch/torch.h>

using namespace ac;

namespace {

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

} // namespace

class TestModelParity : public QObject {
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
        qInfo("max abs error: logit %.3g, alpha %.3g, beta %.3g", logitErr, alphaErr, betaErr);
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
        QVERIFY(maxAbsError(out.logit.detach(), m_logit) < kTolerance);
        QVERIFY(maxAbsError(out.alpha.detach(), m_alpha) < kTolerance);
        QVERIFY(maxAbsError(out.beta.detach(), m_beta) < kTolerance);
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
