#include "model/LstmAlpha.h"

namespace ac {

LstmAlphaImpl::LstmAlphaImpl(const ModelConfig& config)
    : ChromatinModelImpl(config),
      m_classifier(nullptr)
{
    auto binEncoders = register_module("rnn_hms", torch::nn::ModuleList());
    for (int j = 0; j < config.markCount; ++j) {
        m_binEncoders.emplace_back(1, config.binHidden);
        binEncoders->push_back(m_binEncoders.back());
    }
    m_classifier = register_module(
        "fc", torch::nn::Linear(static_cast<std::int64_t>(config.markCount) * 2 * config.binHidden, 1));
}

ModelOutput LstmAlphaImpl::forward(const torch::Tensor& x)
{
    std::vector<torch::Tensor> embeddings;
    std::vector<torch::Tensor> alphas;
    embeddings.reserve(m_binEncoders.size());
    alphas.reserve(m_binEncoders.size());
    for (std::size_t j = 0; j < m_binEncoders.size(); ++j) {
        const torch::Tensor mark = x.select(2, static_cast<std::int64_t>(j)).unsqueeze(2); // [B, T, 1]
        auto [embedding, alpha] = m_binEncoders[j]->forward(mark); // [B, 2Hb], [B, T]
        embeddings.push_back(embedding);
        alphas.push_back(alpha);
    }
    ModelOutput out;
    out.logit = m_classifier->forward(torch::cat(embeddings, 1)) // M x [B, 2Hb] -> [B, M 2Hb]
                    .squeeze(1);                                 // [B, 1] -> [B]
    out.alpha = torch::stack(alphas, 1);                         // M x [B, T] -> [B, M, T]
    return out;
}

} // namespace ac
