#include "data/BigWigTrackReader.h"

#include "data/BigWigFile.h"
#include "data/InputFile.h"
#include "data/PrintableText.h"
#include "data/TrackBinner.h"
#include "data/TrackReaderSupport.h"

#include <QHash>

#include <algorithm>
#include <cmath>

namespace ac
{

namespace
{

/// The gene windows of `windows` clipped to a chromosome of `length` bp.
std::vector<BigWigFile::Region> regions(const std::vector<TrackBinner::Window>& windows,
                                        std::int64_t length)
{
    std::vector<BigWigFile::Region> out;
    out.reserve(windows.size());
    for (const TrackBinner::Window& w : windows)
        out.push_back(
            {std::max<std::int64_t>(0, w.start), std::min(length, w.start + TrackBinner::kWindow)});
    return out;
}

} // namespace

BigWigTrackReader::BigWigTrackReader(const std::vector<GeneRecord>& genes, const QString& trackName)
    : m_genes(genes), m_name(trackName)
{
}

TrackImportResult BigWigTrackReader::read(const QString& path,
                                          const ProgressCallback& progress) const
{
    TrackImportResult result;
    const QString file = trackio::fileName(path);
    BigWigFile bigWig; // checks everything it reads (issue 13, findings 1 and 4)
    if (!checkInputFile(path, &result.error) || !bigWig.open(path, &result.error))
        return result;
    const std::vector<BigWigFile::Chromosome>& chroms = bigWig.chromosomes();
    if (chroms.empty()) {
        result.error = QStringLiteral("%1: the bigWig file lists no chromosome").arg(file);
        return result;
    }
    QStringList fileChroms;
    QHash<QString, int> ids; // by normalised name
    for (std::size_t i = 0; i < chroms.size(); ++i) {
        fileChroms << QString::fromUtf8(chroms[i].name);
        const QString key = TrackBinner::normalizedChromosome(fileChroms.back());
        if (ids.contains(key)) {
            result.error = QStringLiteral("%1: '%2' and '%3' name the same chromosome")
                               .arg(file, printableText(chroms[ids.value(key)].name),
                                    printableText(chroms[i].name));
            return result;
        }
        ids.insert(key, static_cast<int>(i));
    }
    TrackBinner binner(m_genes);
    if (!binner.checkChromosomes(path, fileChroms, &result))
        return result;

    QHash<QString, TrackBinner::Range> ranges;
    const QStringList geneChroms = binner.chromosomes();
    int done = 0;
    for (const QString& key : geneChroms) {
        ++done;
        const auto id = ids.constFind(key);
        // A chromosome listed in the header but without data is missing, not zero.
        if (id == ids.cend() || !bigWig.hasData(*id))
            continue;
        const BigWigFile::Chromosome& c = chroms[*id];
        const std::vector<TrackBinner::Window>& windows = *binner.windows(key);
        const auto add = [&](std::int64_t start, std::int64_t end, float value) {
            if (std::isfinite(value))
                binner.add(windows, start, end, value);
        };
        if (!bigWig.readBlocks(*id, regions(windows, c.length), add, &result.error))
            return result;
        ranges.insert(key, TrackBinner::Range{0, c.length});
        if (progress && !progress({static_cast<double>(done) / geneChroms.size(),
                                   QStringLiteral("%1: %2").arg(file, printableText(c.name))})) {
            result.error = QStringLiteral("%1: import cancelled").arg(file);
            return result;
        }
    }
    binner.finish(path, m_name, ranges, &result);
    return result;
}

bool BigWigTrackReader::chromosomeLengths(const QString& path,
                                          std::vector<GenomeAssembly::Chromosome>* out,
                                          QString* error)
{
    BigWigFile bigWig; // the header is checked before it is used (issue 13, finding 1)
    if (!checkInputFile(path, error) || !bigWig.open(path, error))
        return false;
    out->clear();
    for (const BigWigFile::Chromosome& c : bigWig.chromosomes())
        out->push_back({QString::fromUtf8(c.name), std::int64_t(c.length)});
    return true;
}

} // namespace ac
