#pragma once

#include <QByteArray>
#include <QFile>
#include <QSet>
#include <QString>

#include <cstdint>
#include <vector>

namespace ac
{

/**
 * The layout of a bigWig file, read and checked without libBigWig. libBigWig trusts every
 * offset, count and index it reads: a damaged file crashes it (a file cut after its header, one
 * word of the chromosome tree overwritten) or makes it skip data without a word (issue 13,
 * findings 1 and 4). A file must pass open() before bwOpen() is called, and checkBlocks() for a
 * region before libBigWig reads that region.
 *
 * open() reads the fixed header, the signature that ends the file (from version 3; a file cut
 * short lacks it), the zoom-level headers, every node of the chromosome B+ tree
 * and every node of the R-tree index of data blocks. It checks the magic numbers (a bigBed is
 * refused as such), the version, every count and key size, that every offset and size lies
 * within the file (the total summary, zoom levels and their indexes, data blocks within the data
 * area), that no
 * tree node is reached twice (a loop), that chromosome ids are each used once and names are
 * plain text, that index ranges are sorted and nested, that each block holds one chromosome
 * within its length, that uncompressBufSize is plausible; and it decodes the first data block
 * (so compressed data under uncompressBufSize 0 is caught). It reads the tree and the index
 * only: a small part of the file.
 *
 * checkBlocks() decodes, once each, the data blocks that overlap the given regions: they must
 * decompress (zlib checks their checksum) within uncompressBufSize and hold one section of their
 * chromosome whose items fit the block and lie within the range the index gives them.
 *
 * Owns the open file (closed on destruction). Not thread-safe; one instance per import.
 * Every failure returns false with an error naming the file (its name, without folder) and what
 * is damaged, for data blocks the chromosome and region.
 */
class BigWigStructure
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
    /// Decodes every not yet checked data block of chromosome `id` that overlaps `regions`.
    bool checkBlocks(int id, std::vector<Region> regions, QString* error);

private:
    /// An R-tree leaf item: one data block of one chromosome.
    struct Block {
        std::uint32_t chrom = 0;
        std::uint32_t start = 0;
        std::uint32_t end = 0;
        std::uint64_t offset = 0;
        std::uint64_t size = 0;
        bool checked = false;
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
    bool checkBlock(Block& block, QString* error);
    bool checkSection(const Block& block, const QByteArray& data, QString* error) const;
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
