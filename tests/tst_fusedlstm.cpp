// The fused LSTM (core/model/FusedLstm) against torch::nn::LSTM: outputs, gradients of input and
// every weight, a finite-difference check, and the inference path with bin attention (issue 3).
#include "model/FusedLstm.h"

#include <QTest>
#include <torch/torch.h>

#include <vector>

using namespace ac;

namespace
{

/// max |a - b| relative to max(1, max |b|).
double relDiff(const torch::Tensor& a, const torch::Tensor& b)
{
    const double scale = std::max(1.0, b.abs().max().item<double>());
    return (a - b).abs().max().item<double>() / scale;
}

/// M bidirectional torch LSTMs with input size 1 and their weights stacked for the fused code
/// (g = 2m forward, 2m + 1 reverse).
struct Reference {
    std::vector<torch::nn::LSTM> lstms;
    torch::Tensor wIh, wHh, bIh, bHh; // [2M, ...], leaves of their own

    Reference(int64_t M, int64_t I, int64_t H, double range)
    {
        std::vector<torch::Tensor> wi, wh, bi, bh;
        for (int64_t m = 0; m < M; ++m) {
            torch::nn::LSTM l(torch::nn::LSTMOptions(I, H).bidirectional(true));
            torch::NoGradGuard noGrad;
            for (auto& p : l->parameters())
                p.uniform_(-range, range);
            for (const char* suffix : {"", "_reverse"}) {
                wi.push_back(l->named_parameters()[std::string("weight_ih_l0") + suffix]);
                wh.push_back(l->named_parameters()[std::string("weight_hh_l0") + suffix]);
                bi.push_back(l->named_parameters()[std::string("bias_ih_l0") + suffix]);
                bh.push_back(l->named_parameters()[std::string("bias_hh_l0") + suffix]);
            }
            lstms.push_back(l);
        }
        torch::NoGradGuard noGrad;
        wIh = torch::stack(wi).clone().requires_grad_(true);
        wHh = torch::stack(wh).clone().requires_grad_(true);
        bIh = torch::stack(bi).clone().requires_grad_(true);
        bHh = torch::stack(bh).clone().requires_grad_(true);
    }

    /// Gradient of parameter `name` of every direction of every LSTM, stacked like wIh etc.
    torch::Tensor stackedGrad(const std::string& name) const
    {
        std::vector<torch::Tensor> g;
        for (const auto& l : lstms)
            for (const char* suffix : {"", "_reverse"})
                g.push_back(l->named_parameters()[name + suffix].grad());
        return torch::stack(g);
    }
};

std::vector<bool> alternating(int64_t G)
{
    std::vector<bool> r;
    for (int64_t g = 0; g < G; ++g)
        r.push_back(g % 2 == 1);
    return r;
}

} // namespace

