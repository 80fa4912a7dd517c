#pragma once

#include "domain/RemcLayout.h"
#include "domain/Split.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace ac
{

/**
 * Parses the DeepChrome/REMC classification CSV of one cell type, split file after split file,
 * from text held in memory: `GeneID,BinID,H3K27me3,H3K36me3,H3K4me1,H3K4me3,H3K9me3,label`,
 * 100 rows per gene, no header.
 *
 * Every row is validated (column count, non-negative numbers that fit a 32-bit float, bins
 * 1..100 in order with none missing or duplicated, one 0/1 label per gene, each gene once across
 * all files, no empty file). A problem is recorded as "<file>:<line>: <what>" (or "<file>: <what>")
 * and the rest of its gene is skipped; parsing stops once maxProblems() problems were found
 * (full()). Accepted oddities (the DeepChrome header line, a UTF-8 byte-order mark, CRLF line
 * endings) become warnings.
 *
 * Owns what it has read (gene ids, X values genes × bins × marks, labels, splits) until the take
 * functions move it out. Not thread-safe; use one parser per cell and thread.
 */
class RemcCsvParser
{
public:
    /// Told the bytes of the current file parsed so far, every 65,536 lines; false cancels.
    using Tick = std::function<bool(qsizetype bytesDone)>;

    explicit RemcCsvParser(int maxProblems = 5);

    /// Reserves X for about `rows` CSV rows (a speed hint).
    void reserveRows(std::size_t rows);

    /**
     * Parses one split file, `size` bytes at `data`; `fileName` names it in problems and
     * warnings. Its genes are appended with split `split`. Returns false only when `tick`
     * cancelled; problems are collected in problems().
     */
    bool parseFile(const char* data, qsizetype size, const QString& fileName, Split split,
                   const Tick& tick);

    /// True once maxProblems() problems were found: further parsing is pointless.
    bool full() const { return m_problems.size() >= m_maxProblems; }
    const QStringList& problems() const { return m_problems; }
    const QStringList& warnings() const { return m_warnings; }
    std::size_t geneCount() const { return m_geneIds.size(); }

    const std::vector<std::string>& geneIds() const { return m_geneIds; }
    std::vector<float> takeValues() { return std::move(m_values); }
    std::vector<std::uint8_t> takeLabels() { return std::move(m_labels); }
    std::vector<Split> takeSplits() { return std::move(m_splits); }

private:
    static constexpr int kColumns = 2 + remc::kMarkCount + 1;

    bool skipFirstLine(const char* p, const char* e);
    void parseRow(const char* p, const char* e);
    bool splitFields(const char* p, const char* e);
    const char* fieldEnd(int i) const { return i + 1 < kColumns ? m_field[i + 1] - 1 : m_rowEnd; }
    bool enterGene();
    void startGene(const char* id, std::size_t idLen);
    void closeGene();
    int readBin();
    QString binProblem(int bin) const;
    bool readCounts(int bin);
    bool readLabel();
    void finishFile(std::size_t genesBefore);
    void problem(qint64 line, const QString& what);
    void rowProblem(const QString& what);
    QString geneName() const;

    // The whole cell, across its files.
    std::vector<std::string> m_geneIds;
    std::vector<float> m_values;
    std::vector<std::uint8_t> m_labels;
    std::vector<Split> m_splits;
    std::unordered_map<std::string, std::pair<int, qint64>> m_seen; ///< id → (file, line)
    QStringList m_files;
    QStringList m_problems;
    QStringList m_warnings;
    int m_maxProblems = 5;

    // The file being read.
    int m_file = -1;
    Split m_split = Split::Train;
    qint64 m_lineNo = 0;
    bool m_sawCr = false;

    // The row being read: its fields start at m_field[i]; the last ends at m_rowEnd.
    const char* m_field[kColumns] = {};
    const char* m_rowEnd = nullptr;

    // The gene being read (its id points into the file's text).
    const char* m_geneId = nullptr;
    std::size_t m_geneIdLen = 0;
    bool m_inGene = false;
    bool m_broken = false; ///< a problem was reported for it: its remaining rows are skipped
    int m_lastBin = 0;
    int m_label = -1;
    qint64 m_labelLine = 0;
    qint64 m_lastLine = 0;
    float* m_geneValues = nullptr;
};

} // namespace ac
