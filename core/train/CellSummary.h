#pragma once

#include <QString>
#include <QStringList>
#include <vector>

namespace ac
{

/**
 * The paper's comparison table: one score (e.g. test AUROC) per cell type and model variant, and
 * per variant the mean, median, minimum and maximum over cell types and the number of wins.
 * Plain value, built by summariseRuns(); safe to copy across threads.
 */
struct CellSummary {
    /// One input score.
    struct Entry {
        QString cell;
        QString variant; ///< e.g. the model kind key "attentivechrome"
        double score = 0;
        QString runId = {}; ///< the run the score comes from (may be empty)
    };
    /// One row of the summary table.
    struct Row {
        QString variant;
        int cells = 0; ///< cell types with a (non-NaN) score for this variant
        double mean = 0, median = 0, min = 0, max = 0; ///< NaN when `cells` is 0
        /// Cell types where this variant has the highest score among the variants scored there;
        /// a tie gives each tied variant the win. Cells scored by one variant only count no win.
        int wins = 0;
    };

    QStringList cells;          ///< in first-seen order
    QStringList variants;       ///< in first-seen order
    std::vector<double> scores; ///< cells × variants, row-major; NaN where missing
    QStringList runIds;         ///< cells × variants, row-major: the run of each score, or empty
    std::vector<Row> rows;      ///< one per variant, same order as `variants`

    double score(int cell, int variant) const
    {
        return scores[static_cast<std::size_t>(cell) * variants.size() + variant];
    }
    QString runId(int cell, int variant) const
    {
        return runIds.value(cell * variants.size() + variant);
    }
};

/// Builds the table. When one (cell, variant) pair occurs several times the last entry counts
/// (callers pass runs oldest first, so the newest run wins). NaN scores count as missing.
CellSummary summariseRuns(const std::vector<CellSummary::Entry>& entries);

/// One entry per (cell, variant) pair, in first-seen order, scored with the mean of the pair's
/// non-NaN scores (NaN when it has none): several seeds of one variant count as one score.
std::vector<CellSummary::Entry> meanOfRepeats(const std::vector<CellSummary::Entry>& entries);

} // namespace ac
