#include "model/AttentiveChrome.h"

#include "model/BinLevelEncoding.h"

namespace ac
{

AttentiveChromeImpl::AttentiveChromeImpl(const ModelConfig& config)
    : ChromatinModelImpl(config), m_markEncoder(nullptr), m_classifier(nullptr)
{
    auto binEncoders = register_module("rnn_hms", torch::nn::ModuleList());
    for (int j = 0; j < config.markCount; ++j) {
        m_binEncoders.emplace_back(1, config.binHidden);
        binEncoders->push_back(m_binEncoders.back());
    }
    m_markEncoder = register_module("hm_level_rnn_1",
                                    RecurrentEncoder(2 * config.binHidden, config.markHidden));
    m_classifier = register_module("fdiff1_1", torch::nn::Linear(2 * config.markHidden, 1));
}

ModelOutput AttentiveChromeImpl::forward(const torch::Tensor& x)
{
    const BinAttentionEncoding bins = encodeBins(m_binEncoders, x); // [B, M, 2Hb], [B, M, T]
    auto [summary, beta] = m_markEncoder->forward(bins.embedding);  // [B, 2Hm], [B, M]
    ModelOutput out;
    out.logit = m_classifier->forward(summary).squeeze(1); // [B, 1] -> [B]
    out.alpha = bins.alpha;
    out.beta = beta;
    return out;
}

} // namespace ac
