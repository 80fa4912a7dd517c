#include "model/CnnAlphaBeta.h"

namespace ac
{

CnnAlphaBetaImpl::CnnAlphaBetaImpl(const ModelConfig& config)
    : ChromatinModelImpl(config),
      m_conv(register_module(
          "bin_conv", torch::nn::Conv1d(torch::nn::Conv1dOptions(
                                            config.markCount, config.markCount * config.convFilters,
                                            config.convKernel)
                                            .padding(torch::kSame)
                                            .groups(config.markCount)))),
      m_binContext(register_parameter("bin_context_vectors",
                                      torch::empty({config.markCount, config.convFilters}))),
      m_markAttention(register_module("hm_attention", ContextAttention(config.convFilters))),
      m_classifier(register_module("fc", torch::nn::Linear(config.convFilters, 1)))
{
}

ModelOutput CnnAlphaBetaImpl::forward(const torch::Tensor& x)
{
    const std::int64_t batch = x.size(0);
    const std::int64_t bins = x.size(1);
    const std::int64_t marks = m_binContext.size(0);
    const std::int64_t filters = m_binContext.size(1);
    const torch::Tensor channels = x.permute({0, 2, 1});              // [B, T, M] -> [B, M, T]
    const torch::Tensor h = torch::relu(m_conv->forward(channels))    // [B, M F, T]
                                .view({batch, marks, filters, bins}); // -> [B, M, F, T]
    const torch::Tensor scores = torch::einsum("bmft,mf->bmt", {h, m_binContext}); // [B, M, T]
    const torch::Tensor alpha = torch::softmax(scores, 2);                         // over bins
    const torch::Tensor embeddings = torch::einsum("bmft,bmt->bmf", {h, alpha});   // [B, M, F]
    auto [summary, beta] = m_markAttention->forward(embeddings);                   // [B, F], [B, M]
    ModelOutput out;
    out.logit = m_classifier->forward(summary).squeeze(1); // [B, 1] -> [B]
    out.alpha = alpha;
    out.beta = beta;
    return out;
}

} // namespace ac
