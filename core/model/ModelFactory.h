#pragma once

#include "domain/ModelConfig.h"
#include "model/ChromatinModel.h"

#include <memory>

namespace ac
{

/**
 * Builds the variant `config.kind` with the sizes of `config`, parameters uninitialised
 * (LibTorch defaults); call initUniform() or importWeights() next. The caller owns the module.
 * Throws c10::Error only for sizes no variant can use (DeepChrome: a kernel and pool that leave
 * no pooled bin).
 */
std::shared_ptr<ChromatinModelImpl> makeModel(const ModelConfig& config);

} // namespace ac
