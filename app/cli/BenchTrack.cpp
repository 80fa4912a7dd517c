// attentivechrome-cli bench track: bigWig and bedGraph import speed for a full gene set.
#include "CliCommand.h"
#include "CliSupport.h"

#include "data/BigWigWriter.h"
#include "data/GeneAnnotation.h"
#include "data/TrackImporter.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QTemporaryDir>

#include <algorithm>
#include <cmath>
#include <map>

namespace ac::cli
{

namespace
{

/// One chromosome's covered regions, merged, as 0-based half-open [start, end) pairs.
using Regions = std::vector<std::pair<std::uint32_t, std::uint32_t>>;

/// The regions within `flank` bp of each gene's TSS, per chromosome (sorted by name).
std::map<QByteArray, Regions> coveredRegions(const std::vector<GeneRecord>& genes, int flank)
{
    std::map<QByteArray, Regions> raw;
    for (const GeneRecord& g : genes) {
        const std::int64_t start = std::max<std::int64_t>(0, g.tss - 1 - flank);
        raw[g.chrom.toLatin1()].push_back(
            {static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(g.tss - 1 + flank)});
    }
    for (auto& [chrom, regions] : raw) {
        std::sort(regions.begin(), regions.end());
        Regions merged;
        for (const auto& r : regions)
            if (!merged.empty() && r.first <= merged.back().second)
                merged.back().second = std::max(merged.back().second, r.second);
            else
                merged.push_back(r);
        regions = std::move(merged);
    }
    return raw;
}

/// A smooth, deterministic signal (peaks every few kb) so values vary as real coverage does.
float signal(std::uint32_t position)
{
    return static_cast<float>(2.0 + 20.0 * std::pow(std::sin(position * 1e-3), 8));
}

/// The first `count` genes of `annotation` with a locus.
std::vector<GeneRecord> benchGenes(const GeneAnnotation& annotation, int count)
{
    std::vector<GeneRecord> genes;
    for (const GeneRecord& g : annotation.genes()) {
        if (int(genes.size()) == count)
            break;
        if (!g.chrom.isEmpty() && g.tss > 0 && g.strand != '.')
            genes.push_back(g);
    }
    return genes;
}

/// Writes the signal over `regions` in intervals of `step` bp as bigWig and as bedGraph;
/// counts the intervals written per format in `intervals`.
bool writeTracks(const std::map<QByteArray, Regions>& regions, int step, const QString& bigWigPath,
                 const QString& bedGraphPath, std::int64_t* intervals, QString* error)
{
    std::vector<BigWigWriter::Chromosome> chroms;
    for (const auto& [chrom, r] : regions)
        chroms.push_back({chrom, r.back().second + 1});
    const std::unique_ptr<BigWigWriter> writer = BigWigWriter::create(bigWigPath, chroms, error);
    if (!writer)
        return false;
    QFile bedGraph(bedGraphPath);
    const QString cannotWrite = QStringLiteral("%1: cannot write: %2");
    if (!bedGraph.open(QIODevice::WriteOnly)) {
        *error = cannotWrite.arg(bedGraphPath, bedGraph.errorString());
        return false;
    }
    for (const auto& [chrom, r] : regions) {
        std::vector<std::uint32_t> starts;
        std::vector<std::uint32_t> ends;
        std::vector<float> values;
        QByteArray text;
        for (const auto& [from, to] : r)
            for (std::uint32_t s = from; s < to; s += static_cast<std::uint32_t>(step)) {
                const std::uint32_t e = std::min(to, s + static_cast<std::uint32_t>(step));
                const float v = signal(s);
                starts.push_back(s);
                ends.push_back(e);
                values.push_back(v);
                text += chrom + '\t' + QByteArray::number(s) + '\t' + QByteArray::number(e) + '\t' +
                        QByteArray::number(v, 'g', 6) + '\n';
            }
        *intervals += static_cast<std::int64_t>(starts.size());
        if (!writer->add(chrom, starts, ends, values, error))
            return false;
        if (bedGraph.write(text) != text.size()) {
            *error = cannotWrite.arg(bedGraphPath, bedGraph.errorString());
            return false;
        }
    }
    return writer->close(error);
}

/// Imports `path` (`mb` MB) as `format` and prints the speed; false with `error` on failure.
bool timeImport(const TrackImporter& importer, TrackFormat format, const QString& path, double mb,
                std::size_t genes, QString* error)
{
    QElapsedTimer timer;
    timer.start();
    const TrackImportResult result = importer.importFile(format, path);
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    if (!result.ok) {
        *error = result.error;
        return false;
    }
    printLine(QStringLiteral("%1 import: %2 genes binned in %3 s (%4 MB/s of file, %5 "
                             "genes/s), %6 genes missing")
                  .arg(format == TrackFormat::BigWig ? QStringLiteral("bigWig")
                                                     : QStringLiteral("bedGraph"))
                  .arg(genes)
                  .arg(seconds, 0, 'f', 2)
                  .arg(mb / seconds, 0, 'f', 1)
                  .arg(double(genes) / seconds, 0, 'f', 0)
                  .arg(result.missingGenes));
    return true;
}

} // namespace

int runBenchTrack(const QStringList& args)
{
    const QString cmd = QStringLiteral("bench track");
    QCommandLineParser p;
    p.addOption({QStringLiteral("genes"),
                 QStringLiteral("Annotated genes to bin (default 19802, a full REMC cell type)."),
                 QStringLiteral("N"), QStringLiteral("19802")});
    p.addOption({QStringLiteral("step"),
                 QStringLiteral("Interval width in bp of the written track (default 25, as "
                                "ENCODE/Roadmap signal tracks)."),
                 QStringLiteral("BP"), QStringLiteral("25")});
    p.addOption({QStringLiteral("flank"),
                 QStringLiteral("Signal written within this many bp of every TSS (default 20000)."),
                 QStringLiteral("BP"), QStringLiteral("20000")});
    int code = 0;
    if (!parseArguments(p, cmd,
                        QStringLiteral("Write a signal track covering every gene of the bundled "
                                       "hg19 annotation as bigWig and bedGraph to a temporary "
                                       "folder, then time importing each (binning to 100 bins "
                                       "per gene) and print the speed."),
                        args, &code))
        return code;
    bool okGenes = false;
    bool okStep = false;
    bool okFlank = false;
    const int geneCount = p.value(QStringLiteral("genes")).toInt(&okGenes);
    const int step = p.value(QStringLiteral("step")).toInt(&okStep);
    const int flank = p.value(QStringLiteral("flank")).toInt(&okFlank);
    if (!okGenes || geneCount < 1)
        return fail(cmd, QStringLiteral("--genes must be a positive number"));
    if (!okStep || step < 1 || step > 10000)
        return fail(cmd, QStringLiteral("--step must be between 1 and 10000"));
    if (!okFlank || flank < 5000 || flank > 1000000)
        return fail(cmd, QStringLiteral("--flank must be between 5000 and 1000000"));

    QString error;
    GeneAnnotation annotation;
    if (!annotation.loadBundled(&error))
        return fail(cmd, error);
    const std::vector<GeneRecord> genes = benchGenes(annotation, geneCount);
    const std::map<QByteArray, Regions> regions = coveredRegions(genes, flank);

    QTemporaryDir tmp;
    if (!tmp.isValid())
        return fail(cmd,
                    QStringLiteral("cannot create a temporary folder: %1").arg(tmp.errorString()));
    const QString bigWigPath = tmp.filePath(QStringLiteral("track.bw"));
    const QString bedGraphPath = tmp.filePath(QStringLiteral("track.bedGraph"));
    QElapsedTimer timer;
    timer.start();
    std::int64_t intervals = 0;
    if (!writeTracks(regions, step, bigWigPath, bedGraphPath, &intervals, &error))
        return fail(cmd, error);
    const double writeSeconds = double(timer.nsecsElapsed()) / 1e9;
    const double bigWigMb = double(QFileInfo(bigWigPath).size()) / 1e6;
    const double bedGraphMb = double(QFileInfo(bedGraphPath).size()) / 1e6;
    printLine(QStringLiteral("track: %1 genes on %2 chromosomes, %3 M intervals of %4 bp within "
                             "%5 kb of each TSS; bigWig %6 MB, bedGraph %7 MB (written in %8 s)")
                  .arg(genes.size())
                  .arg(regions.size())
                  .arg(double(intervals) / 1e6, 0, 'f', 2)
                  .arg(step)
                  .arg(flank / 1000)
                  .arg(bigWigMb, 0, 'f', 1)
                  .arg(bedGraphMb, 0, 'f', 1)
                  .arg(writeSeconds, 0, 'f', 1));

    const TrackImporter importer(genes);
    if (!timeImport(importer, TrackFormat::BigWig, bigWigPath, bigWigMb, genes.size(), &error) ||
        !timeImport(importer, TrackFormat::BedGraph, bedGraphPath, bedGraphMb, genes.size(),
                    &error))
        return fail(cmd, error);
    return 0;
}

} // namespace ac::cli
