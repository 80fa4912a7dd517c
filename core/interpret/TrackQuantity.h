#pragma once

#include "domain/RunResults.h"
#include "interpret/AttributionMethod.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace ac
{

/**
 * What an exported genome track shows per gene and bin (issue 15): α of one mark, α summed over
 * the marks, β-weighted α (Σ_m β_m·α_m,b, the attention of each bin in the model's own mix of
 * marks), or an attribution map summed over the marks or of one mark.
 *
 * Keys (command line, file names): "alpha:<mark>", "alpha-sum", "beta-alpha",
 * "attribution:<method>" and "attribution:<method>:<mark>" (methods as
 * attributionMethodKey(); mark ablation has no bins and is refused). Plain value; reentrant.
 */
struct TrackQuantity {
    enum class Kind { Alpha, AlphaSum, BetaAlpha, Attribution };

    Kind kind = Kind::AlphaSum;
    int mark = -1; ///< index into the cell's marks; −1: summed over the marks
    AttributionMethod method = AttributionMethod::Saliency; ///< for Kind::Attribution

    /// Parses `key` with the cell's `markNames` (case-insensitive); false with `error` quoting the
    /// key and listing what is allowed.
    static bool parse(const QString& key, const QStringList& markNames, TrackQuantity* out,
                      QString* error);
    /// The key parse() reads back, e.g. "alpha:H3K4me3".
    QString key(const QStringList& markNames) const;
    /// For people and track lines, e.g. "α of H3K4me3".
    QString description(const QStringList& markNames) const;
    bool needsAttribution() const { return kind == Kind::Attribution; }

    /// Genes × bins from a run's α (and β); false with `error` when the run has no α (or no β for
    /// β-weighted α).
    bool fromResults(const RunResults& results, std::vector<float>* out, QString* error) const;
    /// Genes × bins from attribution maps laid out genes × marks × bins.
    std::vector<float> fromMaps(const std::vector<float>& maps, int genes, int marks,
                                int bins) const;
};

} // namespace ac
