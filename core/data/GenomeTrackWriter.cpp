#include "data/GenomeTrackWriter.h"

#include "data/BigWigWriter.h"
#include "data/TrackBinner.h"
#include "data/TrackImporter.h"
#include "domain/GeneLocus.h"
#include "domain/GenomeAssembly.h"
#include "domain/ReplaceFile.h"

#include <QFile>
#include <QSaveFile>
#include <QSet>

#include <algorithm>
#include <charconv>
#include <cmath>

namespace ac
{

struct GenomeTrackWriter::Window {
    std::int64_t start = 0; ///< 0-based, unclipped
    std::int64_t end = 0;
    std::int64_t tss = 0; ///< 0-based position of the TSS base
    int gene = 0;
    bool minus = false;
};

namespace
{

/// Appends [start, end) with `value`, merged into the last interval when they touch and agree.
void appendInterval(std::vector<GenomeTrackWriter::Interval>* out, std::int64_t start,
                    std::int64_t end, float value)
{
    if (std::isnan(value) || end <= start)
        return;
    if (!out->empty() && out->back().end == start && out->back().value == value) {
        out->back().end = end;
        return;
    }
    out->push_back({start, end, value});
}

QString quoted(QString text)
{
    return QLatin1Char('"') + text.replace(QLatin1Char('"'), QLatin1Char('\'')) + QLatin1Char('"');
}

bool writeBedGraph(const QString& path, const std::vector<GenomeTrackWriter::Chromosome>& chroms,
                   const QString& name, const QString& description, QString* error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("%1: cannot write: %2").arg(path, file.errorString());
        return false;
    }
    file.write(QStringLiteral("track type=bedGraph name=%1 description=%2\n")
                   .arg(quoted(name), quoted(description))
                   .toUtf8());
    QByteArray buffer;
    char number[32];
    for (const GenomeTrackWriter::Chromosome& c : chroms) {
        const QByteArray chrom = c.name.toUtf8();
        for (const GenomeTrackWriter::Interval& i : c.intervals) {
            // Shortest text that reads back as the same float.
            const auto r = std::to_chars(number, number + sizeof number, i.value);
            buffer += chrom + '\t' + QByteArray::number(i.start) + '\t' +
                      QByteArray::number(i.end) + '\t' +
                      QByteArray(number, static_cast<int>(r.ptr - number)) + '\n';
            if (buffer.size() > (1 << 20)) {
                file.write(buffer);
                buffer.clear();
            }
        }
    }
    file.write(buffer);
    if (!file.commit()) {
        *error = QStringLiteral("%1: cannot write: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

bool writeBigWigTo(const QString& path, const std::vector<GenomeTrackWriter::Chromosome>& chroms,
                   QString* error)
{
    std::vector<BigWigWriter::Chromosome> header;
    for (const GenomeTrackWriter::Chromosome& c : chroms)
        header.push_back({c.name.toUtf8(), static_cast<std::uint32_t>(c.length)});
    const std::unique_ptr<BigWigWriter> writer = BigWigWriter::create(path, header, error);
    if (!writer)
        return false;
    for (const GenomeTrackWriter::Chromosome& c : chroms) {
        std::vector<std::uint32_t> starts, ends;
        std::vector<float> values;
        for (const GenomeTrackWriter::Interval& i : c.intervals) {
            starts.push_back(static_cast<std::uint32_t>(i.start));
            ends.push_back(static_cast<std::uint32_t>(i.end));
            values.push_back(i.value);
        }
        if (!writer->add(header[&c - chroms.data()].name, starts, ends, values, error))
            return false;
    }
    return writer->close(error);
}

/// BigWigWriter writes straight to its path: write "<path>.part" (created with the usual
/// permissions, unlike a QTemporaryFile's 0600) and rename it.
bool writeBigWig(const QString& path, const std::vector<GenomeTrackWriter::Chromosome>& chroms,
                 QString* error)
{
    const QString temp = path + QStringLiteral(".part");
    if (!writeBigWigTo(temp, chroms, error)) {
        QFile::remove(temp);
        return false;
    }
    return replaceFile(temp, path, error);
}

} // namespace

GenomeTrackWriter::GenomeTrackWriter(std::vector<GeneRecord> genes, const QString& assembly,
                                     int binCount, int binSize, int windowStart)
    : m_genes(std::move(genes)),
      m_assembly(assembly.isEmpty() ? GenomeAssembly::defaultName() : assembly),
      m_binCount(binCount), m_binSize(binSize), m_windowStart(windowStart)
{
}

std::vector<GenomeTrackWriter::Window> GenomeTrackWriter::windows(const QString& normalized) const
{
    std::vector<Window> list;
    for (int g = 0; g < static_cast<int>(m_genes.size()); ++g) {
        const GeneRecord& r = m_genes[static_cast<std::size_t>(g)];
        GeneLocus locus;
        if (TrackBinner::normalizedChromosome(r.chrom) != normalized ||
            !GeneLocus::ofWindow(r, m_binCount, m_binSize, m_windowStart, &locus))
            continue;
        Window w;
        w.gene = g;
        w.minus = r.strand == '-';
        w.tss = r.tss - 1;
        w.start = locus.start;
        w.end = locus.end;
        list.push_back(w);
    }
    std::sort(list.begin(), list.end(),
              [](const Window& a, const Window& b) { return a.start < b.start; });
    return list;
}

void GenomeTrackWriter::placeChromosome(const std::vector<Window>& list,
                                        const std::vector<float>& values, Chromosome* out) const
{
    std::vector<std::int64_t> cuts;
    for (const Window& w : list)
        for (int k = 0; k <= m_binCount; ++k)
            cuts.push_back(
                std::clamp<std::int64_t>(w.start + std::int64_t(k) * m_binSize, 0, out->length));
    std::sort(cuts.begin(), cuts.end());
    cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
    const auto valueAt = [&](const Window& w, std::int64_t x) {
        const int k = static_cast<int>((x - w.start) / m_binSize);
        const int bin = w.minus ? m_binCount - 1 - k : k;
        return values[static_cast<std::size_t>(w.gene) * m_binCount + bin];
    };
    // Nearer TSS first, then the smaller TSS, then the earlier gene.
    const auto beats = [](const Window& a, const Window& b, std::int64_t x) {
        const std::int64_t da = std::abs(x - a.tss), db = std::abs(x - b.tss);
        return da != db ? da < db : a.tss != b.tss ? a.tss < b.tss : a.gene < b.gene;
    };
    std::vector<const Window*> active;
    std::size_t next = 0;
    for (std::size_t i = 0; i + 1 < cuts.size(); ++i) {
        const std::int64_t a = cuts[i], b = cuts[i + 1];
        while (next < list.size() && list[next].start <= a)
            active.push_back(&list[next++]);
        active.erase(std::remove_if(active.begin(), active.end(),
                                    [a](const Window* w) { return w->end <= a; }),
                     active.end());
        // Within [a, b) the covering windows are fixed; the nearest TSS changes only half-way
        // between two of them.
        for (std::int64_t x = a; x < b;) {
            const Window* winner = active.empty() ? nullptr : active.front();
            for (const Window* w : active)
                if (beats(*w, *winner, x))
                    winner = w;
            if (!winner)
                break;
            std::int64_t until = b;
            for (const Window* w : active)
                if (w->tss > winner->tss)
                    until = std::min(until, (winner->tss + w->tss) / 2 + 1);
            appendInterval(&out->intervals, x, until, valueAt(*winner, x));
            x = until;
        }
    }
}

std::vector<GenomeTrackWriter::Chromosome>
GenomeTrackWriter::place(const std::vector<float>& values, QStringList* warnings) const
{
    std::vector<Chromosome> out;
    QSet<QString> placed;
    int placedGenes = 0;
    for (const GenomeAssembly::Chromosome& c : GenomeAssembly::chromosomeLengths(m_assembly)) {
        Chromosome chrom;
        chrom.name = c.name;
        chrom.length = c.length;
        const QString normalized = TrackBinner::normalizedChromosome(c.name);
        const std::vector<Window> list = windows(normalized);
        placeChromosome(list, values, &chrom);
        placedGenes += static_cast<int>(list.size());
        placed.insert(normalized);
        out.push_back(std::move(chrom));
    }
    int withoutLocus = 0;
    QStringList elsewhere;
    GeneLocus locus;
    for (const GeneRecord& g : m_genes) {
        if (!GeneLocus::ofWindow(g, m_binCount, m_binSize, m_windowStart, &locus))
            ++withoutLocus;
        else if (!placed.contains(TrackBinner::normalizedChromosome(g.chrom)) &&
                 !elsewhere.contains(g.chrom))
            elsewhere << g.chrom;
    }
    if (withoutLocus > 0)
        *warnings << QStringLiteral("%1 genes have no locus (chromosome, TSS, strand): left out")
                         .arg(withoutLocus);
    const int other = static_cast<int>(m_genes.size()) - withoutLocus - placedGenes;
    if (other > 0)
        *warnings << QStringLiteral("%1 genes on chromosomes %2 does not list (%3): left out")
                         .arg(other)
                         .arg(m_assembly, elsewhere.mid(0, 5).join(QStringLiteral(", ")));
    return out;
}

bool GenomeTrackWriter::checkFileName(const QString& path, QString* error)
{
    TrackFormat format = TrackFormat::BinnedCsv;
    if (path.endsWith(QLatin1String(".gz"), Qt::CaseInsensitive) ||
        !trackFormatFromFileName(path, &format) || format == TrackFormat::BinnedCsv) {
        *error = QStringLiteral("%1: unknown track format (use .bedGraph, .bg, .bw or .bigWig)")
                     .arg(path);
        return false;
    }
    return true;
}

bool GenomeTrackWriter::write(const QString& path, const std::vector<float>& values,
                              const QString& trackName, const QString& description,
                              QStringList* warnings, QString* error) const
{
    if (!checkFileName(path, error))
        return false;
    if (values.size() != m_genes.size() * static_cast<std::size_t>(m_binCount)) {
        *error = QStringLiteral("%1: %2 values for %3 genes × %4 bins")
                     .arg(path)
                     .arg(values.size())
                     .arg(m_genes.size())
                     .arg(m_binCount);
        return false;
    }
    if (GenomeAssembly::chromosomeLengths(m_assembly).empty()) {
        *error = QStringLiteral("%1: unknown genome assembly '%2'").arg(path, m_assembly);
        return false;
    }
    const std::vector<Chromosome> chroms = place(values, warnings);
    TrackFormat format = TrackFormat::BedGraph;
    trackFormatFromFileName(path, &format);
    return format == TrackFormat::BigWig
               ? writeBigWig(path, chroms, error)
               : writeBedGraph(path, chroms, trackName, description, error);
}

} // namespace ac
