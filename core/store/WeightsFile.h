#pragma once

#include "domain/WeightArray.h"

#include <QString>

namespace ac
{

/**
 * A stand-alone weights file: HDF5 with one float32 dataset per parameter in the group
 * `/weights`, named by the parameter's state_dict key (the format written by
 * packaging/tools/convert_pytorch_weights.py and used by the parity fixture).
 *
 * Both functions are thread-safe (HDF5's global lock) and return false with `error` naming the
 * file and object on failure. writeWeightsFile() writes a temporary file and renames it, so an
 * existing file is never half-overwritten.
 */
bool readWeightsFile(const QString& path, Weights* out, QString* error);
bool writeWeightsFile(const QString& path, const Weights& weights, QString* error);

} // namespace ac
