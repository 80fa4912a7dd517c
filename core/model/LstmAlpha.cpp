#include "model/LstmAlpha.h"

#include "model/BinLevelEncoding.h"

namespace ac
{

LstmAlphaImpl::LstmAlphaImpl(const ModelConfig& config)
    : ChromatinModelImpl(config), m_classifier(nullptr)
{
    auto binEncoders = register_module("rnn_hms", torch::nn::ModuleList());
    for (int j = 0; j < config.markCount; ++j) {
        m_binEncoders.emplace_back(1, config.binHidden);
        binEncoders->push_back(m_binEncoders.back());
    }
    m_classifier = register_module(
        "fc",
        torch::nn::Linear(static_cast<std::int64_t>(config.markCount) * 2 * config.binHidden, 1));
}

ModelOutput LstmAlphaImpl::forward(const torch::Tensor& x)
{
    const BinAttentionEncoding bins = encodeBins(m_binEncoders, x); // [B, M, 2Hb], [B, M, T]
    ModelOutput out;
    out.logit = m_classifier
                    ->forward(bins.embedding.flatten(1)) // [B, M, 2Hb] -> [B, M 2Hb]
                    .squeeze(1);                         // [B, 1] -> [B]
    out.alpha = bins.alpha;
    return out;
}

} // namespace ac
