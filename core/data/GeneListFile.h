#pragma once

#include "domain/GeneRecord.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace ac
{

/**
 * A list of genes read from a file (issue 15, item 3): the filter of the gene list, a group of
 * the heatmap, the genes of a batch export or of a validation.
 *
 * Two formats, told apart by the first data line (plain or gzip-compressed, TextLineReader):
 * - names: one gene per line, a symbol ("TP53", case-insensitive), an Ensembl gene id
 *   ("ENSG00000141510", a version suffix ".N" ignored) or a REMC GeneID ("000003", "S00001");
 * - BED: `chrom start end [name ...]` (tab or space separated, 0-based half-open): the genes whose
 *   TSS lies in an interval; chromosomes match with or without "chr".
 * Blank lines, `#` comments (also after an entry) and BED `track` / `browser` lines are skipped.
 *
 * Plain value; const methods are safe from several threads. load() replaces the list, or returns
 * false with `error` naming the file and line ("genes.txt:7: ...") and leaves the list unchanged.
 */
class GeneListFile
{
public:
    enum class Format { Names, Bed };

    /// What resolve() found: the matching genes (sorted indices into the cell's genes, each once)
    /// and the entries that matched none, as written (BED: "chr1:100-200").
    struct Resolution {
        std::vector<int> genes;
        QStringList notFound;
    };

    /// Reads `path`; false with `error` ("<file>:<line>: <reason>") on a malformed line, an empty
    /// list or a file that cannot be read.
    bool load(const QString& path, QString* error);

    QString path() const { return m_path; }
    /// The file's name without its folder.
    QString fileName() const;
    Format format() const { return m_format; }
    /// Entries read: names, or BED intervals.
    int entryCount() const;
    bool isEmpty() const { return entryCount() == 0; }

    /// The listed genes among `genes` (a cell's genes in its order).
    Resolution resolve(const std::vector<GeneRecord>& genes) const;
    /// One flag per gene of `genes`: listed or not.
    std::vector<bool> membership(const std::vector<GeneRecord>& genes) const;
    /// `geneCount` flags, true at `indices` (each in 0 … geneCount−1): a resolved list as a mask.
    static std::vector<bool> mask(const std::vector<int>& indices, std::size_t geneCount);
    /// "N of M entries not found" for `resolution` of this list; empty when all were found.
    QString notFoundSummary(const Resolution& resolution) const;

    /**
     * Writes the genes `indices` of `genes` as a names list (one line per gene: its Ensembl id,
     * else its REMC id, then the symbol as a comment), atomically (a temporary file renamed over
     * `path`), with the `comment` line first when not empty. Reading it back with load() and
     * resolve() gives the same genes. False with `error` naming the file when it cannot be written.
     */
    static bool write(const QString& path, const std::vector<GeneRecord>& genes,
                      const std::vector<int>& indices, const QString& comment, QString* error);

private:
    struct Interval {
        QString chrom; ///< TrackBinner::normalizedChromosome()
        std::int64_t start = 0;
        std::int64_t end = 0;
        QString text; ///< as written, "chr1:100-200"
    };

    QString m_path;
    Format m_format = Format::Names;
    QStringList m_names;
    std::vector<Interval> m_intervals;
};

} // namespace ac
