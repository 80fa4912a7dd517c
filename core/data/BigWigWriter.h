#pragma once

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <memory>
#include <vector>

namespace ac
{

/**
 * Writes a bigWig file with libBigWig: the chromosome list first, then each chromosome's
 * intervals in order (sorted, non-overlapping, within the chromosome, chromosomes in the list's
 * order; several add() calls per chromosome are fine). libBigWig checks none of this, so add()
 * does.
 *
 * Writes straight to `path`, not through a temporary file: callers writing user files write to a
 * temporary name beside the target and rename it (GenomeTrackWriter does). Owns the open file; the
 * destructor closes it (close() reports errors instead). Use from one thread at a time. Every
 * method returns false and sets `error` (naming the file and chromosome) on failure; after a
 * failure the file is incomplete.
 */
class BigWigWriter
{
public:
    struct Chromosome {
        QByteArray name;
        std::uint32_t length = 0;
    };

    /// Creates `path` with the given chromosomes (in the order their intervals will come).
    static std::unique_ptr<BigWigWriter>
    create(const QString& path, const std::vector<Chromosome>& chromosomes, QString* error);
    ~BigWigWriter();
    BigWigWriter(const BigWigWriter&) = delete;
    BigWigWriter& operator=(const BigWigWriter&) = delete;

    /// Adds intervals [starts[i], ends[i]) of `chrom` with `values[i]` (0-based, half-open).
    bool add(const QByteArray& chrom, const std::vector<std::uint32_t>& starts,
             const std::vector<std::uint32_t>& ends, const std::vector<float>& values,
             QString* error);
    /// Writes the index and zoom levels and closes the file.
    bool close(QString* error);

private:
    struct Handle; // the open libBigWig file (its type is an anonymous struct in bigWig.h)
    BigWigWriter(const QString& path, std::unique_ptr<Handle> handle);

    QString m_path;
    std::unique_ptr<Handle> m_handle;
    std::vector<Chromosome> m_chromosomes;
    int m_current = -1;          ///< index of the chromosome being written
    std::uint32_t m_lastEnd = 0; ///< end of its last interval
};

/// Initialises libBigWig once per process (thread-safe); readers and writers call it first.
void initBigWigLibrary();

} // namespace ac
