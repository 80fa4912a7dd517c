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
                                "completed from the bundled table of --assembly."),
                 QStringLiteral("TSV")});
    p.addOption({QStringLiteral("assembly"),
                 QStringLiteral("Genome assembly of the track file: hg19 or hg38 (default: the "
                                "one the study records for the cell, else hg19). A bigWig whose "
                                "chromosome lengths are another assembly's gets a warning."),
                 QStringLiteral("NAME")});
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
    request.assembly = p.value(QStringLiteral("assembly"));
    const TrackImportOutcome outcome = importTrack(request, terminalProgress());
    if (outcome.genesPlaced > 0)
        printLine(QStringLiteral("%1 genes placed with %2")
                      .arg(outcome.genesPlaced)
                      .arg(outcome.annotationSource));
    for (const QString& w : outcome.warnings)
        QTextStream(stderr) << "attentivechrome-cli " << cmd << ": warning: " << w << '\n';
    if (!outcome.ok)
        return fail(cmd, outcome.error);
    printLine(QStringLiteral("%1: track %2 of cell %3%4: %5")
                  .arg(request.studyPath, request.trackName, request.cell,
                       outcome.assembly.isEmpty() ? QString()
                                                  : QStringLiteral(" (%1)").arg(outcome.assembly),
                       outcome.coverage.summary()));
    return 0;
}

} // namespace ac::cli
