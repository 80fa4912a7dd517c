#include "train/RunPredictor.h"

#include "model/ModelFactory.h"
#include "model/ModelWeights.h"
#include "store/StudyFile.h"

#include <torch/torch.h>

#include <algorithm>
#include <cstring>

namespace ac
{

namespace
{

// Genes per forward pass of predictAll: large enough to amortise per-op overhead, small enough
// that the intermediate activations stay a few tens of MB.
constexpr int kBatchGenes = 4096;

} // namespace

struct RunPredictor::Private {
    ModelConfig config;
    std::shared_ptr<ChromatinModelImpl> model;
};

RunPredictor::RunPredictor() : d(std::make_unique<Private>()) {}
RunPredictor::~RunPredictor() = default;

std::unique_ptr<RunPredictor> RunPredictor::create(const ModelConfig& config,
                                                   const Weights& weights, QString* error)
{
    std::unique_ptr<RunPredictor> p(new RunPredictor);
    p->d->config = config;
    p->d->model = makeModel(config);
    if (!importWeights(*p->d->model, weights, error))
        return nullptr;
    p->d->model->eval();
    return p;
}

std::unique_ptr<RunPredictor> RunPredictor::load(const StudyFile& study, const QString& runId,
                                                 const QString& which, QString* error)
{
    RunRecord run;
    Weights weights;
    if (!study.readRun(runId, &run, error) || !study.readWeights(runId, which, &weights, error))
        return nullptr;
    QString importError;
    std::unique_ptr<RunPredictor> p = create(run.model, weights, &importError);
    if (!p)
        *error = QStringLiteral("%1: run %2, %3 weights: %4")
                     .arg(study.path(), runId, which, importError);
    return p;
}

const ModelConfig& RunPredictor::modelConfig() const
{
    return d->config;
}

GenePrediction RunPredictor::predictGene(const float* values) const
{
    torch::NoGradGuard noGrad;
    const ModelConfig& c = d->config;
    const torch::Tensor x =
        torch::from_blob(const_cast<float*>(values), {1, c.binCount, c.markCount}, torch::kFloat)
            .clone(); // [1, T, M]; the model never sees the caller's buffer
    const ModelOutput out = d->model->forward(x);
    GenePrediction g;
    g.p = torch::sigmoid(out.logit).item<float>();
    if (out.alpha.defined()) {
        const torch::Tensor a = out.alpha.contiguous(); // [1, M, T]
        g.alpha.assign(a.data_ptr<float>(), a.data_ptr<float>() + a.numel());
    }
    if (out.beta.defined()) {
        const torch::Tensor b = out.beta.contiguous(); // [1, M]
        g.beta.assign(b.data_ptr<float>(), b.data_ptr<float>() + b.numel());
    }
    return g;
}

bool RunPredictor::predictAll(const CellData& cell, RunResults* out,
                              const ProgressCallback& progress) const
{
    torch::NoGradGuard noGrad;
    const ModelConfig& c = d->config;
    const int genes = cell.geneCount();
    const std::size_t perGene = static_cast<std::size_t>(c.binCount) * c.markCount;
    const std::size_t binsMarks = static_cast<std::size_t>(c.markCount) * c.binCount;
    RunResults r;
    r.geneCount = genes;
    r.markCount = c.markCount;
    r.binCount = c.binCount;
    r.p.resize(static_cast<std::size_t>(genes));
    for (int begin = 0; begin < genes; begin += kBatchGenes) {
        const int n = std::min(kBatchGenes, genes - begin);
        torch::Tensor x = torch::empty({n, c.binCount, c.markCount}, torch::kFloat); // [B, T, M]
        std::memcpy(x.data_ptr<float>(), cell.geneValues(begin), sizeof(float) * perGene * n);
        const ModelOutput o = d->model->forward(x);
        const torch::Tensor p = torch::sigmoid(o.logit).contiguous(); // [B]
        std::copy_n(p.data_ptr<float>(), n, r.p.begin() + begin);
        if (o.alpha.defined()) {
            r.alpha.resize(static_cast<std::size_t>(genes) * binsMarks);
            const torch::Tensor a = o.alpha.contiguous(); // [B, M, T]
            std::copy_n(a.data_ptr<float>(), a.numel(),
                        r.alpha.begin() + static_cast<std::ptrdiff_t>(begin * binsMarks));
        }
        if (o.beta.defined()) {
            r.beta.resize(static_cast<std::size_t>(genes) * c.markCount);
            const torch::Tensor b = o.beta.contiguous(); // [B, M]
            std::copy_n(b.data_ptr<float>(), b.numel(),
                        r.beta.begin() + static_cast<std::ptrdiff_t>(begin) * c.markCount);
        }
        if (progress) {
            Progress report;
            report.fraction = static_cast<double>(begin + n) / genes;
            report.message =
                QStringLiteral("%1: %2 of %3 genes").arg(cell.name).arg(begin + n).arg(genes);
            if (!progress(report))
                return false;
        }
    }
    *out = std::move(r);
    return true;
}

} // namespace ac