class TestFusedLstm : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        torch::manual_seed(3);
        qInfo("fused LSTM kernels: %s", fusedLstmInstructionSet());
    }

    void instructionSetHonoursCap()
    {
        const QByteArray cap = qgetenv("AC_FUSED_LSTM_SIMD");
        const QByteArray used = fusedLstmInstructionSet();
        QVERIFY(used == "avx512" || used == "avx2" || used == "baseline");
        if (cap == "baseline")
            QCOMPARE(used, QByteArray("baseline"));
        if (cap == "avx2")
            QVERIFY(used != "avx512");
    }

    void matchesTorchBidirectionalLstm_data()
    {
        QTest::addColumn<int>("M");
        QTest::addColumn<int>("B");
        QTest::addColumn<int>("T");
        QTest::addColumn<int>("I");
        QTest::addColumn<int>("H");
        QTest::newRow("attentivechrome sizes") << 5 << 16 << 100 << 1 << 32;
        QTest::newRow("batch 6 (4 + 2 rows), input 2, hidden 16") << 3 << 6 << 13 << 2 << 16;
        QTest::newRow("small, input 3, hidden 5 (unblocked path)") << 2 << 3 << 7 << 3 << 5;
        QTest::newRow("one step") << 1 << 2 << 1 << 1 << 4;
    }

    void matchesTorchBidirectionalLstm()
    {
        QFETCH(int, M);
        QFETCH(int, B);
        QFETCH(int, T);
        QFETCH(int, I);
        QFETCH(int, H);
        Reference ref(M, I, H, 0.5);
        const torch::Tensor x0 = torch::randn({B, T, M, I}) * 2;

        // Reference: torch's LSTM per mark, sequence-first input [T, B, I].
        const torch::Tensor xr = x0.clone().requires_grad_(true);
        std::vector<torch::Tensor> outs;
        for (int m = 0; m < M; ++m)
            outs.push_back(std::get<0>(ref.lstms[static_cast<size_t>(m)]->forward(
                xr.select(2, m).transpose(0, 1))));      // [T, B, 2H]
        const torch::Tensor refOut = torch::stack(outs); // [M, T, B, 2H]

        // Fused: [2M, B, T, I], the same input for both directions of a mark.
        const torch::Tensor xf = x0.clone().requires_grad_(true);
        const torch::Tensor xg = xf.permute({2, 0, 1, 3}).repeat_interleave(2, 0);
        const torch::Tensor h =
            fusedLstm(xg, ref.wIh, ref.wHh, ref.bIh, ref.bHh, alternating(2 * M));
        QCOMPARE(h.sizes().vec(), (std::vector<int64_t>{2 * M, B, T, H}));
        // [2M, B, T, H] -> [M, 2, B, T, H] -> [M, T, B, 2, H] -> [M, T, B, 2H]
        const torch::Tensor fusedOut =
            h.view({M, 2, B, T, H}).permute({0, 3, 2, 1, 4}).reshape({M, T, B, 2 * H});
        QVERIFY2(relDiff(fusedOut, refOut) < 1e-5,
                 qPrintable(QString::number(relDiff(fusedOut, refOut))));

        const torch::Tensor weight = torch::randn(refOut.sizes());
        (refOut * weight).sum().backward();
        (fusedOut * weight).sum().backward();
        const auto check = [](const torch::Tensor& a, const torch::Tensor& b, const char* what) {
            const double d = relDiff(a, b);
            QVERIFY2(d < 1e-5,
                     qPrintable(QStringLiteral("%1: %2").arg(QLatin1String(what)).arg(d)));
        };
        check(xf.grad(), xr.grad(), "input");
        check(ref.wIh.grad(), ref.stackedGrad("weight_ih_l0"), "weight_ih");
        check(ref.wHh.grad(), ref.stackedGrad("weight_hh_l0"), "weight_hh");
        check(ref.bIh.grad(), ref.stackedGrad("bias_ih_l0"), "bias_ih");
        check(ref.bHh.grad(), ref.stackedGrad("bias_hh_l0"), "bias_hh");
    }

    void noGradForwardEqualsGradForward()
    {
        Reference ref(2, 1, 6, 0.3);
        const torch::Tensor x = torch::randn({4, 3, 9, 1});
        const torch::Tensor withGrad =
            fusedLstm(x, ref.wIh, ref.wHh, ref.bIh, ref.bHh, alternating(4));
        QVERIFY(withGrad.requires_grad());
        torch::NoGradGuard noGrad;
        const torch::Tensor without =
            fusedLstm(x, ref.wIh, ref.wHh, ref.bIh, ref.bHh, alternating(4));
        QVERIFY(!without.requires_grad());
        QVERIFY(torch::equal(withGrad.detach(), without));
    }

    void gradientsMatchFiniteDifferences()
    {
        // Central differences of L = Σ h·R along random directions, in float: agreement within a
        // few per mille shows the analytic gradient is the derivative of the computed forward.
        Reference ref(1, 2, 4, 0.6);
        const torch::Tensor x = torch::randn({2, 3, 6, 2}).requires_grad_(true);
        const std::vector<bool> rev{false, true};
        const torch::Tensor R = torch::randn({2, 3, 6, 4});
        (fusedLstm(x, ref.wIh, ref.wHh, ref.bIh, ref.bHh, rev) * R).sum().backward();
        std::vector<torch::Tensor> params{x, ref.wIh, ref.wHh, ref.bIh, ref.bHh};
        for (size_t p = 0; p < params.size(); ++p) {
            const torch::Tensor v = torch::randn(params[p].sizes());
            const double analytic = (params[p].grad() * v).sum().item<double>();
            const double eps = 1e-2;
            const auto loss = [&](double sign) {
                torch::NoGradGuard noGrad;
                std::vector<torch::Tensor> q;
                for (size_t k = 0; k < params.size(); ++k)
                    q.push_back(k == p ? params[k] + sign * eps * v : params[k]);
                return (fusedLstm(q[0], q[1], q[2], q[3], q[4], rev) * R).sum().item<double>();
            };
            const double numeric = (loss(1) - loss(-1)) / (2 * eps);
            QVERIFY2(std::abs(analytic - numeric) < 5e-3 * std::max(1.0, std::abs(numeric)),
                     qPrintable(QStringLiteral("param %1: analytic %2 numeric %3")
                                    .arg(p)
                                    .arg(analytic)
                                    .arg(numeric)));
        }
    }

    void inferenceMatchesReferenceAttention()
    {
        const int64_t M = 3, H = 8, T = 20, N = 37; // N not a multiple of the gene tile
        Reference ref(M, 1, H, 0.5);
        const torch::Tensor x = torch::rand({N, T, M}) * 5;
        const torch::Tensor context = torch::rand({M, 2 * H}) - 0.5;
        const BinAttentionEncoding enc =
            fusedBiLstmAttention(x, ref.wIh, ref.wHh, ref.bIh, ref.bHh, context);
        QCOMPARE(enc.embedding.sizes().vec(), (std::vector<int64_t>{N, M, 2 * H}));
        QCOMPARE(enc.alpha.sizes().vec(), (std::vector<int64_t>{N, M, T}));

        torch::NoGradGuard noGrad;
        for (int64_t m = 0; m < M; ++m) {
            const torch::Tensor out = std::get<0>(ref.lstms[static_cast<size_t>(m)]->forward(
                                                      x.select(2, m).t().unsqueeze(2)))
                                          .transpose(0, 1);                        // [N, T, 2H]
            const torch::Tensor alpha = torch::softmax(out.matmul(context[m]), 1); // [N, T]
            const torch::Tensor emb = (alpha.unsqueeze(2) * out).sum(1);           // [N, 2H]
            QVERIFY(relDiff(enc.alpha.select(1, m), alpha) < 1e-5);
            QVERIFY(relDiff(enc.embedding.select(1, m), emb) < 1e-5);
        }
        QVERIFY(relDiff(enc.alpha.sum(2), torch::ones({N, M})) < 1e-5);
    }

    void rejectsBadShapes()
    {
        Reference ref(1, 1, 4, 0.1);
        const std::vector<bool> rev{false, true};
        QVERIFY_THROWS_EXCEPTION(c10::Error, fusedLstm(torch::randn({2, 3, 5}), ref.wIh, ref.wHh,
                                                       ref.bIh, ref.bHh, rev));
        QVERIFY_THROWS_EXCEPTION(c10::Error, fusedLstm(torch::randn({2, 3, 5, 2}), ref.wIh, ref.wHh,
                                                       ref.bIh, ref.bHh, rev));
        QVERIFY_THROWS_EXCEPTION(c10::Error, fusedLstm(torch::randn({2, 3, 5, 1}), ref.wIh, ref.wHh,
                                                       ref.bIh, ref.bHh, std::vector<bool>{false}));
        QVERIFY_THROWS_EXCEPTION(c10::Error,
                                 fusedLstm(torch::randn({2, 3, 5, 1}).to(torch::kDouble), ref.wIh,
                                           ref.wHh, ref.bIh, ref.bHh, rev));
        QVERIFY_THROWS_EXCEPTION(c10::Error,
                                 fusedBiLstmAttention(torch::randn({3, 5, 1}), ref.wIh, ref.wHh,
                                                      ref.bIh, ref.bHh, torch::randn({1, 4})));
    }
};

QTEST_MAIN(TestFusedLstm)
#include "tst_fusedlstm.moc"
