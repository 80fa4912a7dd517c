#include "data/BigWigTrackReader.h"

#include "data/BigWigStructure.h"
#include "data/BigWigWriter.h"
#include "data/InputFile.h"
#include "data/PrintableText.h"
#include "data/TrackBinner.h"
#include "data/TrackReaderSupport.h"

#include <QFile>
#include <QHash>

#include <algorithm>
#include <bigWig.h>
#include <cmath>
#include <memory>

namespace ac
{

namespace
{

using BigWigHandle = std::unique_ptr<bigWigFile_t, void (*)(bigWigFile_t*)>;

/// Opens `path` for reading after `structure` has checked it; null (with `error`) on failure.
BigWigHandle openBigWig(const QString& path, QString* error)
{
    initBigWigLibrary();
    const QByteArray local = QFile::encodeName(path);
    bigWigFile_t* fp = bwOpen(local.constData(), nullptr, "r");
    if (!fp || !fp->cl) {
        if (fp)
            bwClose(fp);
        *error = QStringLiteral("%1: not a readable bigWig file").arg(trackio::fileName(path));
        return BigWigHandle(nullptr, bwClose);
    }
    return BigWigHandle(fp, bwClose);
}

/// The gene windows of `windows` clipped to a chromosome of `length` bp.
std::vector<BigWigStructure::Region> regions(const std::vector<TrackBinner::Window>& windows,
                                             std::int64_t length)
{
    std::vector<BigWigStructure::Region> out;
    out.reserve(windows.size());
    for (const TrackBinner::Window& w : windows)
        out.push_back(
            {std::max<std::int64_t>(0, w.start), std::min(length, w.start + TrackBinner::kWindow)});
    return out;
}

/// Adds the file's intervals in each of `windows` (on chromosome `raw` of `length` bp), which
/// `structure` has checked. False with `error` (naming the file and region) when libBigWig cannot
/// read one: the import fails rather than lose that window's coverage.
bool binWindows(bigWigFile_t* fp, const char* raw, std::int64_t length,
                const std::vector<TrackBinner::Window>& windows, TrackBinner& binner,
                const QString& file, QString* error)
{
    for (const TrackBinner::Window& w : windows) {
        const std::int64_t s = std::max<std::int64_t>(0, w.start);
        const std::int64_t e = std::min(length, w.start + TrackBinner::kWindow);
        if (s >= e)
            continue;
        bwOverlappingIntervals_t* o = bwGetOverlappingIntervals(
            fp, raw, static_cast<std::uint32_t>(s), static_cast<std::uint32_t>(e));
        if (!o) {
            *error = QStringLiteral("%1: %2:%3-%4: the data could not be read (the file is "
                                    "damaged)")
                         .arg(file, printableText(QByteArray(raw)))
                         .arg(s + 1)
                         .arg(e);
            return false;
        }
        for (std::uint32_t i = 0; i < o->l; ++i)
            if (std::isfinite(o->value[i]))
                binner.addToWindow(w, o->start[i], o->end[i], o->value[i]);
        bwDestroyOverlappingIntervals(o);
    }
    return true;
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
    // libBigWig trusts every offset it reads: the structure is checked first (issue 13).
    BigWigStructure structure;
    if (!checkInputFile(path, &result.error) || !structure.open(path, &result.error))
        return result;
    const std::vector<BigWigStructure::Chromosome>& chroms = structure.chromosomes();
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
    const BigWigHandle fp = openBigWig(path, &result.error);
    if (!fp)
        return result;

    QHash<QString, TrackBinner::Range> ranges;
    const QStringList geneChroms = binner.chromosomes();
    int done = 0;
    for (const QString& key : geneChroms) {
        ++done;
        const auto id = ids.constFind(key);
        // A chromosome listed in the header but without data is missing, not zero.
        if (id == ids.cend() || !structure.hasData(*id))
            continue;
        const BigWigStructure::Chromosome& c = chroms[*id];
        const std::vector<TrackBinner::Window>& windows = *binner.windows(key);
        if (!structure.checkBlocks(*id, regions(windows, c.length), &result.error) ||
            !binWindows(fp.get(), c.name.constData(), c.length, windows, binner, file,
                        &result.error))
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

} // namespace ac
