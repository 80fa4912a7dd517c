// attentivechrome-cli import: REMC CSV folders (one cell type or many) into a study file.
#include "CliCommand.h"
#include "CliSupport.h"

#include "jobs/RemcImportJob.h"

#include <QFileInfo>
#include <QTextStream>

namespace ac::cli
{

namespace
{

void addImportOptions(QCommandLineParser& p)
{
    p.addPositionalArgument(
        QStringLiteral("folder"),
        QStringLiteral("A REMC cell folder (<CELL>/classification/{train,valid,test}.csv"
                       "[.gz]) or a folder holding many of them."));
    p.addOption({QStringLiteral("study"),
                 QStringLiteral("Study file to add the cells to (created when missing; cells of "
                                "the same name are replaced)."),
                 QStringLiteral("FILE")});
    p.addOption({QStringLiteral("cell"),
                 QStringLiteral("Import only these cells (comma-separated, e.g. E003,E123)."),
                 QStringLiteral("CELLS")});
    p.addOption({QStringLiteral("annotation"),
                 QStringLiteral("Gene table TSV (ensembl_id, symbol, chrom, tss, strand) instead "
                                "of the bundled one of --assembly."),
                 QStringLiteral("FILE")});
    p.addOption({QStringLiteral("assembly"),
                 QStringLiteral("Genome assembly of the gene loci, recorded in the study: hg19 "
                                "(default, the REMC data's) or hg38."),
                 QStringLiteral("NAME"), QStringLiteral("hg19")});
    p.addOption({QStringLiteral("max-problems"),
                 QStringLiteral("Report at most N problems before stopping (default 5)."),
                 QStringLiteral("N"), QStringLiteral("5")});
}

/// The request the parsed arguments ask for; an error message when they do not make one.
QString readRequest(const QCommandLineParser& p, RemcImportRequest* request)
{
    if (p.positionalArguments().size() != 1)
        return QStringLiteral("expected one REMC folder (see --help)");
    if (!p.isSet(QStringLiteral("study")))
        return QStringLiteral("--study is required");
    bool ok = false;
    request->maxProblems = p.value(QStringLiteral("max-problems")).toInt(&ok);
    if (!ok || request->maxProblems < 1)
        return QStringLiteral("--max-problems must be a positive number");
    request->folder = p.positionalArguments().first();
    request->studyPath = p.value(QStringLiteral("study"));
    if (!QFileInfo(request->folder).isDir())
        return QStringLiteral("%1: no such folder").arg(request->folder);
    request->annotationPath = p.value(QStringLiteral("annotation"));
    request->assembly = p.value(QStringLiteral("assembly"));
    for (const QString& c :
         p.value(QStringLiteral("cell")).split(QLatin1Char(','), Qt::SkipEmptyParts))
        request->cells << c.trimmed();
    return {};
}

void printSummary(const RemcImportOutcome& outcome, const QString& studyPath)
{
    for (const RemcImportedCell& cell : outcome.cells)
        printLine(
            QStringLiteral("%1: %2 genes (train %3, valid %4, test %5)")
                .arg(cell.name)
                .arg(cell.genes)
                .arg(cell.trainGenes)
                .arg(cell.validGenes)
                .arg(cell.testGenes) +
            (cell.replaced ? QStringLiteral(", replacing the cell of that name") : QString()));
    printLine(QStringLiteral("imported %1 cell type(s) into %2 (%3 MB of CSV in %4 s)")
                  .arg(outcome.cells.size())
                  .arg(studyPath)
                  .arg(double(outcome.csvBytes) / 1e6, 0, 'f', 1)
                  .arg(outcome.seconds, 0, 'f', 2));
}

} // namespace

int runImport(const QStringList& args)
{
    const QString cmd = QStringLiteral("import");
    QCommandLineParser p;
    addImportOptions(p);
    int code = 0;
    if (!parseArguments(
            p, cmd,
            QStringLiteral("Import REMC/DeepChrome classification CSV files into a study. "
                           "Nothing in the study changes unless every cell imports."),
            args, &code))
        return code;
    RemcImportRequest request;
    if (const QString problem = readRequest(p, &request); !problem.isEmpty())
        return fail(cmd, problem);

    // The status line shows the reading; the job's busy stages (fraction < 0) are not drawn.
    const ProgressCallback bar = terminalProgress();
    const RemcImportOutcome outcome =
        importRemc(request, [&bar](const Progress& pr) { return pr.fraction < 0 || bar(pr); });
    QTextStream err(stderr);
    for (const QString& w : outcome.warnings)
        err << "attentivechrome-cli import: warning: " << w << '\n';
    err.flush();
    if (!outcome.ok)
        return fail(cmd, outcome.error);
    printSummary(outcome, request.studyPath);
    return 0;
}

} // namespace ac::cli
