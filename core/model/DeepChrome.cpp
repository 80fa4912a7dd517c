#include "model/DeepChrome.h"

namespace ac
{

namespace
{

std::int64_t pooledBins(const ModelConfig& c)
{
    const std::int64_t pooled = (c.binCount - c.convKernel + 1) / c.poolSize;
    TORCH_CHECK(pooled > 0, "DeepChrome: kernel ", c.convKernel, " and pool ", c.poolSize,
                " leave no bin of ", c.binCount);
    return pooled;
}

} // namespace

DeepChromeImpl::DeepChromeImpl(const ModelConfig& config)
    : ChromatinModelImpl(config),
      m_conv(
          register_module("conv", torch::nn::Conv1d(torch::nn::Conv1dOptions(
                                      config.markCount, config.convFilters, config.convKernel)))),
      m_pool(register_module("pool", torch::nn::MaxPool1d(config.poolSize))),
      m_dropout(register_module("dropout", torch::nn::Dropout(config.dropout))),
      m_hidden(register_module(
          "fc1", torch::nn::Linear(config.convFilters * pooledBins(config), config.mlpHidden))),
      m_output(register_module("fc2", torch::nn::Linear(config.mlpHidden, 1)))
{
}

ModelOutput DeepChromeImpl::forward(const torch::Tensor& x)
{
    const torch::Tensor channels = x.permute({0, 2, 1}); // [B, T, M] -> [B, M, T]
    torch::Tensor h = m_pool->forward(torch::relu(m_conv->forward(channels))); // [B, F, P]
    h = m_dropout->forward(h.flatten(1));                                      // [B, F P]
    ModelOutput out;
    out.logit = m_output->forward(torch::relu(m_hidden->forward(h))).squeeze(1); // [B, 1] -> [B]
    return out;
}

} // namespace ac
