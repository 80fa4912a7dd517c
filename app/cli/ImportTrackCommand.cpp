// attentivechrome-cli import-track: bins a signal track (binned CSV, bedGraph, bigWig) into a
// cell type of a study.
#include "CliCommand.h"
#include "CliSupport.h"

#include "data/GeneAnnotation.h"
#include "data/TrackImporter.h"
#include "store/StudyEditor.h"
#include "store/StudyFile.h"

#include <QTextStream>

namespace ac::cli {

int runImportTrack(const QStringList& args)
{
    const QString cmd = QStringLiteral("import-track");
    QCommandLineParser p;
    p.addOption({QStringLiteral("study"), QStringLiteral("Study file (.h5)."), QStringLiteral("FILE")});
    p.addOption({QStringLiteral("cell"), QStringLiteral("Cell type of the study, e.g. E123."),
                 QStringLiteral("CELL")});
    p.addOption({QStringLiteral("format"), QStringLiteral("csv (GeneID,BinID,value), bedgraph or bigwig."),
                 QStringLiteral("FMT")});
    p.addOption({QStringLiteral("file"), QStringLiteral("The track file."), QStringLiteral("FILE")});
    p.addOption({QStringLiteral("name"), QStringLiteral("Track name (default H3K27ac)."),
                 QStringLiteral("NAME"), QStringLiteral("H3K27ac")});
    p.addOption({QStringLiteral("annotation"),
                 QStringLiteral("Gene table (TSV: ensembl_id symbol chrom tss strand) placing "
                                "bedGraph/bigWig signal; default: the loci stored with the cell, "
                                "completed from the bundled hg19 table."),
                 QStringLiteral("TSV")});
    int code = 0;
    if (!parseArguments(p, cmd,
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
    const QString studyPath = p.value(QStringLiteral("study"));
    const QString cellName = p.value(QStringLiteral("cell"));
    QString error;
    CellData cell;
    {
        std::unique_ptr<StudyFile> study = StudyFile::open(studyPath, &error);
        if (!study)
            return fail(cmd, error);
        if (!study->cellNames().contains(cellName))
            return fail(cmd, QStringLiteral("%1: no cell '%2' (cells: %3)")
                                 .arg(studyPath, cellName,
                                      study->cellNames().join(QLatin1String(", "))));
        if (!study->readCellIndex(cellName, &cell, &error))
            return fail(cmd, error);
    }

    std::vector<GeneRecord> genes = cell.genes;
    if (format != TrackFormat::BinnedCsv) {
        GeneAnnotation annotation;
        const bool custom = p.isSet(QStringLiteral("annotation"));
        if (custom ? !annotation.loadFile(p.value(QStringLiteral("annotation")), &error)
                   : !annotation.loadBundled(&error))
            return fail(cmd, error);
        int placed = 0;
        for (GeneRecord& g : genes) {
            const bool known = !g.chrom.isEmpty() && g.tss > 0 && g.strand != '.';
            if (known && !custom)
                continue;
            bool found = false;
            const GeneRecord a = annotation.annotateRemcId(g.remcId, &found);
            if (!found)
                continue;
            g.chrom = a.chrom;
            g.tss = a.tss;
            g.strand = a.strand;
            ++placed;
        }
        if (placed > 0)
            printLine(QStringLiteral("%1 genes placed with %2").arg(placed).arg(annotation.source()));
    }

    TrackImporter importer(std::move(genes));
    importer.setTrackName(p.value(QStringLiteral("name")));
    const TrackImportResult result =
        importer.importFile(format, p.value(QStringLiteral("file")), terminalProgress());
    if (!result.ok)
        return fail(cmd, result.error);
    for (const QString& w : result.warnings)
        QTextStream(stderr) << "attentivechrome-cli " << cmd << ": warning: " << w << '\n';

    std::unique_ptr<StudyEditor> editor = StudyEditor::begin(studyPath, &error);
    if (!editor || !editor->writeTrack(cellName, result.track, &error) || !editor->commit(&error))
        return fail(cmd, error);
    printLine(QStringLiteral("%1: track %2 of cell %3: %4 genes, %5 missing (NaN)")
                  .arg(studyPath, result.track.name, cellName)
                  .arg(cell.geneCount())
                  .arg(result.missingGenes));
    return 0;
}

} // namespace ac::cli
