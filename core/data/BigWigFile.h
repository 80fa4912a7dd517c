#pragma once

#include <QByteArray>
#include <QFile>
#include <QSet>
#include <QString>

#include <cstdint>
#include <functional>
#include <vector>

namespace ac
{

/**
 * A bigWig file, read and checked without libBigWig. libBigWig trusts every offset, count and id
 * it reads: a damaged file crashed it (a file cut after its header, one word of the chromosome
 * tree overwritten) or made it skip data without a word (issue 13, findings 1 and 4). This class
 * checks everything before using it, and decodes the data itself: it has to decompress each block
 * to check it, and handing libBigWig the same blocks afterwards made the import 40% slower than
 * before (3.0 s CPU against 2.15 s, 185 MB file of `bench track`); decoding once takes 1.1 s.
 *
 * open() reads the fixed header, the signature that ends the file (from version 3; a file cut
 * short lacks it), the zoom-level headers, every node of the chromosome B+ tree and every node
 * of the R-tree indexes (data and zoom levels). It checks the magic numbers (a bigBed is refused
 * as such), the version, every count and key size, that every offset and size lies within the
 * file (the total summary, zoom levels and their blocks, data blocks within the data area), that
 * no tree node is reached twice (a loop), that chromosome ids are each used once and names are
 * plain text, that index ranges are sorted and nested, that each block holds one chromosome
 * within its length, that uncompressBufSize is plausible; and it decodes the first data block
 * (so compressed data under uncompressBufSize 0 is caught). It reads the trees and indexes only:
 * about 1 ms for a 185 MB file.
 *
 * readBlocks() decodes the data blocks that overlap the given regions: each must decompress (zlib
 * checks its checksum) within uncompressBufSize and hold one section of its chromosome whose
 * items fit the block and lie within the range the index gives it. Intervals are delivered only
 * from blocks that pass; a block that fails ends the read with an error naming its region.
 *
 * Owns the open file (closed on destruction). Not thread-safe; one instance per import.
 * Every failure returns false with an error naming the file (its name, without folder) and what
 * is damaged, for data blocks the chromosome and region.
 */
class BigWigFile
{
public:
    /// A chromosome of the header, in id order.
    struct Chromosome {
        QByteArray name;
        std::uint32_t length = 0;
    };
    /// 0-based half-open region of a chromosome.
    struct Region {
        std::int64_t start = 0;
        std::int64_t end = 0;
    };

    /// Opens and checks `path`; false with `error` when it is not a sound bigWig file.
    bool open(const QString& path, QString* error);

    /// The chromosomes of the header; their index is the chromosome id of the file.
    const std::vector<Chromosome>& chromosomes() const { return m_chromosomes; }
    /// True when the index lists any data block for chromosome `id`.
    bool hasData(int id) const;
    /// Receives one interval of a data block: 0-based half-open start and end, and its value.
    using Visit = std::function<void(std::int64_t start, std::int64_t end, float value)>;

    /// Decodes every data block of chromosome `id` that overlaps one of `regions` and passes each
    /// of its intervals (also those outside the regions) to `visit`, block after block in file
    /// order. False with `error` at the first damaged block.
    bool readBlocks(int id, std::vector<Region> regions, const Visit& visit, QString* error);

private:
    /// An R-tree leaf item: one data block of one chromosome.
    struct Block {
        std::uint32_t chrom = 0;
        std::uint32_t start = 0;
        std::uint32_t end = 0;
        std::uint64_t offset = 0;
        std::uint64_t size = 0;
    };
    /// An index item's range, (chromosome, base) to (chromosome, base).
    struct Span {
        std::uint64_t from = 0; ///< chromosome << 32 | base
        std::uint64_t to = 0;
    };

    QString damaged(const QString& what) const;
    bool readAt(std::uint64_t offset, std::uint64_t size, const char* what, QByteArray* out,
                QString* error);
    bool readHeader(QString* error);
    bool readTrailer(QString* error);
    bool readZoomHeaders(QString* error);
    bool readChromosomeTree(QString* error);
    bool readChromosomeNode(std::uint64_t offset, int depth, QString* error);
    bool addChromosome(const char* entry, QString* error);
    bool readIndexes(QString* error);
    bool readIndex(std::uint64_t offset, const QString& zoom, QString* error);
    bool readIndexNode(std::uint64_t offset, const Span* parent, int depth, QString* error);
    bool addBlock(const char* item, QString* error);
    bool checkZoomBlock(const char* item, QString* error) const;
    bool readBlock(const Block& block, const Visit& visit, QString* error);
    bool readSection(const Block& block, const QByteArray& data, const Visit& visit,
                     QString* error) const;
    QString blockRegion(const Block& block) const;

    QFile m_file;
    QString m_name; ///< file name without folder, for errors
    std::uint64_t m_size = 0;
    std::uint16_t m_version = 0;
    std::uint16_t m_zoomLevels = 0;
    std::uint64_t m_treeOffset = 0;
    std::uint64_t m_dataOffset = 0;
    std::uint64_t m_indexOffset = 0;
    std::uint64_t m_summaryOffset = 0;
    std::uint32_t m_bufSize = 0; ///< uncompressBufSize; 0: data not compressed
    std::uint32_t m_keySize = 0;
    std::uint32_t m_treeBlockSize = 0;
    std::uint32_t m_indexBlockSize = 0;
    std::vector<std::uint64_t> m_zoomIndexes; ///< per zoom level; 0 when it has none
    bool m_zoomWalk = false;                  ///< readIndexNode() walks a zoom level's index
    std::uint64_t m_leaves = 0;               ///< leaf items seen in the index being walked
    QSet<std::uint64_t> m_visited;            ///< tree and index nodes read
    std::vector<Chromosome> m_chromosomes;
    std::vector<bool> m_seenIds;
    QSet<QByteArray> m_names;
    std::vector<Block> m_blocks;
    std::vector<std::vector<int>> m_blocksOf; ///< per chromosome id, indexes into m_blocks
};

} // namespace ac
