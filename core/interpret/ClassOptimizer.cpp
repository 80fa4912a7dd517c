#include "interpret/ClassOptimizer.h"

#include "interpret/IgBaseline.h"
#include "interpret/RunModel.h"
#include "model/ChromatinModel.h"

#include <QSaveFile>
#include <algorithm>
#include <cmath>
#include <torch/torch.h>

namespace ac
{

namespace
{

// How often (in steps) the search reports progress and checks for a cancel.
constexpr int kReportEvery = 25;

// Reports `fraction` and `message`; false (with "cancelled") when the callback cancels.
bool report(const ProgressCallback& progress, double fraction, const QString& message,
            QString* error)
{
    Progress p;
    p.fraction = fraction;
    p.message = message;
    if (!progress || progress(p))
        return true;
    *error = QStringLiteral("cancelled");
    return false;
}

} // namespace

ClassOptimizer::ClassOptimizer(std::shared_ptr<ChromatinModelImpl> model)
    : m_model(std::move(model))
{
    m_model->eval();
}

ClassOptimizer::~ClassOptimizer() = default;

std::unique_ptr<ClassOptimizer> ClassOptimizer::load(const StudyFile& study, const QString& runId,
                                                     const QString& which, QString* error)
{
    std::shared_ptr<ChromatinModelImpl> model = loadRunModel(study, runId, which, error);
    return model ? std::make_unique<ClassOptimizer>(std::move(model)) : nullptr;
}

int ClassOptimizer::markCount() const
{
    return m_model->config().markCount;
}

int ClassOptimizer::binCount() const
{
    return m_model->config().binCount;
}

std::vector<float> ClassOptimizer::startFor(const CellData& cell,
                                            const ClassOptimisationSettings& settings)
{
    if (settings.start == ClassOptimisationStart::TrainingMean)
        return IgBaseline::trainingMean(cell);
    return std::vector<float>(static_cast<std::size_t>(cell.binCount) * cell.markCount, 0.0f);
}

bool ClassOptimizer::optimise(bool on, const std::vector<float>& start,
                              const ClassOptimisationSettings& settings, ClassOptimum* out,
                              const ProgressCallback& progress, QString* error) const
{
    const int T = binCount();
    const int M = markCount();
    if (start.size() != static_cast<std::size_t>(T) * M) {
        *error = QStringLiteral("class optimisation: the start has %1 values, the model takes %2 "
                                "bins × %3 marks")
                     .arg(start.size())
                     .arg(T)
                     .arg(M);
        return false;
    }
    torch::AutoGradMode grad(true);
    ChromatinModelImpl& model = *m_model;
    const double sign = on ? 1.0 : -1.0;
    const double lambda = settings.lambda;
    torch::Tensor x = torch::from_blob(const_cast<float*>(start.data()), {1, T, M}, torch::kFloat)
                          .clamp_min(0.0)
                          .requires_grad_(true); // [1,T,M]
    torch::optim::Adam adam({x}, torch::optim::AdamOptions(settings.learningRate));
    ClassOptimum r;
    r.on = on;
    r.settings = settings;
    r.markCount = M;
    r.binCount = T;
    const int window = std::max(1, settings.window);
    for (int step = 0;; ++step) {
        const torch::Tensor score = sign * model.forward(x).logit.sum();
        const torch::Tensor penalty = lambda * x.pow(2).sum();
        const torch::Tensor objective = score - penalty;
        const double value = objective.item<double>();
        r.objective.push_back(value);
        r.score = score.item<double>();
        r.penalty = penalty.item<double>();
        if (step == 0)
            r.startScore = r.score;
        const std::size_t k = r.objective.size() - 1;
        if (k >= static_cast<std::size_t>(window) &&
            std::abs(value - r.objective[k - window]) <
                settings.tolerance * std::max(1.0, std::abs(value))) {
            r.converged = true;
            break;
        }
        if (step >= settings.maxSteps)
            break;
        // Ascend: Adam minimises, so it gets the gradient of −objective.
        x.mutable_grad() = torch::autograd::grad({-objective}, {x})[0];
        adam.step();
        {
            torch::NoGradGuard noGrad;
            x.clamp_min_(0.0); // project onto X ≥ 0
        }
        r.steps = step + 1;
        if (r.steps % kReportEvery == 0 &&
            !report(progress, static_cast<double>(r.steps) / std::max(1, settings.maxSteps),
                    QStringLiteral("class optimisation (%1): step %2, objective %3")
                        .arg(r.className())
                        .arg(r.steps)
                        .arg(value, 0, 'g', 5),
                    error))
            return false;
    }
    // The search may stop before maxSteps: its part of the job is done.
    if (!report(
            progress, 1.0,
            QStringLiteral("class optimisation (%1): %2 steps, %3")
                .arg(r.className())
                .arg(r.steps)
                .arg(r.converged ? QStringLiteral("converged") : QStringLiteral("not converged")),
            error))
        return false;
    const torch::Tensor map = x.detach().squeeze(0).t().contiguous(); // [T,M] -> [M,T]
    r.values.assign(map.data_ptr<float>(), map.data_ptr<float>() + map.numel());
    *out = std::move(r);
    return true;
}

bool ClassOptimizer::optimiseBoth(const CellData& cell, const ClassOptimisationSettings& settings,
                                  std::vector<ClassOptimum>* out, const ProgressCallback& progress,
                                  QString* error) const
{
    const std::vector<float> start = startFor(cell, settings);
    std::vector<ClassOptimum> both(2);
    for (int i = 0; i < 2; ++i) {
        ProgressCallback half;
        if (progress)
            half = [progress, i](const Progress& p) {
                Progress whole = p;
                whole.fraction = (i + p.fraction) / 2.0;
                return progress(whole);
            };
        if (!optimise(i == 0, start, settings, &both[i], half, error))
            return false;
    }
    *out = std::move(both);
    return true;
}

bool ClassOptimizer::writeTsv(const ClassOptimum& optimum, const QStringList& markNames,
                              int windowStart, int binSize, const QString& path, QString* error)
{
    const QChar tab(QLatin1Char('\t'));
    QString text = QStringLiteral("# class-optimal input of class %1 (X >= 0 maximising S(X) - "
                                  "lambda ||X||^2, reads per bin): %2\n")
                       .arg(optimum.className(), optimum.summary());
    QStringList header{QStringLiteral("mark")};
    for (int b = 0; b < optimum.binCount; ++b)
        header << QString::number(windowStart + b * binSize);
    text += header.join(tab) + QLatin1Char('\n');
    for (int m = 0; m < optimum.markCount; ++m) {
        QStringList row{markNames.value(m, QString::number(m))};
        for (int b = 0; b < optimum.binCount; ++b)
            row << QString::number(optimum.at(m, b), 'g', 6);
        text += row.join(tab) + QLatin1Char('\n');
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text) || file.write(text.toUtf8()) < 0 ||
        !file.commit()) {
        *error = QStringLiteral("%1: cannot write: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace ac
