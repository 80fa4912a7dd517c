// attentivechrome-cli predict: p(high) of every gene of a stored run's cell type as TSV.
#include "CliCommand.h"
#include "CliSupport.h"
#include "RunOptions.h"

#include <QFile>
#include <QSaveFile>
#include <QTextStream>

namespace ac::cli
{

int runPredict(const QStringList& args)
{
    const QString cmd = QStringLiteral("predict");
    QCommandLineParser p;
    addStoredRunOptions(p);
    p.addOption({QStringLiteral("out"), QStringLiteral("TSV file (default: standard output)."),
                 QStringLiteral("FILE")});
    int code = 0;
    if (!parseArguments(p, cmd,
                        QStringLiteral("Predict p(expression high) for every gene of the run's "
                                       "cell type. Columns: gene_id, ensembl, symbol, split, p, "
                                       "label."),
                        args, &code))
        return code;
    QString error, which;
    int threads = 0;
    if (!readStoredRunOptions(p, &threads, &which, &error))
        return fail(cmd, error);

    OpenedRun r;
    if (!openStoredRun(p, threads, which, &r, &error))
        return fail(cmd, error);
    const RunResults& results = r.results;

    const QString outPath = p.value(QStringLiteral("out"));
    QSaveFile file(outPath);
    QFile stdoutFile;
    QIODevice* device = &file;
    if (outPath.isEmpty()) {
        if (!stdoutFile.open(stdout, QIODevice::WriteOnly | QIODevice::Text))
            return fail(cmd, QStringLiteral("cannot write to standard output"));
        device = &stdoutFile;
    } else if (!file.open(QIODevice::WriteOnly | QIODevice::Text)) {
        return fail(cmd, QStringLiteral("%1: cannot write: %2").arg(outPath, file.errorString()));
    }
    QTextStream out(device);
    out << "gene_id\tensembl\tsymbol\tsplit\tp\tlabel\n";
    for (int g = 0; g < r.cell.geneCount(); ++g) {
        const std::size_t i = static_cast<std::size_t>(g);
        const GeneRecord& gene = r.cell.genes[i];
        out << gene.remcId << '\t' << gene.ensemblId << '\t' << gene.symbol << '\t'
            << splitName(r.cell.splits[i]) << '\t' << QString::number(results.p[i], 'g', 6) << '\t'
            << int(r.cell.labels[i]) << '\n';
    }
    out.flush();
    if (!outPath.isEmpty() && !file.commit())
        return fail(cmd, QStringLiteral("%1: cannot write: %2").arg(outPath, file.errorString()));
    return 0;
}

} // namespace ac::cli
