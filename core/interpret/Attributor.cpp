#include "interpret/Attributor.h"

#include "interpret/RunModel.h"
#include "model/ChromatinModel.h"
#include "model/ModelFactory.h"
#include "model/ModelWeights.h"

#include <algorithm>
#include <cmath>
#include <torch/torch.h>

namespace ac
{

namespace
{

// Rows per forward pass when one gene becomes many inputs (IG path points, occluded copies).
constexpr int kMaxRows = 1024;

torch::Tensor logitsOf(ChromatinModelImpl& model, const torch::Tensor& x)
{
    return model.forward(x).logit.reshape({-1}); // [B]
}

// Integrated gradients of x [n,T,M] from its baselines x0 [n,T,M] in `steps` midpoint steps:
// (x − x0) · mean over the path x0 + s (x − x0) of ∂logit/∂x, as [n,M,T].
torch::Tensor integratedGradients(ChromatinModelImpl& model, const torch::Tensor& x,
                                  const torch::Tensor& x0, int steps)
{
    torch::AutoGradMode grad(true);
    const int n = static_cast<int>(x.size(0));
    const int T = static_cast<int>(x.size(1));
    const int M = static_cast<int>(x.size(2));
    const int S = steps;
    const torch::Tensor scale = (torch::arange(S, torch::kFloat) + 0.5) / S; // [S] midpoints
    const int genesPerPass = std::max(1, kMaxRows / S);
    std::vector<torch::Tensor> parts;
    for (int first = 0; first < n; first += genesPerPass) {
        const int c = std::min(genesPerPass, n - first);
        const torch::Tensor base = x0.narrow(0, first, c);       // [c,T,M]
        const torch::Tensor diff = x.narrow(0, first, c) - base; // [c,T,M]
        const torch::Tensor path =
            (base.unsqueeze(1) + scale.view({1, S, 1, 1}) * diff.unsqueeze(1))
                .reshape({c * S, T, M})
                .requires_grad_(true); // [c*S,T,M]
        const torch::Tensor l = logitsOf(model, path);
        const torch::Tensor g = torch::autograd::grad({l.sum()}, {path})[0];
        parts.push_back(g.view({c, S, T, M}).mean(1) * diff); // [c,T,M]
    }
    return torch::cat(parts, 0).permute({0, 2, 1}); // [n,M,T]
}

} // namespace

Attributor::Attributor(std::shared_ptr<ChromatinModelImpl> model) : m_model(std::move(model))
{
    m_model->eval();
}

Attributor::~Attributor() = default;

std::unique_ptr<Attributor> Attributor::create(const ModelConfig& config, const Weights& weights,
                                               QString* error)
{
    std::shared_ptr<ChromatinModelImpl> model = makeModel(config);
    if (!importWeights(*model, weights, error))
        return nullptr;
    return std::make_unique<Attributor>(std::move(model));
}

std::unique_ptr<Attributor> Attributor::load(const StudyFile& study, const QString& runId,
                                             const QString& which, QString* error)
{
    std::shared_ptr<ChromatinModelImpl> model = loadRunModel(study, runId, which, error);
    return model ? std::make_unique<Attributor>(std::move(model)) : nullptr;
}

void Attributor::setIntegratedGradientSteps(int steps)
{
    m_steps = std::max(1, steps);
}

bool Attributor::setIntegratedGradientBaseline(const IgBaseline& baseline, QString* error)
{
    if (!baseline.fits(binCount(), markCount())) {
        *error =
            QStringLiteral("the mean baseline has %1 values, the model takes %2 bins × %3 marks")
                .arg(baseline.meanValues().size())
                .arg(binCount())
                .arg(markCount());
        return false;
    }
    m_baseline = baseline;
    return true;
}

void Attributor::setBatchSize(int genes)
{
    m_batchSize = std::max(1, genes);
}

int Attributor::markCount() const
{
    return m_model->config().markCount;
}

int Attributor::binCount() const
{
    return m_model->config().binCount;
}

int Attributor::mapBinCount(AttributionMethod method) const
{
    return method == AttributionMethod::MarkAblation ? 1 : binCount();
}

AttributionMap Attributor::attribute(const float* values, AttributionMethod method) const
{
    AttributionMap map;
    map.method = method;
    map.markCount = markCount();
    map.binCount = mapBinCount(method);
    map.values.resize(static_cast<std::size_t>(map.markCount) * map.binCount);
    computeBatch(values, 1, method, map.values.data(), &map.logit, &map.baselineLogit);
    map.p = 1.0f / (1.0f + std::exp(-map.logit));
    return map;
}

bool Attributor::attributeAll(const CellData& cell, const std::vector<int>& genes,
                              AttributionMethod method, std::vector<float>* out,
                              std::vector<float>* p, const ProgressCallback& progress,
                              IgCompleteness* completeness) const
{
    std::vector<int> order = genes;
    if (order.empty()) {
        order.resize(cell.geneCount());
        for (int g = 0; g < cell.geneCount(); ++g)
            order[g] = g;
    }
    const int n = static_cast<int>(order.size());
    const std::size_t inputSize = static_cast<std::size_t>(cell.binCount) * cell.markCount;
    const std::size_t mapSize = static_cast<std::size_t>(markCount()) * mapBinCount(method);
    out->assign(static_cast<std::size_t>(n) * mapSize, 0.0f);
    std::vector<float> logits(n);
    std::vector<float> baselineLogits(n, 0.0f);
    // Gradient methods batch genes; the perturbation methods expand each gene into many rows.
    const bool perGene = method == AttributionMethod::Occlusion;
    const int chunk = perGene ? 1 : m_batchSize;
    std::vector<float> buffer;
    for (int first = 0; first < n; first += chunk) {
        const int count = std::min(chunk, n - first);
        buffer.resize(count * inputSize);
        for (int i = 0; i < count; ++i) {
            const float* src = cell.geneValues(order[first + i]);
            std::copy(src, src + inputSize, buffer.begin() + i * inputSize);
        }
        computeBatch(buffer.data(), count, method, out->data() + first * mapSize,
                     logits.data() + first, baselineLogits.data() + first);
        if (progress) {
            Progress report;
            report.fraction = static_cast<double>(first + count) / n;
            report.message = QStringLiteral("%1: %2 of %3 genes")
                                 .arg(attributionMethodName(method))
                                 .arg(first + count)
                                 .arg(n);
            if (!progress(report))
                return false;
        }
    }
    if (p) {
        p->resize(n);
        for (int i = 0; i < n; ++i)
            (*p)[i] = 1.0f / (1.0f + std::exp(-logits[i]));
    }
    if (completeness && method == AttributionMethod::IntegratedGradients) {
        completeness->steps = m_steps;
        completeness->baseline = IgBaseline::key(m_baseline.kind());
        completeness->sum.assign(n, 0.0f);
        completeness->delta.assign(n, 0.0f);
        for (int i = 0; i < n; ++i) {
            const float* map = out->data() + i * mapSize;
            double s = 0;
            for (std::size_t k = 0; k < mapSize; ++k)
                s += map[k];
            completeness->sum[i] = static_cast<float>(s);
            completeness->delta[i] = logits[i] - baselineLogits[i];
        }
    }
    return true;
}

void Attributor::computeBatch(const float* values, int n, AttributionMethod method, float* out,
                              float* logits, float* baselineLogits) const
{
    ChromatinModelImpl& model = *m_model;
    const int T = binCount();
    const int M = markCount();
    const torch::Tensor x =
        torch::from_blob(const_cast<float*>(values), {n, T, M}, torch::kFloat).clone(); // [n,T,M]
    torch::Tensor map; // [n, M, bins of the map]
    torch::Tensor logit;
    switch (method) {
    case AttributionMethod::Saliency:
    case AttributionMethod::InputTimesGradient: {
        torch::AutoGradMode grad(true);
        const torch::Tensor input = x.clone().requires_grad_(true);
        const torch::Tensor l = logitsOf(model, input);
        // Genes are independent in eval mode, so d(sum of logits)/dx is each gene's gradient.
        const torch::Tensor g = torch::autograd::grad({l.sum()}, {input})[0]; // [n,T,M]
        logit = l.detach();
        const torch::Tensor a = method == AttributionMethod::Saliency ? g.abs() : g * x;
        map = a.permute({0, 2, 1}); // [n,M,T]
        break;
    }
    case AttributionMethod::IntegratedGradients: {
        std::vector<float> baselines(static_cast<std::size_t>(n) * T * M);
        for (int i = 0; i < n; ++i)
            m_baseline.fill(values + static_cast<std::size_t>(i) * T * M, T, M,
                            baselines.data() + static_cast<std::size_t>(i) * T * M);
        const torch::Tensor x0 = torch::from_blob(baselines.data(), {n, T, M}, torch::kFloat);
        map = integratedGradients(model, x, x0, m_steps); // [n,M,T]
        torch::NoGradGuard noGrad;
        logit = logitsOf(model, x);
        if (baselineLogits) {
            const torch::Tensor l0 = logitsOf(model, x0).contiguous();
            std::copy(l0.data_ptr<float>(), l0.data_ptr<float>() + n, baselineLogits);
        }
        break;
    }
    case AttributionMethod::Occlusion: {
        torch::NoGradGuard noGrad;
        logit = logitsOf(model, x);
        // Row m*T+b of the mask zeroes mark m in bin b (flat input index b*M+m).
        const torch::Tensor rows = torch::arange(M * T, torch::kLong);
        const torch::Tensor flat = (rows % T) * M + torch::div(rows, T, "floor");
        torch::Tensor mask = torch::ones({M * T, T * M});
        mask.index_put_({rows, flat}, 0.0);
        std::vector<torch::Tensor> deltas;
        for (int i = 0; i < n; ++i) {
            const torch::Tensor p0 = torch::sigmoid(logit[i]);
            const torch::Tensor occluded = (x[i].reshape({1, T * M}) * mask).view({M * T, T, M});
            std::vector<torch::Tensor> ps;
            for (int first = 0; first < M * T; first += kMaxRows) {
                const int c = std::min(kMaxRows, M * T - first);
                ps.push_back(torch::sigmoid(logitsOf(model, occluded.narrow(0, first, c))));
            }
            deltas.push_back((p0 - torch::cat(ps, 0)).view({M, T}));
        }
        map = torch::stack(deltas, 0); // [n,M,T]
        break;
    }
    case AttributionMethod::MarkAblation: {
        torch::NoGradGuard noGrad;
        logit = logitsOf(model, x);
        torch::Tensor mask = torch::ones({M, T, M});
        for (int m = 0; m < M; ++m)
            mask[m].select(1, m).fill_(0.0); // [M,T,M]
        const torch::Tensor ablated = (x.unsqueeze(1) * mask.unsqueeze(0)).view({n * M, T, M});
        const torch::Tensor pa = torch::sigmoid(logitsOf(model, ablated)).view({n, M});
        map = (torch::sigmoid(logit).unsqueeze(1) - pa).unsqueeze(2); // [n,M,1]
        break;
    }
    }
    const torch::Tensor flatMap = map.detach().contiguous().to(torch::kFloat);
    std::copy(flatMap.data_ptr<float>(), flatMap.data_ptr<float>() + flatMap.numel(), out);
    const torch::Tensor l = logit.detach().contiguous();
    std::copy(l.data_ptr<float>(), l.data_ptr<float>() + n, logits);
}

} // namespace ac
