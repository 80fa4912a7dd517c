#pragma once

#include <vector>

/// Correlation coefficients between two equally long series. Pure functions, thread-safe.
namespace ac::correlation
{

/// Pearson's r; NaN when n < 2 or either series is constant.
double pearson(const double* a, const double* b, int n);
/// Ranks 1..n with ties given the average of the ranks they span (e.g. 1, 2.5, 2.5, 4).
std::vector<double> averageRanks(const double* a, int n);
/// Spearman's ρ: Pearson's r of the average ranks; NaN when either series is constant.
double spearman(const double* a, const double* b, int n);

} // namespace ac::correlation
