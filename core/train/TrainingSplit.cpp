#include "train/TrainingSplit.h"

#include <algorithm>
#include <cmath>

namespace ac
{

namespace
{

constexpr std::int64_t kEvalBatch = 1024;

} // namespace

TrainingSplit TrainingSplit::gather(const CellData& cell, Split split)
{
    std::vector<std::int64_t> index;
    TrainingSplit s;
    for (int g = 0; g < cell.geneCount(); ++g) {
        if (cell.splits[static_cast<std::size_t>(g)] == split) {
            index.push_back(g);
            s.labels.push_back(cell.labels[static_cast<std::size_t>(g)] ? 1 : 0);
        }
    }
    const torch::Tensor all =
        torch::from_blob(const_cast<float*>(cell.values.data()),
                         {cell.geneCount(), cell.binCount, cell.markCount}, torch::kFloat);
    // index_select copies, so the split owns its data and `cell` may go away.
    s.x = all.index_select(0, torch::tensor(index, torch::kLong)); // [N, T, M]
    s.y = torch::tensor(std::vector<float>(s.labels.begin(), s.labels.end()), torch::kFloat);
    return s;
}

std::vector<float> TrainingSplit::evaluate(ChromatinModelImpl& model, double* loss) const
{
    torch::NoGradGuard noGrad;
    model.eval();
    const std::int64_t n = x.size(0);
    std::vector<torch::Tensor> logits;
    for (std::int64_t begin = 0; begin < n; begin += kEvalBatch)
        logits.push_back(model.forward(x.slice(0, begin, std::min(n, begin + kEvalBatch))).logit);
    if (n == 0) {
        *loss = std::nan("");
        return {};
    }
    const torch::Tensor logit = torch::cat(logits); // [N]
    *loss = torch::binary_cross_entropy_with_logits(logit, y).item<double>();
    const torch::Tensor p = torch::sigmoid(logit).contiguous();
    return std::vector<float>(p.data_ptr<float>(), p.data_ptr<float>() + n);
}

} // namespace ac
