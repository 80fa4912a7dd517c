#include "data/BigWigTrackReader.h"

#include "data/BigWigWriter.h"
#include "data/TrackBinner.h"
#include "data/TrackReaderSupport.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QPair>

#include <algorithm>
#include <bigWig.h>
#include <cmath>
#include <memory>

namespace ac
{

namespace
{

using BigWigHandle = std::unique_ptr<bigWigFile_t, void (*)(bigWigFile_t*)>;
/// A chromosome of the file's header: raw name and length, by normalised name.
using ChromosomeTable = QHash<QString, QPair<QByteArray, std::int64_t>>;

/// Opens `path` for reading; null (with `error`) when it is not a readable bigWig file.
BigWigHandle openBigWig(const QString& path, QString* error)
{
    BigWigHandle none(nullptr, bwClose);
    const QFileInfo info(path);
    if (!info.exists() || !info.isFile() || !info.isReadable()) {
        *error = QStringLiteral("%1: cannot open: no readable file").arg(path);
        return none;
    }
    initBigWigLibrary();
    const QByteArray local = QFile::encodeName(path);
    bigWigFile_t* fp = bwOpen(local.constData(), nullptr, "r");
    if (!fp || !fp->cl) {
        if (fp)
            bwClose(fp);
        *error = QStringLiteral("%1: not a readable bigWig file").arg(trackio::fileName(path));
        return none;
    }
    return BigWigHandle(fp, bwClose);
}

/// The header's chromosomes; their raw names, in file order, go to `names`.
ChromosomeTable chromosomes(bigWigFile_t* fp, QStringList* names)
{
    ChromosomeTable table;
    for (std::int64_t i = 0; i < fp->cl->nKeys; ++i) {
        const QString name = QString::fromUtf8(fp->cl->chrom[i]);
        *names << name;
        table.insert(TrackBinner::normalizedChromosome(name),
                     {QByteArray(fp->cl->chrom[i]), static_cast<std::int64_t>(fp->cl->len[i])});
    }
    return table;
}

/// True when the file has any interval on chromosome `raw` of `length` bp.
bool hasData(bigWigFile_t* fp, const char* raw, std::int64_t length)
{
    bwOverlapIterator_t* it =
        bwOverlappingIntervalsIterator(fp, raw, 0, static_cast<std::uint32_t>(length), 1);
    const bool any = it && it->intervals && it->intervals->l > 0;
    if (it)
        bwIteratorDestroy(it);
    return any;
}

/// Adds the file's intervals in each of `windows` (on chromosome `raw` of `length` bp).
void binWindows(bigWigFile_t* fp, const char* raw, std::int64_t length,
                const std::vector<TrackBinner::Window>& windows, TrackBinner& binner)
{
    for (const TrackBinner::Window& w : windows) {
        const std::int64_t s = std::max<std::int64_t>(0, w.start);
        const std::int64_t e = std::min(length, w.start + TrackBinner::kWindow);
        if (s >= e)
            continue;
        bwOverlappingIntervals_t* o = bwGetOverlappingIntervals(
            fp, raw, static_cast<std::uint32_t>(s), static_cast<std::uint32_t>(e));
        if (!o)
            continue;
        for (std::uint32_t i = 0; i < o->l; ++i)
            if (std::isfinite(o->value[i]))
                binner.addToWindow(w, o->start[i], o->end[i], o->value[i]);
        bwDestroyOverlappingIntervals(o);
    }
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
    const BigWigHandle fp = openBigWig(path, &result.error);
    if (!fp)
        return result;
    TrackBinner binner(m_genes);
    QStringList fileChroms;
    const ChromosomeTable chroms = chromosomes(fp.get(), &fileChroms);
    const QString file = trackio::fileName(path);
    if (fileChroms.isEmpty()) {
        result.error = QStringLiteral("%1: the bigWig file lists no chromosome").arg(file);
        return result;
    }
    if (!binner.checkChromosomes(path, fileChroms, &result))
        return result;

    QHash<QString, TrackBinner::Range> ranges;
    const QStringList geneChroms = binner.chromosomes();
    int done = 0;
    for (const QString& key : geneChroms) {
        ++done;
        const auto c = chroms.constFind(key);
        if (c == chroms.cend())
            continue;
        const char* raw = c->first.constData();
        // A chromosome listed in the header but without data is missing, not zero.
        if (!hasData(fp.get(), raw, c->second))
            continue;
        ranges.insert(key, TrackBinner::Range{0, c->second});
        binWindows(fp.get(), raw, c->second, *binner.windows(key), binner);
        if (progress && !progress({static_cast<double>(done) / geneChroms.size(),
                                   QStringLiteral("%1: %2").arg(file, QString::fromUtf8(raw))})) {
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
    const BigWigHandle fp = openBigWig(path, error);
    if (!fp)
        return false;
    out->clear();
    for (std::int64_t i = 0; i < fp->cl->nKeys; ++i)
        out->push_back({QString::fromUtf8(fp->cl->chrom[i]), std::int64_t(fp->cl->len[i])});
    return true;
}

} // namespace ac
