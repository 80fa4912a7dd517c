#include "interpret/Correlation.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace ac::correlation
{

double pearson(const double* a, const double* b, int n)
{
    constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
    if (n < 2 || std::all_of(a, a + n, [a](double v) { return v == a[0]; }) ||
        std::all_of(b, b + n, [b](double v) { return v == b[0]; }))
        return kNaN;
    double meanA = 0;
    double meanB = 0;
    for (int i = 0; i < n; ++i) {
        meanA += a[i];
        meanB += b[i];
    }
    meanA /= n;
    meanB /= n;
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (int i = 0; i < n; ++i) {
        const double da = a[i] - meanA;
        const double db = b[i] - meanB;
        sab += da * db;
        saa += da * da;
        sbb += db * db;
    }
    if (saa <= 0 || sbb <= 0)
        return kNaN;
    return std::clamp(sab / std::sqrt(saa * sbb), -1.0, 1.0);
}

std::vector<double> averageRanks(const double* a, int n)
{
    std::vector<int> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [a](int i, int j) { return a[i] < a[j]; });
    std::vector<double> ranks(n);
    for (int i = 0; i < n;) {
        int j = i;
        while (j + 1 < n && a[order[j + 1]] == a[order[i]])
            ++j;
        const double rank = (i + j) / 2.0 + 1.0; // the mean of ranks i+1 .. j+1
        for (int k = i; k <= j; ++k)
            ranks[order[k]] = rank;
        i = j + 1;
    }
    return ranks;
}

double spearman(const double* a, const double* b, int n)
{
    const std::vector<double> ra = averageRanks(a, n);
    const std::vector<double> rb = averageRanks(b, n);
    return pearson(ra.data(), rb.data(), n);
}

} // namespace ac::correlation
