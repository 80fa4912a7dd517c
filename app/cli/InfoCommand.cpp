// attentivechrome-cli info: what a study holds (cells, splits, label balance, tracks, runs).
#include "CliCommand.h"
#include "CliSupport.h"

#include "domain/GenomeAssembly.h"
#include "domain/TrackCoverage.h"
#include "store/StudyFile.h"
#include "store/StudyParts.h"

#include <cmath>

namespace ac::cli
{

namespace
{

QString percent(int part, int whole)
{
    return whole > 0 ? QStringLiteral("%1%").arg(100.0 * part / whole, 0, 'f', 1)
                     : QStringLiteral("-");
}

/// Genes, high and low labels per split and over all genes.
void printSplits(const CellData& cell)
{
    printLine(QStringLiteral("  %1 %2 %3 %4 %5")
                  .arg(QStringLiteral("split"), -6)
                  .arg(QStringLiteral("genes"), 7)
                  .arg(QStringLiteral("high (1)"), 9)
                  .arg(QStringLiteral("low (0)"), 8)
                  .arg(QStringLiteral("% high"), 7));
    int genes[4] = {0, 0, 0, 0};
    int high[4] = {0, 0, 0, 0};
    for (int g = 0; g < cell.geneCount(); ++g) {
        const int s = static_cast<int>(cell.splits[std::size_t(g)]);
        const int l = cell.labels[std::size_t(g)] ? 1 : 0;
        ++genes[s];
        high[s] += l;
        ++genes[3];
        high[3] += l;
    }
    for (int s = 0; s < 4; ++s)
        printLine(QStringLiteral("  %1 %2 %3 %4 %5")
                      .arg(s < 3 ? splitName(static_cast<Split>(s)) : QStringLiteral("all"), -6)
                      .arg(genes[s], 7)
                      .arg(high[s], 9)
                      .arg(genes[s] - high[s], 8)
                      .arg(percent(high[s], genes[s]), 7));
}

/// One line per track of the cell: bins, genes covered, source.
bool printTracks(const StudyFile& study, const QString& name, QString* error)
{
    const QStringList tracks = study.trackNames(name);
    if (tracks.isEmpty())
        printLine(QStringLiteral("  tracks: none"));
    for (const QString& t : tracks) {
        TrackData track;
        if (!study.readTrack(name, t, &track, error))
            return false;
        printLine(QStringLiteral("  track %1%2: %3 bins, %4, from %5")
                      .arg(t, track.assembly.isEmpty()
                                  ? QString()
                                  : QStringLiteral(" (%1)").arg(track.assembly))
                      .arg(track.binCount)
                      .arg(TrackCoverage::of(track).summary())
                      .arg(track.source.isEmpty() ? QStringLiteral("(unknown)") : track.source));
    }
    return true;
}

/// One line per run of the cell: status, epochs, best epoch and its test AUROC.
bool printRuns(const StudyFile& study, const QString& cell, QString* error)
{
    const QStringList runs = study.runIds(cell);
    if (runs.isEmpty())
        printLine(QStringLiteral("  runs: none"));
    for (const QString& id : runs) {
        RunRecord run;
        if (!study.readRun(id, &run, error))
            return false;
        QString auroc = QStringLiteral("-");
        if (const auto best = run.bestMetrics(); best && !std::isnan(best->testAuroc))
            auroc = QString::number(best->testAuroc, 'f', 4);
        QString notes = study.hasResults(id) ? QStringLiteral(", results cached") : QString();
        if (run.interrupted)
            notes += QStringLiteral(" (its training was killed; continue it with train --resume)");
        if (run.stale)
            notes += QStringLiteral(" (the cell was imported again since: its numbers belong to "
                                    "the old data)");
        printLine(QStringLiteral("  run %1: %2, %3 epochs, best epoch %4, test AUROC %5%6")
                      .arg(id, run.statusText())
                      .arg(run.epochs.size())
                      .arg(run.bestEpoch)
                      .arg(auroc, notes));
    }
    return true;
}

/// Everything about one cell type: genes, marks, bins, splits, annotation, tracks and runs.
bool printCell(const StudyFile& study, const QString& name, QString* error)
{
    CellData cell;
    if (!study.readCellIndex(name, &cell, error))
        return false;
    printLine(QString());
    printLine(QStringLiteral("cell %1: %2 genes").arg(name).arg(cell.geneCount()));
    printLine(QStringLiteral("  marks: %1").arg(cell.markNames.join(QStringLiteral(", "))));
    const int windowEnd = cell.windowStart + cell.binCount * cell.binSize;
    printLine(QStringLiteral("  bins: %1 × %2 bp, TSS%3 .. TSS+%4 bp")
                  .arg(cell.binCount)
                  .arg(cell.binSize)
                  .arg(cell.windowStart)
                  .arg(windowEnd));
    printLine(cell.assembly.isEmpty()
                  ? QStringLiteral("  genome assembly: not recorded (an older study): %1 assumed")
                        .arg(GenomeAssembly::defaultName())
                  : QStringLiteral("  genome assembly: %1").arg(cell.assembly));
    printSplits(cell);
    int withSymbol = 0;
    int withEnsembl = 0;
    for (const GeneRecord& g : cell.genes) {
        withSymbol += g.symbol.isEmpty() ? 0 : 1;
        withEnsembl += g.ensemblId.isEmpty() ? 0 : 1;
    }
    printLine(QStringLiteral("  genes with Ensembl id: %1, with symbol and locus: %2")
                  .arg(withEnsembl)
                  .arg(withSymbol));
    return printTracks(study, name, error) && printRuns(study, name, error);
}

} // namespace

int runInfo(const QStringList& args)
{
    const QString cmd = QStringLiteral("info");
    QCommandLineParser p;
    p.addPositionalArgument(QStringLiteral("study"), QStringLiteral("Study file (.h5)."));
    p.addOption({QStringLiteral("study"),
                 QStringLiteral("Study file (instead of the positional argument)."),
                 QStringLiteral("FILE")});
    p.addOption({QStringLiteral("cell"), QStringLiteral("Describe only this cell type."),
                 QStringLiteral("CELL")});
    int code = 0;
    if (!parseArguments(p, cmd,
                        QStringLiteral("Describe a study: cell types, genes per split, "
                                       "label balance, marks, bins, tracks and runs."),
                        args, &code))
        return code;
    QString path = p.value(QStringLiteral("study"));
    if (path.isEmpty() && p.positionalArguments().size() == 1)
        path = p.positionalArguments().first();
    if (path.isEmpty() || p.positionalArguments().size() > 1)
        return fail(cmd, QStringLiteral("expected one study file (see --help)"));

    QString error;
    const std::unique_ptr<StudyFile> study = StudyFile::open(path, &error);
    if (!study)
        return fail(cmd, error);
    QStringList cells = study->cellNames();
    if (p.isSet(QStringLiteral("cell"))) {
        const QString wanted = p.value(QStringLiteral("cell"));
        if (!cells.contains(wanted))
            return fail(cmd, QStringLiteral("%1: no cell type %2 (the study has: %3)")
                                 .arg(path, wanted, cells.join(QStringLiteral(", "))));
        cells = QStringList{wanted};
    }

    printLine(QStringLiteral("study: %1").arg(path));
    printLine(QStringLiteral("file format version: %1 (%2)")
                  .arg(study->formatVersion())
                  .arg(study->isPacked() ? QStringLiteral("packed: one file")
                                         : QStringLiteral("unpacked: an index and the folder %1")
                                               .arg(StudyParts::folderName(path))));
    printLine(
        QStringLiteral("cell types: %1%2")
            .arg(study->cellNames().size())
            .arg(study->cellNames().isEmpty()
                     ? QString()
                     : QStringLiteral(" (%1)").arg(study->cellNames().join(QStringLiteral(", ")))));
    for (const QString& name : cells)
        if (!printCell(*study, name, &error))
            return fail(cmd, error);
    return 0;
}

} // namespace ac::cli
