#include "model/BinLevelEncoding.h"

namespace ac
{

BinAttentionEncoding encodeBins(const std::vector<RecurrentEncoder>& encoders,
                                const torch::Tensor& x)
{
    const auto marks = static_cast<std::int64_t>(encoders.size());
    TORCH_CHECK(x.dim() == 3 && x.size(2) == marks, "encodeBins: x must be [B, T, ", marks,
                "], got ", x.sizes());
    // Per mark m: g = 2m the forward direction, g = 2m + 1 the reverse one.
    std::vector<torch::Tensor> wIh, wHh, bIh, bHh, contexts;
    for (const RecurrentEncoder& encoder : encoders) {
        const auto params = encoder->rnn()->named_parameters(false);
        for (const std::string suffix : {"", "_reverse"}) {
            wIh.push_back(params["weight_ih_l0" + suffix]); // [4H, 1]
            wHh.push_back(params["weight_hh_l0" + suffix]); // [4H, H]
            bIh.push_back(params["bias_ih_l0" + suffix]);   // [4H]
            bHh.push_back(params["bias_hh_l0" + suffix]);   // [4H]
        }
        contexts.push_back(encoder->attention()->contextVector().squeeze(1)); // [2H, 1] -> [2H]
    }
    const torch::Tensor context = torch::stack(contexts); // M x [2H] -> [M, 2H]
    const torch::Tensor stackedIh = torch::stack(wIh);    // [2M, 4H, 1]
    const torch::Tensor stackedHh = torch::stack(wHh);    // [2M, 4H, H]
    const torch::Tensor stackedBIh = torch::stack(bIh);   // [2M, 4H]
    const torch::Tensor stackedBHh = torch::stack(bHh);   // [2M, 4H]

    if (!torch::GradMode::is_enabled())
        return fusedBiLstmAttention(x, stackedIh, stackedHh, stackedBIh, stackedBHh, context);

    const std::int64_t batch = x.size(0);
    const std::int64_t bins = x.size(1);
    const std::int64_t hidden = stackedHh.size(2);
    const torch::Tensor sequences = x.permute({2, 0, 1})          // [B, T, M] -> [M, B, T]
                                        .unsqueeze(3)             // -> [M, B, T, 1]
                                        .repeat_interleave(2, 0); // -> [2M, B, T, 1], g = 2m, 2m+1
    std::vector<bool> reverse(static_cast<std::size_t>(2 * marks));
    for (std::size_t g = 0; g < reverse.size(); ++g)
        reverse[g] = g % 2 == 1;
    const torch::Tensor h = fusedLstm(sequences, stackedIh, stackedHh, stackedBIh, stackedBHh,
                                      reverse)                                  // [2M, B, T, H]
                                .view({marks, 2, batch, bins, hidden})          // [M, dir, B, T, H]
                                .permute({0, 2, 3, 1, 4})                       // [M, B, T, dir, H]
                                .reshape({marks, batch, bins, 2 * hidden});     // [M, B, T, 2H]
    const torch::Tensor scores = torch::einsum("mbtd,md->mbt", {h, context});   // [M, B, T]
    const torch::Tensor alpha = torch::softmax(scores, 2);                      // over bins
    const torch::Tensor embedding = torch::einsum("mbt,mbtd->mbd", {alpha, h}); // [M, B, 2H]
    return {embedding.permute({1, 0, 2}), // [M, B, 2H] -> [B, M, 2H]
            alpha.permute({1, 0, 2})};    // [M, B, T] -> [B, M, T]
}

} // namespace ac
