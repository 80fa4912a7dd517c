// attentivechrome-cli heatmap: the all-genes heatmap of one mark (α, signal, track) of a run,
// sorted, grouped or clustered, written as a deepTools computeMatrix file and/or drawn as a
// figure (issue 15).
#include "CliCommand.h"
#include "CliSupport.h"
#include "FigureOptions.h"
#include "HeatmapFigure.h"
#include "RunOptions.h"
#include "data/GeneListFile.h"

#include "interpret/ComputeMatrixFile.h"
#include "interpret/GeneHeatmap.h"

#include <QElapsedTimer>
#include <QFileInfo>

namespace ac::cli
{

namespace
{

void addHeatmapOptions(QCommandLineParser& p)
{
    addStoredRunOptions(p);
    p.addOption({QStringLiteral("mark"),
                 QStringLiteral("Mark whose α and signal are drawn, by name (default H3K4me3)."),
                 QStringLiteral("MARK"), QStringLiteral("H3K4me3")});
    p.addOption({QStringLiteral("track"),
                 QStringLiteral("Track shown beside them (default H3K27ac when the cell has it, "
                                "else its first track); 'none' for no track."),
                 QStringLiteral("NAME")});
    p.addOption({QStringLiteral("sort"),
                 QStringLiteral("Row order within each group, highest first: p (p(high), "
                                "default), tss-alpha (α mass within --tss-bins of the TSS), track "
                                "(track mean there)."),
                 QStringLiteral("KEY"), QStringLiteral("p")});
    p.addOption({QStringLiteral("group"),
                 QStringLiteral("Groups: none (default), label (true label), prediction "
                                "(p ≥ 0.5), list (the genes of --genes, then the others), "
                                "clusters (k-means of the α profiles, --clusters)."),
                 QStringLiteral("BY"), QStringLiteral("none")});
    p.addOption({QStringLiteral("genes"),
                 QStringLiteral("Gene-list file for --group list: symbols, Ensembl or REMC ids "
                                "one a line, or a BED of TSSs."),
                 QStringLiteral("FILE")});
    p.addOption({QStringLiteral("clusters"),
                 QStringLiteral("k of --group clusters: how many clusters (default 3)."),
                 QStringLiteral("K"), QStringLiteral("3")});
    p.addOption({QStringLiteral("seed"), QStringLiteral("Seed of the k-means++ start (default 1)."),
                 QStringLiteral("N"), QStringLiteral("1")});
    p.addOption({QStringLiteral("tss-bins"),
                 QStringLiteral("Half-width of the TSS window in bins (default 5: ±500 bp)."),
                 QStringLiteral("N"), QStringLiteral("5")});
    p.addOption({QStringLiteral("out"),
                 QStringLiteral("Matrix in deepTools computeMatrix format: FILE.gz gzip-compressed "
                                "(what plotHeatmap -m reads), any other name plain text."),
                 QStringLiteral("FILE")});
    p.addOption({QStringLiteral("figure"),
                 QStringLiteral("Also draw the heatmap as the Heatmap tab shows it: FILE.png, "
                                ".svg or .pdf (size: --width, --height, --font-size, --dpi)."),
                 QStringLiteral("FILE")});
    addFigureSizeOptions(p, HeatmapFigure::defaultSize());
    p.addOption({QStringLiteral("timing"),
                 QStringLiteral("Print how long building and laying out the heatmap took.")});
}

/// The layout options of the command line; false with `error` on a bad value. The gene-list
/// grouping's membership mask is read later, with the cell (readMembership()).
bool readHeatmapOptions(const QCommandLineParser& p, HeatmapOptions* o, QString* error)
{
    const QString sort = p.value(QStringLiteral("sort")), group = p.value(QStringLiteral("group"));
    if (!parseHeatmapSort(sort, &o->sort)) {
        *error = QStringLiteral("--sort must be p, tss-alpha or track, not '%1'").arg(sort);
        return false;
    }
    if (!parseHeatmapGrouping(group, &o->grouping)) {
        *error =
            QStringLiteral("--group must be none, label, prediction, list or clusters, not '%1'")
                .arg(group);
        return false;
    }
    if ((o->grouping == HeatmapGrouping::Membership) != p.isSet(QStringLiteral("genes"))) {
        *error = QStringLiteral("--group list and --genes FILE go together");
        return false;
    }
    int seed = 1;
    if (!intOption(p, QStringLiteral("clusters"), 1, 20, &o->clusters, error) ||
        !intOption(p, QStringLiteral("tss-bins"), 1, 1000, &o->tssBins, error) ||
        !intOption(p, QStringLiteral("seed"), 0, 2147483647, &seed, error))
        return false;
    o->seed = std::uint64_t(seed);
    return true;
}

/// The track to show: --track, else H3K27ac, else the cell's first; none for --track none.
bool readChosenTrack(const QCommandLineParser& p, const OpenedRun& r, TrackData* track,
                     QString* error)
{
    const QStringList names = r.study->trackNames(r.cell.name);
    QString name = p.value(QStringLiteral("track"));
    if (name == QLatin1String("none"))
        return true;
    if (name.isEmpty())
        name =
            names.contains(QStringLiteral("H3K27ac")) ? QStringLiteral("H3K27ac") : names.value(0);
    else if (!names.contains(name)) {
        *error =
            QStringLiteral("%1: cell %2 has no track '%3' (it has: %4)")
                .arg(r.study->path(), r.cell.name, name,
                     names.isEmpty() ? QStringLiteral("none") : names.join(QStringLiteral(", ")));
        return false;
    }
    return name.isEmpty() || r.study->readTrack(r.cell.name, name, track, error);
}

/// --genes as the membership mask of the cell's genes (its file name names the group).
bool readMembership(const QCommandLineParser& p, const CellData& cell, HeatmapOptions* o,
                    QString* error)
{
    if (!p.isSet(QStringLiteral("genes")))
        return true;
    const QString path = p.value(QStringLiteral("genes"));
    std::vector<int> listed;
    if (!readGeneList(QStringLiteral("heatmap"), path, cell.genes, &listed, error))
        return false;
    o->membership = GeneListFile::mask(listed, cell.genes.size());
    o->membershipName = QFileInfo(path).fileName();
    return true;
}

/// What the command writes: the matrix (--out), the figure (--figure, its format from its name)
/// and the figure's size.
struct Outputs {
    QString matrix;
    QString figure;
    QString format;
    FigureSize size;
};

/// --out and --figure (at least one; a figure named .png, .svg or .pdf) and the figure's size;
/// false with `error`.
bool readOutputs(const QCommandLineParser& p, Outputs* out, QString* error)
{
    out->matrix = p.value(QStringLiteral("out"));
    out->figure = p.value(QStringLiteral("figure"));
    out->format = QFileInfo(out->figure).suffix().toLower();
    if (out->matrix.isEmpty() && out->figure.isEmpty()) {
        *error = QStringLiteral("--out FILE (the matrix) or --figure FILE is required");
        return false;
    }
    if (!out->figure.isEmpty() && out->format != QLatin1String("png") &&
        out->format != QLatin1String("svg") && out->format != QLatin1String("pdf")) {
        *error =
            QStringLiteral("--figure %1: the name must end in .png, .svg or .pdf").arg(out->figure);
        return false;
    }
    return parseFigureSize(p, HeatmapFigure::defaultSize(), &out->size, error);
}

QString describeGroups(const HeatmapLayout& layout)
{
    QStringList parts;
    for (const HeatmapGroup& g : layout.groups)
        parts << QStringLiteral("%1 (%L2)").arg(g.label).arg(g.genes.size());
    return parts.join(QStringLiteral(", "));
}

} // namespace

int runHeatmap(const QStringList& args)
{
    const QString cmd = QStringLiteral("heatmap");
    QCommandLineParser p;
    addHeatmapOptions(p);
    int code = 0;
    if (!parseArguments(p, cmd,
                        QStringLiteral("Write the all-genes heatmap of one mark of a run (α, "
                                       "signal and a track side by side, rows sorted, grouped or "
                                       "clustered) as a deepTools computeMatrix file (--out), a "
                                       "figure (--figure), or both."),
                        args, &code))
        return code;
    QString error, which;
    int threads = 0;
    HeatmapOptions options;
    Outputs out;
    if (!readOutputs(p, &out, &error) || !readStoredRunOptions(p, &threads, &which, &error) ||
        !readHeatmapOptions(p, &options, &error))
        return fail(cmd, error);
    OpenedRun r;
    TrackData track;
    if (!openStoredRun(p, threads, which, &r, &error) || !readChosenTrack(p, r, &track, &error) ||
        !readMembership(p, r.cell, &options, &error))
        return fail(cmd, error);
    const int mark = r.cell.markNames.indexOf(p.value(QStringLiteral("mark")));
    if (mark < 0)
        return fail(cmd, QStringLiteral("%1: cell %2 has no mark '%3' (it has: %4)")
                             .arg(r.study->path(), r.cell.name, p.value(QStringLiteral("mark")),
                                  r.cell.markNames.join(QStringLiteral(", "))));
    QElapsedTimer clock;
    clock.start();
    GeneHeatmap heatmap;
    HeatmapLayout layout;
    if (!GeneHeatmap::build(r.cell, r.results, track, mark, &heatmap, &error))
        return fail(cmd, QStringLiteral("%1: %2").arg(r.study->path(), error));
    const double buildMs = double(clock.nsecsElapsed()) / 1e6;
    clock.restart();
    if (!heatmap.layout(options, &layout, &error))
        return fail(cmd, QStringLiteral("%1: run %2: %3").arg(r.study->path(), r.run.id, error));
    const double layoutMs = double(clock.nsecsElapsed()) / 1e6;
    if (!out.matrix.isEmpty() && !ComputeMatrixFile::write(out.matrix, heatmap, layout, &error))
        return fail(cmd, error);
    const QString title =
        QStringLiteral("%1 · run %2 · %3 · %4")
            .arg(r.cell.name, r.run.id, heatmap.markName(), heatmapGroupingName(options.grouping));
    if (!out.figure.isEmpty() &&
        !HeatmapFigure::save(heatmap, layout, out.format, out.figure, out.size, title, &error))
        return fail(cmd, error);
    if (p.isSet(QStringLiteral("timing")))
        printLine(QStringLiteral("%L1 genes: build %2 ms, layout (%3, %4) %5 ms")
                      .arg(heatmap.geneCount())
                      .arg(buildMs, 0, 'f', 1)
                      .arg(heatmapSortKey(options.sort), heatmapGroupingKey(options.grouping))
                      .arg(layoutMs, 0, 'f', 1));
    QStringList written;
    for (const QString& file : {out.matrix, out.figure})
        if (!file.isEmpty())
            written << file;
    printLine(QStringLiteral("%1: %L2 genes × %3 panels (%4); groups: %5")
                  .arg(written.join(QStringLiteral(", ")))
                  .arg(heatmap.geneCount())
                  .arg(heatmap.panels().size())
                  .arg([&] {
                      QStringList names;
                      for (const HeatmapPanel& panel : heatmap.panels())
                          names << panel.name;
                      return names.join(QStringLiteral(", "));
                  }())
                  .arg(describeGroups(layout)));
    return 0;
}

} // namespace ac::cli
