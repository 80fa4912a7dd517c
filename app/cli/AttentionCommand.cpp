// attentivechrome-cli attention: α and β of every gene of a stored run as TSV or HDF5.
#include "CliCommand.h"
#include "CliSupport.h"
#include "RunOptions.h"

#include "train/AttentionExport.h"

namespace ac::cli
{

int runAttention(const QStringList& args)
{
    const QString cmd = QStringLiteral("attention");
    QCommandLineParser p;
    addStoredRunOptions(p);
    p.addOption({QStringLiteral("out"),
                 QStringLiteral("Output file: .tsv (one row per gene: gene_id, ensembl, symbol, "
                                "split, label, p, beta_<mark>, alpha_<mark>_<bin 1..100>) or "
                                ".h5 (datasets p, alpha [genes, marks, bins], beta [genes, marks], "
                                "gene_id, ensembl, symbol, split, label)."),
                 QStringLiteral("FILE")});
    int code = 0;
    if (!parseArguments(p, cmd,
                        QStringLiteral("Export the bin-level (α) and mark-level (β) attention of "
                                       "every gene of a run's cell type."),
                        args, &code))
        return code;
    QString error, which;
    int threads = 0;
    if (!requireOptions(p, {"out"}, &error) || !readStoredRunOptions(p, &threads, &which, &error))
        return fail(cmd, error);
    const QString outPath = p.value(QStringLiteral("out"));
    const QString lower = outPath.toLower();
    if (!lower.endsWith(QLatin1String(".tsv")) && !lower.endsWith(QLatin1String(".h5")) &&
        !lower.endsWith(QLatin1String(".hdf5")))
        return fail(cmd,
                    QStringLiteral("%1: unknown format (use .tsv, .h5 or .hdf5)").arg(outPath));

    OpenedRun r;
    if (!openStoredRun(p, threads, which, &r, &error))
        return fail(cmd, error);
    const QString& runId = r.run.id;
    const RunResults& results = r.results;
    if (results.alpha.empty() && results.beta.empty())
        return fail(cmd, QStringLiteral("%1: run %2 (%3) has no attention")
                             .arg(r.study->path(), runId, modelKindName(r.run.model.kind)));
    if (!exportAttention(outPath, r.cell, results, &error))
        return fail(cmd, error);
    printLine(outPath);
    return 0;
}

} // namespace ac::cli
