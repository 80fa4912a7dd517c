// FlatAdam: the same steps as torch::optim::Adam with clip_grad_norm_, on one flat buffer.
#include "train/FlatAdam.h"

#include <QtTest>

using namespace ac;

class TestFlatAdam : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void matchesTorchAdam_data();
    void matchesTorchAdam();
};

namespace
{

struct Net : torch::nn::Module {
    Net()
    {
        lstm = register_module("lstm", torch::nn::LSTM(torch::nn::LSTMOptions(3, 4)));
        fc = register_module("fc", torch::nn::Linear(4, 1));
    }
    torch::Tensor forward(const torch::Tensor& x) // x [B, T, 3]
    {
        const torch::Tensor h = std::get<0>(lstm->forward(x.transpose(0, 1))); // [T, B, 4]
        return fc->forward(h[-1]).squeeze(1);                                  // [B]
    }
    torch::nn::LSTM lstm{nullptr};
    torch::nn::Linear fc{nullptr};
};

torch::Tensor loss(Net& net, int step)
{
    torch::manual_seed(100 + step);
    const torch::Tensor x = torch::randn({8, 5, 3}) * 3;
    const torch::Tensor y = (torch::rand({8}) > 0.5).to(torch::kFloat);
    return torch::binary_cross_entropy_with_logits(net.forward(x), y);
}

} // namespace

void TestFlatAdam::matchesTorchAdam_data()
{
    QTest::addColumn<double>("clip");
    QTest::newRow("no clip") << 0.0;
    QTest::newRow("clip 0.05 (active)") << 0.05;
}

void TestFlatAdam::matchesTorchAdam()
{
    QFETCH(double, clip);
    torch::manual_seed(1);
    Net reference;
    Net flat;
    {
        torch::NoGradGuard noGrad;
        const auto a = reference.parameters(), b = flat.parameters();
        for (std::size_t i = 0; i < a.size(); ++i)
            b[i].copy_(a[i]);
    }
    torch::optim::Adam adam(reference.parameters(), torch::optim::AdamOptions(0.01));
    FlatAdam flatAdam(flat, 0.01);
    for (int step = 0; step < 5; ++step) {
        adam.zero_grad();
        loss(reference, step).backward();
        if (clip > 0)
            torch::nn::utils::clip_grad_norm_(reference.parameters(), clip);
        adam.step();

        flatAdam.zeroGrad();
        loss(flat, step).backward();
        flatAdam.clipGradNorm(clip);
        flatAdam.step();
    }
    const auto a = reference.parameters(), b = flat.parameters();
    QCOMPARE(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        const double diff = (a[i] - b[i]).abs().max().item<double>();
        QVERIFY2(diff < 1e-6,
                 qPrintable(QStringLiteral("parameter %1 differs by %2").arg(i).arg(diff)));
        QVERIFY(!torch::equal(b[i], torch::zeros_like(b[i])));
    }
}

QTEST_APPLESS_MAIN(TestFlatAdam)
#include "tst_flatadam.moc"
