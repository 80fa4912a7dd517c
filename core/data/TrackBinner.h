#pragma once

#include "data/TrackImportResult.h"
#include "domain/GeneRecord.h"
#include "domain/RemcLayout.h"

#include <QHash>
#include <QSet>
#include <QString>
#include <QStringList>

#include <algorithm>
#include <cstdint>
#include <vector>

namespace ac
{

/**
 * Places signal intervals into the 100 bins of each gene's window (TSS-5000 .. TSS+5000, in the
 * gene's orientation; see TrackImporter) and turns the sums into coverage-weighted means.
 *
 * Built from the genes of one cell type (chrom, tss, strand); genes without a locus get NaN rows.
 * Chromosomes are matched by normalizedChromosome(). Owns its sums (genes × bins doubles). Not
 * thread-safe; one binner per import.
 */
class TrackBinner
{
public:
    static constexpr int kBins = remc::kBinCount;                           ///< per gene
    static constexpr std::int64_t kBinSize = remc::kBinSize;                ///< bp
    static constexpr std::int64_t kWindow = std::int64_t(kBins) * kBinSize; ///< bp per gene

    /// The 10 kb window of one gene in genomic coordinates (0-based start).
    struct Window {
        std::int64_t start = 0;
        int gene = 0;
        bool minus = false;
    };

    /// A chromosome's span of data, 0-based half-open.
    struct Range {
        std::int64_t start = 0;
        std::int64_t end = 0;
    };

    explicit TrackBinner(const std::vector<GeneRecord>& genes);

    /// The comparable form of a chromosome name: "chr" prefix dropped, "MT" as "M" ("chrX" → "X").
    static QString normalizedChromosome(const QString& name);

    /// Genes without chromosome, TSS or strand.
    int withoutLocus() const { return m_withoutLocus; }
    /// The genes' chromosome names as the annotation spells them.
    const QSet<QString>& rawNames() const { return m_rawNames; }
    /// Windows of a normalised chromosome, sorted by start; nullptr when no gene is on it.
    const std::vector<Window>* windows(const QString& chrom) const;
    /// The normalised chromosomes with at least one gene.
    QStringList chromosomes() const { return m_windows.keys(); }

    // add() and addToWindow() run once per interval: defined here so that the readers' loops
    // inline them.

    /// Adds [start, end) with `value` to every window of `list` it overlaps.
    void add(const std::vector<Window>& list, std::int64_t start, std::int64_t end, double value)
    {
        // Windows all have the same length: those overlapping start at (start - kWindow, end).
        auto it = std::lower_bound(list.begin(), list.end(), start - kWindow + 1,
                                   [](const Window& w, std::int64_t s) { return w.start < s; });
        for (; it != list.end() && it->start < end; ++it)
            addToWindow(*it, start, end, value);
    }

    /// Adds [start, end) with `value` to the bins of `w` it overlaps.
    void addToWindow(const Window& w, std::int64_t start, std::int64_t end, double value)
    {
        const std::int64_t lo = std::max(start, w.start);
        const std::int64_t hi = std::min(end, w.start + kWindow);
        if (lo >= hi || value == 0.0)
            return;
        double* sums = m_sums.data() + static_cast<std::size_t>(w.gene) * kBins;
        for (std::int64_t k = (lo - w.start) / kBinSize; k <= (hi - 1 - w.start) / kBinSize; ++k) {
            const std::int64_t binStart = w.start + k * kBinSize;
            const std::int64_t overlap = std::min(hi, binStart + kBinSize) - std::max(lo, binStart);
            const int bin = w.minus ? kBins - 1 - static_cast<int>(k) : static_cast<int>(k);
            sums[bin] += static_cast<double>(overlap) * value;
        }
    }

    /**
     * Checks a file's chromosomes (`fileChroms`, raw names) against the genes': warns (in
     * `result`) about renamed and ignored ones; false with `result->error` (naming `path`) when
     * none is known.
     */
    bool checkChromosomes(const QString& path, const QStringList& fileChroms,
                          TrackImportResult* result) const;

    /// Means per bin into `result` as track `name` from `path`: NaN for genes without a locus or
    /// a range in `ranges` (by normalised name), and for bins outside the range; with warnings.
    void finish(const QString& path, const QString& name, const QHash<QString, Range>& ranges,
                TrackImportResult* result) const;

private:
    std::vector<float> means(const QHash<QString, Range>& ranges, int* missingGenes) const;

    int m_geneCount = 0;
    int m_withoutLocus = 0;
    QHash<QString, std::vector<Window>> m_windows;
    QSet<QString> m_rawNames;
    std::vector<double> m_sums;
};

} // namespace ac
