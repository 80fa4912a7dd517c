#include "interpret/KMeans.h"

#include <algorithm>
#include <limits>
#include <random>

namespace ac
{

namespace
{

/// Uniform in [0, 1) from the top 53 bits: the same on every standard library.
double uniform01(std::mt19937_64& rng)
{
    return double(rng() >> 11) * (1.0 / 9007199254740992.0);
}

/// Eight independent partial sums, so the compiler vectorises the loop without reassociating
/// (the result is the same on every machine).
float squaredDistance(const float* a, const float* b, int dimension)
{
    float acc[8] = {};
    int i = 0;
    for (; i + 8 <= dimension; i += 8)
        for (int j = 0; j < 8; ++j) {
            const float d = a[i + j] - b[i + j];
            acc[j] += d * d;
        }
    float sum = ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
    for (; i < dimension; ++i) {
        const float d = a[i] - b[i];
        sum += d * d;
    }
    return sum;
}

/// k-means++: the first centre uniformly, each next one with probability ∝ squared distance to
/// the nearest centre chosen so far.
std::vector<float> seedCentres(const float* rows, int n, int dim, int k, std::uint64_t seed)
{
    std::mt19937_64 rng(seed);
    std::vector<float> centres(std::size_t(k) * dim);
    std::vector<double> nearest(std::size_t(n), std::numeric_limits<double>::infinity());
    int chosen = int(uniform01(rng) * n);
    for (int c = 0; c < k; ++c) {
        const float* row = rows + std::size_t(chosen) * dim;
        std::copy(row, row + dim, centres.begin() + std::ptrdiff_t(c) * dim);
        double total = 0;
        for (int i = 0; i < n; ++i) {
            nearest[std::size_t(i)] = std::min<double>(
                nearest[std::size_t(i)], squaredDistance(rows + std::size_t(i) * dim, row, dim));
            total += nearest[std::size_t(i)];
        }
        if (total <= 0) { // every row sits on a centre: take the next rows in turn
            chosen = (chosen + 1) % n;
            continue;
        }
        double target = uniform01(rng) * total;
        chosen = n - 1;
        for (int i = 0; i < n; ++i) {
            target -= nearest[std::size_t(i)];
            if (target < 0) {
                chosen = i;
                break;
            }
        }
    }
    return centres;
}

/// Assigns each row its nearest centre; returns how many rows changed cluster. `distance`
/// receives each row's squared distance to its centre.
int assign(const float* rows, int n, int dim, const KMeansResult& r, std::vector<int>* assignment,
           std::vector<float>* distance)
{
    int changed = 0;
    for (int i = 0; i < n; ++i) {
        const float* row = rows + std::size_t(i) * dim;
        int best = 0;
        float bestD = std::numeric_limits<float>::infinity();
        for (int c = 0; c < r.k; ++c) {
            const float d = squaredDistance(row, r.centres.data() + std::size_t(c) * dim, dim);
            if (d < bestD) {
                bestD = d;
                best = c;
            }
        }
        if ((*assignment)[std::size_t(i)] != best)
            ++changed;
        (*assignment)[std::size_t(i)] = best;
        (*distance)[std::size_t(i)] = bestD;
    }
    return changed;
}

/// New centres as the means of their rows; an empty cluster takes the row farthest from its
/// centre (which then leaves its old cluster).
void updateCentres(const float* rows, int n, int dim, std::vector<float>& distance, KMeansResult* r)
{
    std::vector<double> sums(r->centres.size(), 0.0);
    r->sizes.assign(std::size_t(r->k), 0);
    for (int i = 0; i < n; ++i) {
        const int c = r->assignment[std::size_t(i)];
        ++r->sizes[std::size_t(c)];
        const float* row = rows + std::size_t(i) * dim;
        for (int d = 0; d < dim; ++d)
            sums[std::size_t(c) * dim + d] += row[d];
    }
    for (int c = 0; c < r->k; ++c) {
        if (r->sizes[std::size_t(c)] == 0) {
            const auto far = std::max_element(distance.begin(), distance.end());
            const int i = int(far - distance.begin());
            --r->sizes[std::size_t(r->assignment[std::size_t(i)])];
            r->assignment[std::size_t(i)] = c;
            r->sizes[std::size_t(c)] = 1;
            *far = 0;
            const float* row = rows + std::size_t(i) * dim;
            std::copy(row, row + dim, r->centres.begin() + std::ptrdiff_t(c) * dim);
            continue;
        }
        for (int d = 0; d < dim; ++d)
            r->centres[std::size_t(c) * dim + d] =
                float(sums[std::size_t(c) * dim + d] / r->sizes[std::size_t(c)]);
    }
}

} // namespace

KMeansResult KMeans::cluster(const float* rows, int rowCount, int dimension, int k,
                             std::uint64_t seed, int maxIterations)
{
    KMeansResult r;
    if (rows == nullptr || rowCount < 1 || dimension < 1 || k < 1 || k > rowCount)
        return r;
    r.k = k;
    r.dimension = dimension;
    r.centres = seedCentres(rows, rowCount, dimension, k, seed);
    r.assignment.assign(std::size_t(rowCount), -1);
    std::vector<float> distance(static_cast<std::size_t>(rowCount));
    for (int it = 0; it < std::max(1, maxIterations); ++it) {
        const int changed = assign(rows, rowCount, dimension, r, &r.assignment, &distance);
        ++r.iterations;
        updateCentres(rows, rowCount, dimension, distance, &r);
        if (changed == 0)
            break;
    }
    return r;
}

} // namespace ac
