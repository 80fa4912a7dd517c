#include "data/BigWigFile.h"

#include "data/PrintableText.h"
#include "data/TrackReaderSupport.h"

#include <QFileInfo>
#include <QtEndian>

#include <algorithm>
#include <cstring>
#include <zlib.h>

namespace ac
{

namespace
{

constexpr std::uint32_t kBigWigMagic = 0x888FFC26;
constexpr std::uint32_t kBigBedMagic = 0x8789F2EB;
constexpr std::uint32_t kTreeMagic = 0x78CA8C91;
constexpr std::uint32_t kIndexMagic = 0x2468ACE0;
constexpr std::uint64_t kHeaderSize = 64;
constexpr std::uint64_t kZoomHeaderSize = 24;
constexpr std::uint64_t kTreeHeaderSize = 32;
constexpr std::uint64_t kIndexHeaderSize = 48;
constexpr std::uint64_t kSummarySize = 40;
constexpr std::uint64_t kLeafItemSize = 32;
constexpr std::uint64_t kBranchItemSize = 24;
constexpr int kSectionHeaderSize = 24;
/// A block is one section: its header and at most 65,535 items of at most 12 bytes.
constexpr std::uint32_t kMaxBufSize = kSectionHeaderSize + 65535 * 12;
/// Deeper trees than this would index more blocks than any file holds: a loop or damage.
constexpr int kMaxDepth = 32;

template <typename T> T at(const char* p, std::uint64_t pos)
{
    return qFromLittleEndian<T>(p + pos);
}

/// True when `data` starts like a zlib stream (deflate method, header checksum).
bool looksLikeZlib(const QByteArray& data)
{
    if (data.size() < 2)
        return false;
    const auto cmf = static_cast<unsigned char>(data[0]);
    const auto flg = static_cast<unsigned char>(data[1]);
    return (cmf & 0x0f) == 8 && (cmf >> 4) <= 7 && (cmf * 256 + flg) % 31 == 0;
}

} // namespace

QString BigWigFile::damaged(const QString& what) const
{
    return QStringLiteral("%1: damaged or truncated bigWig file: %2").arg(m_name, what);
}

bool BigWigFile::readAt(std::uint64_t offset, std::uint64_t size, const char* what, QByteArray* out,
                        QString* error)
{
    if (offset > m_size || size > m_size - offset) {
        *error = damaged(QStringLiteral("%1 (bytes %2 to %3) lies beyond the end of the file "
                                        "(%4 bytes)")
                             .arg(QLatin1String(what))
                             .arg(offset)
                             .arg(offset + size)
                             .arg(m_size));
        return false;
    }
    out->resize(static_cast<qsizetype>(size));
    if (!m_file.seek(static_cast<qint64>(offset)) ||
        m_file.read(out->data(), out->size()) != out->size()) {
        *error = QStringLiteral("%1: cannot read: %2").arg(m_name, m_file.errorString());
        return false;
    }
    return true;
}

bool BigWigFile::open(const QString& path, QString* error)
{
    m_name = trackio::fileName(path);
    m_file.setFileName(path);
    if (!m_file.open(QIODevice::ReadOnly | QIODevice::Unbuffered)) {
        *error = QStringLiteral("%1: cannot open: %2").arg(path, m_file.errorString());
        return false;
    }
    m_size = static_cast<std::uint64_t>(m_file.size());
    return readHeader(error) && readTrailer(error) && readZoomHeaders(error) &&
           readChromosomeTree(error) && readIndexes(error) &&
           (m_blocks.empty() || readBlock(m_blocks.front(), {}, error));
}

bool BigWigFile::readTrailer(QString* error)
{
    // Writers since version 3 (UCSC's and libBigWig) end the file with the signature again: a
    // file cut anywhere lacks it.
    QByteArray t;
    if (m_version < 3 || !readAt(m_size - 4, 4, "the end", &t, error) ||
        at<std::uint32_t>(t.constData(), 0) == kBigWigMagic)
        return error->isEmpty();
    *error = damaged(QStringLiteral("it does not end with the bigWig signature: the file was cut "
                                    "short (%1 bytes) or damaged at its end")
                         .arg(m_size));
    return false;
}

bool BigWigFile::readHeader(QString* error)
{
    QByteArray h;
    if (!readAt(0, std::min(kHeaderSize, m_size), "the header", &h, error))
        return false;
    const std::uint32_t magic = h.size() >= 4 ? at<std::uint32_t>(h.constData(), 0) : 0;
    if (magic == kBigBedMagic) {
        *error = QStringLiteral("%1: a bigBed file, not a bigWig file").arg(m_name);
        return false;
    }
    if (magic == qbswap(kBigWigMagic)) {
        *error = QStringLiteral("%1: a big-endian bigWig file, which this program cannot read")
                     .arg(m_name);
        return false;
    }
    if (magic != kBigWigMagic) {
        *error = QStringLiteral("%1: not a bigWig file (it does not start with the bigWig "
                                "signature)")
                     .arg(m_name);
        return false;
    }
    if (m_size < kHeaderSize) {
        *error =
            damaged(QStringLiteral("it ends at byte %1, inside its 64-byte header").arg(m_size));
        return false;
    }
    const char* p = h.constData();
    m_version = at<std::uint16_t>(p, 4);
    m_zoomLevels = at<std::uint16_t>(p, 6);
    m_treeOffset = at<std::uint64_t>(p, 8);
    m_dataOffset = at<std::uint64_t>(p, 16);
    m_indexOffset = at<std::uint64_t>(p, 24);
    m_summaryOffset = at<std::uint64_t>(p, 44);
    m_bufSize = at<std::uint32_t>(p, 52);
    const auto extensionOffset = at<std::uint64_t>(p, 56);
    QString problem;
    if (m_version < 1 || m_version > 4)
        problem = QStringLiteral("unknown format version %1 (bigWig has 1 to 4)").arg(m_version);
    else if (m_bufSize != 0 && (m_bufSize < kSectionHeaderSize || m_bufSize > kMaxBufSize))
        problem = QStringLiteral("its uncompressBufSize %1 is impossible (a data block holds "
                                 "%2 to %3 bytes)")
                      .arg(m_bufSize)
                      .arg(kSectionHeaderSize)
                      .arg(kMaxBufSize);
    else if (m_indexOffset == 0)
        problem = QStringLiteral("it has no data index");
    else if (m_summaryOffset != 0 && m_summaryOffset > m_size - std::min(m_size, kSummarySize))
        problem = QStringLiteral("its total summary lies beyond the end of the file (%1 bytes)")
                      .arg(m_size);
    else if (extensionOffset > m_size)
        problem = QStringLiteral("its extension header lies beyond the end of the file");
    for (const auto& [offset, what] :
         {std::pair{m_treeOffset, "chromosome list"}, std::pair{m_dataOffset, "data"},
          std::pair{m_indexOffset, "data index"}})
        if (problem.isEmpty() && (offset < kHeaderSize || offset >= m_size))
            problem = QStringLiteral("its %1 starts at byte %2, outside the file (%3 bytes)")
                          .arg(QLatin1String(what))
                          .arg(offset)
                          .arg(m_size);
    if (!problem.isEmpty())
        *error = damaged(problem);
    return problem.isEmpty();
}

bool BigWigFile::readZoomHeaders(QString* error)
{
    QByteArray z;
    if (!readAt(kHeaderSize, kZoomHeaderSize * m_zoomLevels, "the zoom-level headers", &z, error))
        return false;
    for (int level = 0; level < m_zoomLevels; ++level) {
        const char* p = z.constData() + kZoomHeaderSize * level;
        const auto dataOffset = at<std::uint64_t>(p, 8);
        const auto indexOffset = at<std::uint64_t>(p, 16);
        if (dataOffset > m_size || indexOffset > m_size) {
            *error = damaged(QStringLiteral("zoom level %1 points beyond the end of the file (%2 "
                                            "bytes)")
                                 .arg(level + 1)
                                 .arg(m_size));
            return false;
        }
        m_zoomIndexes.push_back(indexOffset);
    }
    return true;
}

bool BigWigFile::readChromosomeTree(QString* error)
{
    QByteArray t;
    if (!readAt(m_treeOffset, kTreeHeaderSize, "the chromosome list", &t, error))
        return false;
    const char* p = t.constData();
    m_treeBlockSize = at<std::uint32_t>(p, 4);
    m_keySize = at<std::uint32_t>(p, 8);
    const auto valueSize = at<std::uint32_t>(p, 12);
    const auto count = at<std::uint64_t>(p, 16);
    QString problem;
    if (at<std::uint32_t>(p, 0) != kTreeMagic)
        problem = QStringLiteral("the chromosome list lacks its signature");
    else if (m_keySize < 1 || m_keySize > 255 || valueSize != 8 || m_treeBlockSize == 0)
        problem = QStringLiteral("the chromosome list has impossible sizes (key %1, value %2, "
                                 "block %3)")
                      .arg(m_keySize)
                      .arg(valueSize)
                      .arg(m_treeBlockSize);
    else if (count > m_size / (m_keySize + 8))
        problem = QStringLiteral("the chromosome list claims %1 chromosomes, more than the file "
                                 "can hold")
                      .arg(count);
    if (!problem.isEmpty()) {
        *error = damaged(problem);
        return false;
    }
    if (count == 0)
        return true; // the caller reports a file without chromosomes
    m_chromosomes.assign(count, Chromosome());
    m_seenIds.assign(count, false);
    if (!readChromosomeNode(m_treeOffset + kTreeHeaderSize, 0, error))
        return false;
    const auto named = std::count(m_seenIds.begin(), m_seenIds.end(), true);
    if (named != static_cast<std::int64_t>(count)) {
        *error = damaged(QStringLiteral("its chromosome list names %1 of its %2 chromosomes")
                             .arg(named)
                             .arg(count));
        return false;
    }
    return true;
}

bool BigWigFile::readChromosomeNode(std::uint64_t offset, int depth, QString* error)
{
    if (depth > kMaxDepth || m_visited.contains(offset)) {
        *error = damaged(QStringLiteral("the nodes of its chromosome list form a loop"));
        return false;
    }
    m_visited.insert(offset);
    QByteArray head;
    if (!readAt(offset, 4, "a node of the chromosome list", &head, error))
        return false;
    const auto isLeaf = static_cast<std::uint8_t>(head[0]);
    const auto count = at<std::uint16_t>(head.constData(), 2);
    if (isLeaf > 1 || count == 0 || count > m_treeBlockSize) {
        *error = damaged(QStringLiteral("a node of its chromosome list is invalid (%1 entries, "
                                        "type %2)")
                             .arg(count)
                             .arg(isLeaf));
        return false;
    }
    const std::uint64_t entrySize = m_keySize + 8;
    QByteArray body;
    if (!readAt(offset + 4, entrySize * count, "a node of the chromosome list", &body, error))
        return false;
    for (int i = 0; i < count; ++i) {
        const char* entry = body.constData() + entrySize * i;
        const bool ok =
            isLeaf ? addChromosome(entry, error)
                   : readChromosomeNode(at<std::uint64_t>(entry, m_keySize), depth + 1, error);
        if (!ok)
            return false;
    }
    return true;
}

bool BigWigFile::addChromosome(const char* entry, QString* error)
{
    const QByteArray name(entry, static_cast<qsizetype>(strnlen(entry, m_keySize)));
    const auto id = at<std::uint32_t>(entry, m_keySize);
    const auto length = at<std::uint32_t>(entry, m_keySize + 4);
    QString problem;
    if (id >= m_chromosomes.size())
        problem = QStringLiteral("its chromosome list gives '%1' the id %2, but it holds %3 "
                                 "chromosomes")
                      .arg(printableText(name))
                      .arg(id)
                      .arg(m_chromosomes.size());
    else if (m_seenIds[id])
        problem = QStringLiteral("its chromosome list uses the id %1 twice").arg(id);
    else if (name.isEmpty())
        problem = QStringLiteral("its chromosome list has a chromosome without a name");
    else if (name.contains(' ') || printableText(name) != QString::fromUtf8(name))
        problem = QStringLiteral("its chromosome list has a name that is not plain text ('%1')")
                      .arg(printableText(name));
    else if (m_names.contains(name))
        problem = QStringLiteral("its chromosome list names '%1' twice").arg(printableText(name));
    if (!problem.isEmpty()) {
        *error = damaged(problem);
        return false;
    }
    m_seenIds[id] = true;
    m_names.insert(name);
    m_chromosomes[id] = Chromosome{name, length};
    return true;
}

bool BigWigFile::readIndexes(QString* error)
{
    // The zoom levels are not read by the import, but a file cut or damaged there is damaged:
    // their indexes are walked too (they are small), with their blocks checked against the end.
    for (std::size_t level = 0; level < m_zoomIndexes.size(); ++level)
        if (m_zoomIndexes[level] != 0 &&
            !readIndex(m_zoomIndexes[level], QStringLiteral("zoom level %1").arg(level + 1), error))
            return false;
    if (!readIndex(m_indexOffset, QString(), error))
        return false;
    m_blocksOf.assign(m_chromosomes.size(), {});
    for (std::size_t i = 0; i < m_blocks.size(); ++i)
        m_blocksOf[m_blocks[i].chrom].push_back(static_cast<int>(i));
    return true;
}

bool BigWigFile::readIndex(std::uint64_t offset, const QString& zoom, QString* error)
{
    const QString what = zoom.isEmpty() ? QStringLiteral("its data index")
                                        : QStringLiteral("the index of its %1").arg(zoom);
    QByteArray h;
    if (!readAt(offset, kIndexHeaderSize, "an index", &h, error))
        return false;
    m_indexBlockSize = at<std::uint32_t>(h.constData(), 4);
    const auto count = at<std::uint64_t>(h.constData(), 8);
    if (at<std::uint32_t>(h.constData(), 0) != kIndexMagic || m_indexBlockSize == 0 ||
        count > m_size / kLeafItemSize) {
        *error =
            damaged(QStringLiteral("%1 lacks its signature or has impossible sizes").arg(what));
        return false;
    }
    m_zoomWalk = !zoom.isEmpty();
    m_leaves = 0;
    if (!readIndexNode(offset + kIndexHeaderSize, nullptr, 0, error))
        return false;
    if (m_leaves != count) {
        *error = damaged(QStringLiteral("%1 holds %2 blocks where its header says %3")
                             .arg(what)
                             .arg(m_leaves)
                             .arg(count));
        return false;
    }
    return true;
}

bool BigWigFile::readIndexNode(std::uint64_t offset, const Span* parent, int depth, QString* error)
{
    if (depth > kMaxDepth || m_visited.contains(offset)) {
        *error = damaged(QStringLiteral("the nodes of its data index form a loop"));
        return false;
    }
    m_visited.insert(offset);
    QByteArray head;
    if (!readAt(offset, 4, "a node of the data index", &head, error))
        return false;
    const auto isLeaf = static_cast<std::uint8_t>(head[0]);
    const auto count = at<std::uint16_t>(head.constData(), 2);
    if (isLeaf > 1 || count > m_indexBlockSize || (count == 0 && parent)) {
        *error = damaged(QStringLiteral("a node of its data index is invalid (%1 entries, type "
                                        "%2)")
                             .arg(count)
                             .arg(isLeaf));
        return false;
    }
    const std::uint64_t itemSize = isLeaf ? kLeafItemSize : kBranchItemSize;
    QByteArray body;
    if (!readAt(offset + 4, itemSize * count, "a node of the data index", &body, error))
        return false;
    std::uint64_t previous = 0;
    for (int i = 0; i < count; ++i) {
        const char* item = body.constData() + itemSize * i;
        const auto fromChrom = at<std::uint32_t>(item, 0);
        const auto toChrom = at<std::uint32_t>(item, 8);
        const Span span{std::uint64_t(fromChrom) << 32 | at<std::uint32_t>(item, 4),
                        std::uint64_t(toChrom) << 32 | at<std::uint32_t>(item, 12)};
        QString problem;
        if (fromChrom >= m_chromosomes.size() || toChrom >= m_chromosomes.size())
            problem = QStringLiteral("its data index refers to chromosome id %1, but the file has "
                                     "%2 chromosomes")
                          .arg(std::max(fromChrom, toChrom))
                          .arg(m_chromosomes.size());
        else if (span.from >= span.to || span.from < previous)
            problem = QStringLiteral("its data index has an empty or unsorted range");
        else if (parent && (span.from < parent->from || span.to > parent->to))
            problem = QStringLiteral("its data index has a range outside its parent's");
        if (!problem.isEmpty()) {
            *error = damaged(problem);
            return false;
        }
        previous = span.from;
        m_leaves += isLeaf ? 1 : 0;
        const bool ok = isLeaf
                            ? (m_zoomWalk ? checkZoomBlock(item, error) : addBlock(item, error))
                            : readIndexNode(at<std::uint64_t>(item, 16), &span, depth + 1, error);
        if (!ok)
            return false;
    }
    return true;
}

bool BigWigFile::addBlock(const char* item, QString* error)
{
    Block b;
    b.chrom = at<std::uint32_t>(item, 0);
    b.start = at<std::uint32_t>(item, 4);
    b.end = at<std::uint32_t>(item, 12);
    b.offset = at<std::uint64_t>(item, 16);
    b.size = at<std::uint64_t>(item, 24);
    if (at<std::uint32_t>(item, 8) != b.chrom) {
        *error = damaged(QStringLiteral("a data block of its index spans two chromosomes"));
        return false;
    }
    // Blocks lie between the data offset and the index (the zoom levels follow the index).
    const std::uint64_t dataEnd = m_indexOffset > m_dataOffset ? m_indexOffset : m_size;
    if (b.size == 0 || b.offset < m_dataOffset || b.offset > dataEnd ||
        b.size > dataEnd - b.offset) {
        *error = damaged(QStringLiteral("the data for %1 lies outside the data area (bytes %2 to "
                                        "%3 of %4)")
                             .arg(blockRegion(b))
                             .arg(b.offset)
                             .arg(b.offset + b.size)
                             .arg(m_size));
        return false;
    }
    if (b.end > m_chromosomes[b.chrom].length) {
        *error = damaged(QStringLiteral("the data for %1 runs past the chromosome's length %2")
                             .arg(blockRegion(b))
                             .arg(m_chromosomes[b.chrom].length));
        return false;
    }
    m_blocks.push_back(b);
    return true;
}

bool BigWigFile::checkZoomBlock(const char* item, QString* error) const
{
    const auto offset = at<std::uint64_t>(item, 16);
    const auto size = at<std::uint64_t>(item, 24);
    if (offset < kHeaderSize || offset > m_size || size > m_size - offset) {
        *error = damaged(QStringLiteral("a block of its zoom levels lies beyond the end of the "
                                        "file (bytes %1 to %2 of %3)")
                             .arg(offset)
                             .arg(offset + size)
                             .arg(m_size));
        return false;
    }
    return true;
}

QString BigWigFile::blockRegion(const Block& block) const
{
    return QStringLiteral("%1:%2-%3")
        .arg(printableText(m_chromosomes[block.chrom].name))
        .arg(std::uint64_t(block.start) + 1)
        .arg(block.end);
}

bool BigWigFile::hasData(int id) const
{
    return id >= 0 && id < static_cast<int>(m_blocksOf.size()) && !m_blocksOf[id].empty();
}

bool BigWigFile::readBlocks(int id, std::vector<Region> regions, const Visit& visit, QString* error)
{
    if (!hasData(id))
        return true;
    // Merged, the regions are disjoint and sorted by end as well as by start.
    std::sort(regions.begin(), regions.end(),
              [](const Region& a, const Region& b) { return a.start < b.start; });
    std::vector<Region> merged;
    for (const Region& r : regions)
        if (!merged.empty() && r.start <= merged.back().end)
            merged.back().end = std::max(merged.back().end, r.end);
        else if (r.start < r.end)
            merged.push_back(r);
    for (const int i : m_blocksOf[id]) {
        const Block& b = m_blocks[i];
        // The blocks overlapping a region: start < region end and end > region start.
        const auto r = std::upper_bound(
            merged.begin(), merged.end(), std::int64_t(b.start),
            [](std::int64_t start, const Region& region) { return start < region.end; });
        if (r != merged.end() && r->start < std::int64_t(b.end) && !readBlock(b, visit, error))
            return false;
    }
    return true;
}

bool BigWigFile::readBlock(const Block& block, const Visit& visit, QString* error)
{
    QByteArray raw;
    if (!readAt(block.offset, block.size, "a data block", &raw, error))
        return false;
    if (m_bufSize == 0) {
        if (readSection(block, raw, visit, error))
            return true;
        if (looksLikeZlib(raw))
            *error = damaged(QStringLiteral("the data for %1 is compressed but the header says "
                                            "it is not (uncompressBufSize 0)")
                                 .arg(blockRegion(block)));
        return false;
    }
    QByteArray data(static_cast<qsizetype>(m_bufSize), Qt::Uninitialized);
    uLongf length = m_bufSize;
    const int rc =
        uncompress(reinterpret_cast<Bytef*>(data.data()), &length,
                   reinterpret_cast<const Bytef*>(raw.constData()), static_cast<uLong>(raw.size()));
    if (rc != Z_OK) {
        *error = damaged(QStringLiteral("the data for %1 does not decompress (%2)")
                             .arg(blockRegion(block),
                                  rc == Z_BUF_ERROR
                                      ? QStringLiteral("cut short, or larger than the header's "
                                                       "uncompressBufSize %1")
                                            .arg(m_bufSize)
                                      : QStringLiteral("corrupt compressed data")));
        return false;
    }
    data.resize(static_cast<qsizetype>(length));
    return readSection(block, data, visit, error);
}

bool BigWigFile::readSection(const Block& block, const QByteArray& data, const Visit& visit,
                             QString* error) const
{
    const char* p = data.constData();
    const std::uint64_t size = static_cast<std::uint64_t>(data.size());
    QString problem;
    const auto chrom = size >= kSectionHeaderSize ? at<std::uint32_t>(p, 0) : 0;
    const auto type = size >= kSectionHeaderSize ? static_cast<std::uint8_t>(p[20]) : 0;
    // Items: bedGraph (start, end, value), variableStep (start, value), fixedStep (value).
    const std::uint64_t itemSize = type == 1 ? 12 : type == 2 ? 8 : type == 3 ? 4 : 0;
    const auto count = size >= kSectionHeaderSize ? at<std::uint16_t>(p, 22) : 0;
    if (size < kSectionHeaderSize || chrom != block.chrom || itemSize == 0)
        problem = QStringLiteral("it does not start with a section header of its chromosome");
    else if (kSectionHeaderSize + itemSize * count > size)
        problem = QStringLiteral("it claims %1 values, more than it holds").arg(count);
    const auto first = size >= kSectionHeaderSize ? std::int64_t(at<std::uint32_t>(p, 4)) : 0;
    const auto step = size >= kSectionHeaderSize ? std::int64_t(at<std::uint32_t>(p, 12)) : 0;
    const auto span = size >= kSectionHeaderSize ? std::int64_t(at<std::uint32_t>(p, 16)) : 0;
    for (int j = 0; problem.isEmpty() && j < count; ++j) {
        const char* item = p + kSectionHeaderSize + itemSize * j;
        const std::int64_t start = type == 3 ? first + step * j : at<std::uint32_t>(item, 0);
        const std::int64_t end =
            type == 1 ? std::int64_t(at<std::uint32_t>(item, 4)) : start + span;
        if (start >= end || start < block.start || end > block.end)
            problem = QStringLiteral("it holds an interval %1-%2 outside the range the index "
                                     "gives it")
                          .arg(start + 1)
                          .arg(end);
        else if (visit)
            visit(start, end, qFromLittleEndian<float>(item + itemSize - 4));
    }
    if (problem.isEmpty())
        return true;
    *error = damaged(QStringLiteral("the data for %1: %2").arg(blockRegion(block), problem));
    return false;
}

} // namespace ac
