#pragma once

#include <cstdint>
#include <vector>

namespace ac
{

/// The result of KMeans::cluster(): a cluster per row and the cluster centres.
struct KMeansResult {
    int k = 0;
    int dimension = 0;
    std::vector<int> assignment; ///< cluster of each row, 0 … k−1
    std::vector<float> centres;  ///< k × dimension, row-major
    std::vector<int> sizes;      ///< rows per cluster
    int iterations = 0;          ///< Lloyd iterations run (stops early when nothing moves)
};

/**
 * k-means (Lloyd's algorithm, squared Euclidean distance) with k-means++ seeding, for clustering
 * attention profiles (rows of bins). Deterministic: the same rows, k and seed give the same
 * clusters on every machine (the seeding draws from std::mt19937_64 with its own uniform
 * sampler, no std:: distribution, and the arithmetic runs in a fixed order in one thread).
 *
 * Rows must be finite (callers replace NaN first). A cluster that empties during an iteration
 * takes the row farthest from its own centre, so every cluster keeps at least one row.
 * Plain function of its inputs; any thread.
 */
class KMeans
{
public:
    /// Clusters `rowCount` rows of `dimension` floats starting at `rows` into `k` clusters
    /// (1 ≤ k ≤ rowCount; an empty result otherwise), in at most `maxIterations` iterations.
    static KMeansResult cluster(const float* rows, int rowCount, int dimension, int k,
                                std::uint64_t seed, int maxIterations = 100);
};

} // namespace ac
