#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace ac
{

/// One named parameter tensor as plain data (row-major). The name is the stable parameter name
/// (for AttentiveChrome: the reference PyTorch state_dict key, e.g. "rnn_hms.0.rnn.weight_ih_l0").
struct WeightArray {
    std::string name;
    std::vector<std::int64_t> shape;
    std::vector<float> values;

    /// Same name, shape and values, bit for bit (NaN never equals NaN).
    bool operator==(const WeightArray& o) const
    {
        return name == o.name && shape == o.shape && values == o.values;
    }
    bool operator!=(const WeightArray& o) const { return !(*this == o); }
};

/// A model's parameters, in module registration order.
using Weights = std::vector<WeightArray>;

} // namespace ac
