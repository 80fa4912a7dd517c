// attentivechrome-cli import-track: bins a signal track (binned CSV, bedGraph, bigWig) into a
// cell type of a study.
#include "CliCommand.h"
#include "CliSupport.h"

#include "jobs/TrackImportJob.h"

#include <QTextStream>

namespace ac::cli
{

int runImportTrack(const QStringList& args)
{
    const QString cmd = QStringLiteral("import-track");
    QCommandLineParser p;
    p.addOption(
        {QStringLiteral("study"), QStringLiteral("Study file (.h5)."), QStringLiteral("FILE")});
    p.addOption({QStringLiteral("cell"), QStringLiteral("Cell type of the study, e.g. E123."),
                 QStringLiteral("CELL")});
    p.addOption({QStringLiteral("format"),
                 QStringLiteral("csv (GeneID,BinID,value), bedgraph or bigwig."),
                 QStringLiteral("FMT")});
    p.addOption(
        {QStringLiteral("file"), QStringLiteral("The track file."), QStringLiteral("FILE")});
    p.addOption({QStringLiteral("name"), QStringLiteral("Track name (default H3K27ac)."),
                 QStringLiteral("NAME"), QStringLiteral("H3K27ac")});
    p.addOption({QStringLiteral("annotation"),
                 QStringLiteral("Gene table (TSV: ensembl_id symbol chrom tss strand) placing "
                                "bedGraph/bigWig signal; default: the loci stored with the cell, "
                                "completed from the bundled hg19 table."),
                 QStringLiteral("TSV")});
    int code = 0;
    if (!parseArguments(
            p, cmd,
            QStringLiteral("Import a signal track (e.g. H3K27ac) into a cell type, "
                           "binned like X (TSS-5 kb .. TSS+5 kb, 100 bins of 100 bp, "
                           "in the gene's orientation: minus-strand genes are flipped)."),
            args, &code))
        return code;
    if (QString missing; !requireOptions(p, {"study", "cell", "format", "file"}, &missing))
        return fail(cmd, missing);
    TrackFormat format;
    if (!parseTrackFormat(p.value(QStringLiteral("format")), &format))
        return fail(cmd, QStringLiteral("unknown --format '%1' (csv, bedgraph, bigwig)")
                             .arg(p.value(QStringLiteral("format"))));
    TrackImportRequest request;
    request.studyPath = p.value(QStringLiteral("study"));
    request.cell = p.value(QStringLiteral("cell"));
    request.format = format;
    request.file = p.value(QStringLiteral("file"));
    request.trackName = p.value(QStringLiteral("name"));
    request.annotationPath = p.value(QStringLiteral("annotation"));
    const TrackImportOutcome outcome = importTrack(request, terminalProgress());
    if (outcome.genesPlaced > 0)
        printLine(QStringLiteral("%1 genes placed with %2")
                      .arg(outcome.genesPlaced)
                      .arg(outcome.annotationSource));
    for (const QString& w : outcome.warnings)
        QTextStream(stderr) << "attentivechrome-cli " << cmd << ": warning: " << w << '\n';
    if (!outcome.ok)
        return fail(cmd, outcome.error);
    printLine(QStringLiteral("%1: track %2 of cell %3: %4 genes, %5 missing (NaN)")
                  .arg(request.studyPath, request.trackName, request.cell)
                  .arg(outcome.genes)
                  .arg(outcome.missingGenes));
    return 0;
}

} // namespace ac::cli
