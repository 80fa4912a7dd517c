#pragma once

#include <cmath>

namespace ac
{

/**
 * Counts and track values are stored as 32-bit floats. A parsed double beyond FLT_MAX plus half
 * its last step (0x1.ffffffp+127) would round to ±infinity there, so the parsers refuse it at its
 * file line instead of storing ±inf (issue 13, finding 5). Pure functions, safe from any thread.
 */
constexpr double kFloat32RoundsToInfinity = 0x1.ffffffp+127;

/// True when `v` is finite and stays finite as a 32-bit float; false for NaN. One comparison.
inline bool fitsFloat32(double v)
{
    return std::fabs(v) < kFloat32RoundsToInfinity;
}

} // namespace ac
