#pragma once

#include <torch/torch.h>

namespace ac
{

/**
 * Adam (the arithmetic of torch::optim::Adam without weight decay or AMSGrad) with global
 * gradient-norm clipping, over every parameter of a module moved into one contiguous buffer.
 *
 * The constructor re-points the module's parameters and their gradients at views of two flat
 * tensors (values kept), so a step is ~10 tensor operations instead of ~10 per parameter (at
 * batch 16 the per-parameter version costs a tenth of an epoch). Later copy_ into the parameters
 * (importWeights) still works; replacing a parameter tensor does not. Not thread-safe; the
 * module must outlive the optimiser.
 */
class FlatAdam
{
public:
    FlatAdam(torch::nn::Module& module, double learningRate, double beta1 = 0.9,
             double beta2 = 0.999, double eps = 1e-8);

    void zeroGrad();
    /// Scales the gradients so that their global L2 norm is at most `maxNorm` (like
    /// torch::nn::utils::clip_grad_norm_); does nothing for maxNorm <= 0.
    void clipGradNorm(double maxNorm);
    void step();

private:
    torch::Tensor m_values;   ///< [P] all parameters
    torch::Tensor m_grads;    ///< [P] their gradients
    torch::Tensor m_expAvg;   ///< [P] first moment
    torch::Tensor m_expAvgSq; ///< [P] second moment
    double m_learningRate;
    double m_beta1;
    double m_beta2;
    double m_eps;
    long m_step = 0;
};

} // namespace ac
