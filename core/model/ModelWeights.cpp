#include "model/ModelWeights.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>

#include <QStringList>
#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

namespace ac
{

namespace
{

QString shapeText(const std::vector<std::int64_t>& shape)
{
    QStringList dims;
    for (std::int64_t d : shape)
        dims << QString::number(d);
    return QLatin1Char('[') + dims.join(QStringLiteral(", ")) + QLatin1Char(']');
}

// Parameters, then buffers, each under its state_dict name, in registration order.
std::vector<std::pair<std::string, torch::Tensor>> namedTensors(const torch::nn::Module& module)
{
    std::vector<std::pair<std::string, torch::Tensor>> out;
    for (const auto& p : module.named_parameters(true))
        out.emplace_back(p.key(), p.value());
    for (const auto& b : module.named_buffers(true))
        out.emplace_back(b.key(), b.value());
    return out;
}

/// False (with `error`) unless `w` has the `expected` shape, as many values and all of them
/// finite: NaN or infinite weights would make every prediction NaN (issue 13, finding 6).
bool checkWeight(const WeightArray& w, const std::vector<std::int64_t>& expected, QString* error)
{
    const QString name = QString::fromStdString(w.name);
    if (w.shape != expected) {
        *error = QStringLiteral("parameter \"%1\" has shape %2, the model expects %3")
                     .arg(name, shapeText(w.shape), shapeText(expected));
        return false;
    }
    const std::int64_t count =
        std::accumulate(w.shape.begin(), w.shape.end(), std::int64_t{1}, std::multiplies<>());
    if (static_cast<std::int64_t>(w.values.size()) != count) {
        *error = QStringLiteral("parameter \"%1\" has %2 values for shape %3")
                     .arg(name)
                     .arg(w.values.size())
                     .arg(shapeText(w.shape));
        return false;
    }
    const auto nonFinite =
        std::count_if(w.values.begin(), w.values.end(), [](float v) { return !std::isfinite(v); });
    if (nonFinite > 0) {
        *error = QStringLiteral("parameter \"%1\" has %2 non-finite values (NaN or infinite)")
                     .arg(name)
                     .arg(nonFinite);
        return false;
    }
    return true;
}

} // namespace

Weights exportWeights(const torch::nn::Module& module)
{
    Weights out;
    for (const auto& [name, tensor] : namedTensors(module)) {
        const torch::Tensor t = tensor.detach().to(torch::kCPU, torch::kFloat).contiguous();
        WeightArray w;
        w.name = name;
        w.shape = t.sizes().vec();
        w.values.assign(t.data_ptr<float>(), t.data_ptr<float>() + t.numel());
        out.push_back(std::move(w));
    }
    return out;
}

bool importWeights(torch::nn::Module& module, const Weights& weights, QString* error)
{
    std::map<std::string, const WeightArray*> byName;
    for (const WeightArray& w : weights) {
        if (!byName.emplace(w.name, &w).second) {
            *error = QStringLiteral("parameter \"%1\" is given twice")
                         .arg(QString::fromStdString(w.name));
            return false;
        }
    }
    const auto targets = namedTensors(module);
    // Check everything before touching the module, so a failure leaves it unchanged.
    for (const auto& [name, tensor] : targets) {
        const auto it = byName.find(name);
        if (it == byName.end()) {
            *error = QStringLiteral("parameter \"%1\" (shape %2) is missing")
                         .arg(QString::fromStdString(name), shapeText(tensor.sizes().vec()));
            return false;
        }
        if (!checkWeight(*it->second, tensor.sizes().vec(), error))
            return false;
    }
    if (byName.size() != targets.size()) {
        for (const WeightArray& w : weights) {
            const bool known = std::any_of(targets.begin(), targets.end(),
                                           [&](const auto& t) { return t.first == w.name; });
            if (!known) {
                *error = QStringLiteral("unknown parameter \"%1\" (shape %2): the model "
                                        "has no parameter of that name")
                             .arg(QString::fromStdString(w.name), shapeText(w.shape));
                return false;
            }
        }
    }
    torch::NoGradGuard noGrad;
    for (const auto& [name, tensor] : targets) {
        const WeightArray& w = *byName.at(name);
        const torch::Tensor source =
            torch::from_blob(const_cast<float*>(w.values.data()), w.shape, torch::kFloat);
        torch::Tensor target = tensor; // shares storage with the module's parameter
        target.copy_(source);
    }
    return true;
}

void initUniform(torch::nn::Module& module, double range, std::uint64_t seed)
{
    torch::NoGradGuard noGrad;
    at::Generator generator = at::make_generator<at::CPUGeneratorImpl>(seed);
    for (torch::Tensor& p : module.parameters(true))
        p.uniform_(-range, range, generator);
}

} // namespace ac
