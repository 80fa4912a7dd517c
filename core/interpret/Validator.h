#pragma once

#include "domain/Progress.h"
#include "interpret/Agreement.h"
#include "interpret/AttributionMethod.h"
#include "interpret/ClassOptimum.h"
#include "interpret/IgBaseline.h"
#include "interpret/IgCompleteness.h"

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
    /// Names the list of `geneIds` in the report (e.g. its file name); may be empty.
    QString geneListName;
    QString weights = QStringLiteral("best"); ///< "best" or "last"
    int integratedGradientSteps = 32;
    IgBaselineKind integratedGradientBaseline = IgBaselineKind::Zero;
    /// Also find the class-optimal ON and OFF inputs (ClassOptimizer) and compare them with the
    /// track: each gene against the map of its predicted class (map key "class-optimal").
    bool classOptimisation = true;
    ClassOptimisationSettings classOptimisationSettings;
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
    /// The request's gene list: its REMC ids sorted, each once (empty: every gene of the split),
    /// and its name. A validation of a list is stored apart from that of the whole split.
    QStringList listedGenes;
    QString geneListName;
    AgreementInput input; ///< the track, p and maps compared (genes in report order)
    AgreementReport agreement;
    /// Integrated gradients' completeness per reported gene; empty when IG was not asked for.
    IgCompleteness completeness;
    /// The class-optimal ON and OFF inputs; empty when not asked for.
    std::vector<ClassOptimum> classOptima;
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

    /// The key of the class-optimisation map series in the agreement: "class-optimal".
    static QString classOptimalKey();
    /// The series compared for class optimisation: each gene gets the optimum of its predicted
    /// class (ON when p ≥ 0.5), so its correlation is computed like that of α.
    static MapSeries classOptimalSeries(const std::vector<ClassOptimum>& optima,
                                        const std::vector<float>& p);

    /// Column names of the summary table (agreement.tsv).
    static QStringList tableHeader();
    /// One summary row as the cells of agreement.tsv (numbers with 4 decimals, "NA" for NaN).
    static QStringList tableRow(const AgreementRow& row);
    /// A correlation or mean as written in the tables: 4 decimals, "NA" for NaN.
    static QString formatNumber(double value);

    /**
     * Writes into `dir` (created if needed): agreement.tsv (the summary table), profiles.tsv
     * (per bin: TSS-relative position, mean track and mean of every map per mark over ON and
     * OFF genes) and genes.tsv (per gene and series: Pearson, Spearman or the reason skipped);
     * with class optimisation class-optimal-ON.tsv and class-optimal-OFF.tsv (marks × bins,
     * ClassOptimizer::writeTsv), with integrated gradients ig-completeness.tsv (per gene: Σ
     * attribution, f(x) − f(x₀), their difference). False with `error` naming the file on
     * failure.
     */
    static bool writeTables(const ValidationReport& report, const QString& dir, QString* error);
};

} // namespace ac
