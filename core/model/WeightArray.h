#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace ac {

/// One named parameter tensor as plain data (row-major). The name is the stable parameter name
/// (for AttentiveChrome: the reference PyTorch state_dict key, e.g. "rnn_hms.0.rnn.weight_ih_l0").
struct WeightArray {
    std::string name;
    std::vector<std::int64_t> shape;
    std::vector<float> values;
};

/// A model's parameters, in module registration order.
using Weights = std::vector<WeightArray>;

} // namespace ac
