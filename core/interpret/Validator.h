#pragma once

#include "domain/Progress.h"
#include "interpret/Agreement.h"
#include "interpret/AttributionMethod.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <vector>

namespace ac
{

/// Which run to validate against which track, with which maps. Plain value.
struct ValidationRequest {
    QString studyPath;
    QString runId;
    QString track = QStringLiteral("H3K27ac");
    /// Attribution methods compared besides α (α is always included when the variant has it).
    QList<AttributionMethod> methods = {AttributionMethod::Saliency,
                                        AttributionMethod::IntegratedGradients};
    QString split = QStringLiteral("test"); ///< "train", "valid", "test" or "all"
    /// REMC ids: when not empty, only these genes of the split (a gene list, issue 15).
    QStringList geneIds;
    QString weights = QStringLiteral("best"); ///< "best" or "last"
    int integratedGradientSteps = 32;
};

/// What a validation found: the agreement and the data behind it. Plain value.
struct ValidationReport {
    QString studyPath;
    QString runId;
    QString cell;
    QString track;
    QString split;
    QString model; ///< model kind key, e.g. "attentivechrome"
    QStringList markNames;
    std::vector<int> genes;  ///< indices into the cell's genes, in report order
    QStringList geneIds;     ///< REMC id per reported gene
    QStringList geneSymbols; ///< symbol per reported gene (may be empty)
    AgreementInput input;    ///< the track, p and maps compared (genes in report order)
    AgreementReport agreement;
};

/**
 * The validation study of issue 5 for one stored run: loads the run's cell and track, computes
 * p and α (the run's cached results when they match the requested weights, else the model) and
 * the requested attribution maps for the genes of the split, and compares them with the track
 * (Agreement). Also writes the results as TSV files, the same numbers the GUI shows.
 *
 * Blocking (seconds to minutes: occlusion costs 500 forward passes per gene); run it in a
 * worker thread. Uses the calling thread's torch thread count. Stateless, thread-safe.
 */
class Validator
{
public:
    /// False with `error` (naming the study, run, cell or track) on failure, or "cancelled".
    static bool run(const ValidationRequest& request, ValidationReport* report,
                    const ProgressCallback& progress, QString* error);

    /// Column names of the summary table (agreement.tsv).
    static QStringList tableHeader();
    /// One summary row as the cells of agreement.tsv (numbers with 4 decimals, "NA" for NaN).
    static QStringList tableRow(const AgreementRow& row);
    /// A correlation or mean as written in the tables: 4 decimals, "NA" for NaN.
    static QString formatNumber(double value);

    /**
     * Writes into `dir` (created if needed): agreement.tsv (the summary table), profiles.tsv
     * (per bin: TSS-relative position, mean track and mean of every map per mark over ON and
     * OFF genes) and genes.tsv (per gene and series: Pearson, Spearman or the reason skipped).
     * False with `error` naming the file on failure.
     */
    static bool writeTables(const ValidationReport& report, const QString& dir, QString* error);
};

} // namespace ac
