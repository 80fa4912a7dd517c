#pragma once

#include "domain/CellData.h"

#include <QString>
#include <cstdint>
#include <vector>

namespace ac
{

/// The reference input x₀ that integrated gradients integrate from (issue 15, item 5).
enum class IgBaselineKind {
    Zero,        ///< no reads in any bin (the default)
    Shuffled,    ///< the gene's own bins permuted, per mark (a seeded permutation per gene)
    TrainingMean ///< the mean input over the training genes of the cell
};

/**
 * The baseline x₀ of integrated gradients for a gene: zero, the gene's bins shuffled per mark,
 * or the training-set mean. The shuffled baseline draws each mark's permutation of the bins from
 * a generator seeded with the seed and a hash of the gene's values, so a gene gets the same
 * baseline whether it is attributed alone (gene view) or in a batch (validation), and every
 * run of the program gets the same numbers.
 *
 * Plain value, copyable, thread-safe for reading. Inputs and baselines are bins × marks (the
 * CellData layout).
 */
class IgBaseline
{
public:
    static constexpr std::uint64_t kDefaultSeed = 20171204;

    /// The zero baseline.
    IgBaseline() = default;
    static IgBaseline shuffled(std::uint64_t seed = kDefaultSeed);
    /// `mean` is bins × marks (e.g. trainingMean()).
    static IgBaseline mean(std::vector<float> mean);
    /// The baseline of `kind` for `cell`: the mean of its training genes for TrainingMean.
    static IgBaseline forCell(IgBaselineKind kind, const CellData& cell);

    /// Mean input (bins × marks) over the genes of split train; over all genes when the cell has
    /// no training gene; zeros when it has no gene.
    static std::vector<float> trainingMean(const CellData& cell);

    IgBaselineKind kind() const { return m_kind; }
    /// The mean's values (bins × marks); empty unless kind() is TrainingMean.
    const std::vector<float>& meanValues() const { return m_mean; }

    /// Stable key used on the command line and in files: "zero", "shuffled", "mean".
    static QString key(IgBaselineKind kind);
    /// Human name, e.g. "training-set mean".
    static QString name(IgBaselineKind kind);
    /// Parses a key; false for an unknown one.
    static bool parse(const QString& key, IgBaselineKind* out);

    /// Writes the baseline of the gene `values` (bins × marks) into `out` (the same size). A mean
    /// whose size is not binCount × markCount is an error the caller checks first (fits()).
    void fill(const float* values, int binCount, int markCount, float* out) const;
    /// False when a mean baseline does not have binCount × markCount values.
    bool fits(int binCount, int markCount) const;

private:
    IgBaselineKind m_kind = IgBaselineKind::Zero;
    std::uint64_t m_seed = kDefaultSeed;
    std::vector<float> m_mean;
};

} // namespace ac
