#include "train/FlatAdam.h"

#include <cmath>

namespace ac
{

FlatAdam::FlatAdam(torch::nn::Module& module, double learningRate, double beta1, double beta2,
                   double eps)
    : m_learningRate(learningRate), m_beta1(beta1), m_beta2(beta2), m_eps(eps)
{
    std::vector<torch::Tensor> params;
    std::int64_t total = 0;
    for (const torch::Tensor& p : module.parameters(true)) {
        if (p.requires_grad()) {
            params.push_back(p);
            total += p.numel();
        }
    }
    m_values = torch::empty({total}, torch::kFloat);
    m_grads = torch::zeros({total}, torch::kFloat);
    torch::NoGradGuard noGrad;
    std::int64_t offset = 0;
    for (torch::Tensor& p : params) {
        const std::int64_t n = p.numel();
        torch::Tensor values = m_values.narrow(0, offset, n); // [n] view of the buffer
        values.copy_(p.detach().reshape({n}));
        p.set_data(values.view(p.sizes()));
        // Autograd accumulates in place into an existing gradient, so it stays a view.
        p.mutable_grad() = m_grads.narrow(0, offset, n).view(p.sizes());
        offset += n;
    }
    m_expAvg = torch::zeros({total}, torch::kFloat);
    m_expAvgSq = torch::zeros({total}, torch::kFloat);
}

void FlatAdam::zeroGrad()
{
    m_grads.zero_();
}

void FlatAdam::clipGradNorm(double maxNorm)
{
    if (maxNorm <= 0)
        return;
    const double norm = m_grads.norm().item<double>();
    const double coefficient = maxNorm / (norm + 1e-6);
    if (coefficient < 1)
        m_grads.mul_(coefficient);
}

void FlatAdam::step()
{
    torch::NoGradGuard noGrad;
    ++m_step;
    const double biasCorrection1 = 1 - std::pow(m_beta1, static_cast<double>(m_step));
    const double biasCorrection2 = 1 - std::pow(m_beta2, static_cast<double>(m_step));
    m_expAvg.mul_(m_beta1).add_(m_grads, 1 - m_beta1);
    m_expAvgSq.mul_(m_beta2).addcmul_(m_grads, m_grads, 1 - m_beta2);
    const torch::Tensor denom = (m_expAvgSq.sqrt() / std::sqrt(biasCorrection2)).add_(m_eps);
    m_values.addcdiv_(m_expAvg, denom, -m_learningRate / biasCorrection1);
}

} // namespace ac
