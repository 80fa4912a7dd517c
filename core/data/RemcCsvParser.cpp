#include "data/RemcCsvParser.h"

#include "data/Float32Range.h"
#include "data/PrintableText.h"

#include <QByteArray>

#include <charconv>
#include <cmath>
#include <cstring>

namespace ac
{

namespace
{

constexpr int kBins = remc::kBinCount;
constexpr int kMarks = remc::kMarkCount;
constexpr char kHeader[] = "GeneID,BinID,H3K27me3,H3K36me3,H3K4me1,H3K4me3,H3K9me3,label";
constexpr qsizetype kHeaderLength = sizeof(kHeader) - 1;
constexpr qint64 kProgressLines = 1 << 16;
constexpr qsizetype kMaxGeneIdLength = 64;
const char* const kMarkNames[kMarks] = {"H3K27me3", "H3K36me3", "H3K4me1", "H3K4me3", "H3K9me3"};

enum class Num { Ok, Empty, Negative, Invalid, TooLarge };

/// Parses the field [p, end) as a non-negative number that fits a float; integers of at most
/// 15 digits (always fitting) take the fast path.
Num parseCount(const char* p, const char* end, float* out)
{
    if (p == end)
        return Num::Empty;
    const char* q = p;
    std::uint64_t v = 0;
    while (q < end && static_cast<unsigned>(*q - '0') < 10 && q - p < 15) {
        v = v * 10 + static_cast<unsigned>(*q - '0');
        ++q;
    }
    if (q == end) {
        *out = static_cast<float>(v);
        return Num::Ok;
    }
    double d = 0;
    const auto r = std::from_chars(p, end, d);
    if (r.ec != std::errc() || r.ptr != end || !std::isfinite(d))
        return Num::Invalid;
    if (d < 0)
        return Num::Negative;
    if (!fitsFloat32(d))
        return Num::TooLarge;
    *out = d == 0 ? 0.0f : static_cast<float>(d); // -0 and -0.0 are stored as 0
    return Num::Ok;
}

/// Parses [p, end) as a positive decimal integer of at most 9 digits; -1 when it is not one.
int parsePositiveInt(const char* p, const char* end)
{
    if (p == end || end - p > 9)
        return -1;
    int v = 0;
    for (; p < end; ++p) {
        if (static_cast<unsigned>(*p - '0') >= 10)
            return -1;
        v = v * 10 + (*p - '0');
    }
    return v > 0 ? v : -1;
}

QString latin1(const char* p, const char* end)
{
    return QString::fromLatin1(p, end - p);
}

/// Why [id, id + len) cannot be a GeneID (not UTF-8, too long, a space or control character);
/// empty when it can.
QString geneIdProblem(const char* id, std::size_t len)
{
    const QByteArray bytes = QByteArray::fromRawData(id, static_cast<qsizetype>(len));
    const QString text = QString::fromUtf8(bytes);
    if (text.toUtf8() != bytes) // invalid sequences became U+FFFD
        return QStringLiteral("GeneID is not valid UTF-8");
    const qsizetype chars = text.toUcs4().size();
    if (chars > kMaxGeneIdLength)
        return QStringLiteral("GeneID is %1 characters long (at most %2)")
            .arg(chars)
            .arg(kMaxGeneIdLength);
    for (const QChar c : text) {
        if (c == QLatin1Char(' '))
            return QStringLiteral("GeneID '%1' contains a space").arg(text);
        if (c.category() == QChar::Other_Control)
            return QStringLiteral("GeneID contains the control character U+%1")
                .arg(c.unicode(), 4, 16, QLatin1Char('0'));
    }
    return {};
}

} // namespace

RemcCsvParser::RemcCsvParser(int maxProblems) : m_maxProblems(maxProblems) {}

void RemcCsvParser::reserveRows(std::size_t rows)
{
    m_values.reserve(rows * kMarks + static_cast<std::size_t>(kBins) * kMarks);
}

bool RemcCsvParser::parseFile(const char* data, qsizetype size, const QString& fileName,
                              Split split, const Tick& tick)
{
    m_files << fileName;
    m_file = static_cast<int>(m_files.size()) - 1;
    m_split = split;
    m_lineNo = 0;
    m_sawCr = false;
    m_inGene = false;
    m_broken = false;
    const char* p = data;
    const char* const end = data + size;
    if (size >= 3 && std::memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        // Spreadsheet exports start with a UTF-8 byte-order mark; it is not part of the GeneID.
        p += 3;
        m_warnings << QStringLiteral("%1: UTF-8 byte-order mark skipped").arg(fileName);
    }
    const std::size_t genesBefore = m_geneIds.size();
    while (p < end && !full()) {
        const char* const nl = static_cast<const char*>(std::memchr(p, '\n', end - p));
        const char* const next = nl ? nl + 1 : end;
        const char* e = nl ? nl : end;
        ++m_lineNo;
        if (e > p && e[-1] == '\r') {
            --e;
            m_sawCr = true;
        }
        if ((m_lineNo & (kProgressLines - 1)) == 0 && tick && !tick(p - data))
            return false;
        if (e != p && !(m_lineNo == 1 && skipFirstLine(p, e)))
            parseRow(p, e);
        p = next;
    }
    finishFile(genesBefore);
    return true;
}

/// A first line that is a header: skipped with a warning when it is DeepChrome's, a problem
/// when it names the columns differently. False for a data row.
bool RemcCsvParser::skipFirstLine(const char* p, const char* e)
{
    if (e - p == kHeaderLength && qstrnicmp(p, kHeader, kHeaderLength) == 0) {
        m_warnings << QStringLiteral("%1:1: header line skipped").arg(m_files[m_file]);
        return true;
    }
    if (e - p >= 7 && qstrnicmp(p, "GeneID,", 7) == 0) {
        problem(1, QStringLiteral("a header line that is not the DeepChrome header '%1' "
                                  "(the mark columns must come in this order)")
                       .arg(QLatin1String(kHeader)));
        return true;
    }
    return false;
}

// The per-row steps are `inline` (used only in this file): with them inlined into parseFile()'s
// loop the parser runs as fast as one hand-written loop (about 1% more instructions).
inline void RemcCsvParser::parseRow(const char* p, const char* e)
{
    if (!splitFields(p, e) || !enterGene())
        return;
    const int bin = readBin();
    if (bin < 0 || !readCounts(bin) || !readLabel())
        return;
    m_lastBin = bin;
    m_lastLine = m_lineNo;
}

/// Finds the starts of the row's fields; false (a problem) unless there are kColumns of them.
inline bool RemcCsvParser::splitFields(const char* p, const char* e)
{
    int fields = 1;
    m_field[0] = p;
    m_rowEnd = e;
    for (const char* q = p; q < e; ++q)
        if (*q == ',') {
            if (fields < kColumns)
                m_field[fields] = q + 1;
            ++fields;
        }
    if (fields == kColumns)
        return true;
    rowProblem(QStringLiteral("expected %1 comma-separated columns (%2), found %3")
                   .arg(kColumns)
                   .arg(QLatin1String(kHeader))
                   .arg(fields));
    return false;
}

/// Moves to the row's gene (a new gene starts whenever the GeneID changes); false when the row
/// is to be skipped: empty GeneID, or a gene already reported.
inline bool RemcCsvParser::enterGene()
{
    const char* id = m_field[0];
    const std::size_t idLen = static_cast<std::size_t>(fieldEnd(0) - id);
    if (idLen == 0) {
        rowProblem(QStringLiteral("empty GeneID"));
        return false;
    }
    if (!m_inGene || idLen != m_geneIdLen || std::memcmp(id, m_geneId, idLen) != 0)
        startGene(id, idLen);
    return !m_broken;
}

void RemcCsvParser::startGene(const char* id, std::size_t idLen)
{
    closeGene();
    m_geneId = id;
    m_geneIdLen = idLen;
    m_inGene = true;
    m_broken = false;
    m_lastBin = 0;
    m_label = -1;
    const QString badId = geneIdProblem(id, idLen); // once per gene, not per row
    if (!badId.isEmpty()) {
        rowProblem(badId); // the gene is not kept; its other rows are skipped
        return;
    }
    std::string key(id, idLen);
    const auto [it, inserted] = m_seen.emplace(key, std::make_pair(m_file, m_lineNo));
    if (!inserted)
        rowProblem(QStringLiteral("gene %1 appears twice (first at %2:%3)")
                       .arg(geneName(), m_files[it->second.first])
                       .arg(it->second.second));
    m_geneIds.push_back(std::move(key));
    m_values.resize(m_values.size() + static_cast<std::size_t>(kBins) * kMarks, 0.0f);
    m_geneValues = m_values.data() + m_values.size() - static_cast<std::size_t>(kBins) * kMarks;
    m_labels.push_back(0);
    m_splits.push_back(m_split);
}

/// Completeness check of the gene read so far: every bin 1..kBins seen.
void RemcCsvParser::closeGene()
{
    if (m_inGene && !m_broken && m_lastBin != kBins)
        problem(m_lastLine, QStringLiteral("gene %1 has %2 bins; expected %3 (bins 1..%3)")
                                .arg(geneName())
                                .arg(m_lastBin)
                                .arg(kBins));
    m_inGene = false;
}

/// The row's BinID when it is the gene's next bin; -1 (a problem) otherwise.
inline int RemcCsvParser::readBin()
{
    const int bin = parsePositiveInt(m_field[1], fieldEnd(1));
    if (bin == m_lastBin + 1 && bin <= kBins)
        return bin;
    rowProblem(binProblem(bin));
    return -1;
}

/// Why `bin` (-1: not a number) cannot follow the gene's last bin.
QString RemcCsvParser::binProblem(int bin) const
{
    if (bin < 0)
        return QStringLiteral("BinID '%1' of gene %2 is not a positive integer")
            .arg(latin1(m_field[1], fieldEnd(1)), geneName());
    if (bin == m_lastBin)
        return QStringLiteral("bin %1 of gene %2 is duplicated").arg(bin).arg(geneName());
    if (bin < m_lastBin)
        return QStringLiteral("bin %1 of gene %2 is out of order (after bin %3)")
            .arg(bin)
            .arg(geneName())
            .arg(m_lastBin);
    if (bin > kBins)
        return QStringLiteral("bin %1 of gene %2 is beyond the %3 bins expected per gene")
            .arg(bin)
            .arg(geneName())
            .arg(kBins);
    if (bin == m_lastBin + 2)
        return QStringLiteral("bin %1 of gene %2 is missing").arg(m_lastBin + 1).arg(geneName());
    return QStringLiteral("bins %1..%2 of gene %3 are missing")
        .arg(m_lastBin + 1)
        .arg(bin - 1)
        .arg(geneName());
}

/// The row's mark counts into the gene's bin `bin`; false (a problem) at the first bad one.
inline bool RemcCsvParser::readCounts(int bin)
{
    float* row = m_geneValues + static_cast<std::size_t>(bin - 1) * kMarks;
    for (int m = 0; m < kMarks; ++m) {
        const Num r = parseCount(m_field[2 + m], fieldEnd(2 + m), row + m);
        if (r == Num::Ok)
            continue;
        const QString what = r == Num::Negative   ? QStringLiteral("is negative")
                             : r == Num::Empty    ? QStringLiteral("is empty")
                             : r == Num::TooLarge ? QStringLiteral("does not fit a 32-bit float")
                                                  : QStringLiteral("is not a number");
        rowProblem(QStringLiteral("%1 count '%2' of gene %3 bin %4 %5")
                       .arg(QLatin1String(kMarkNames[m]), latin1(m_field[2 + m], fieldEnd(2 + m)),
                            geneName())
                       .arg(bin)
                       .arg(what));
        return false;
    }
    return true;
}

/// The label: 0 or 1, the same on every row of the gene; false (a problem) otherwise.
inline bool RemcCsvParser::readLabel()
{
    const char* lp = m_field[kColumns - 1];
    const char* le = fieldEnd(kColumns - 1);
    if (le - lp != 1 || (*lp != '0' && *lp != '1')) {
        rowProblem(
            QStringLiteral("label '%1' of gene %2 is not 0 or 1").arg(latin1(lp, le), geneName()));
        return false;
    }
    const int rowLabel = *lp - '0';
    if (m_label < 0) {
        m_label = rowLabel;
        m_labelLine = m_lineNo;
        m_labels.back() = static_cast<std::uint8_t>(rowLabel);
    } else if (rowLabel != m_label) {
        rowProblem(QStringLiteral("label of gene %1 changes from %2 (line %3) to %4")
                       .arg(geneName())
                       .arg(m_label)
                       .arg(m_labelLine)
                       .arg(rowLabel));
        return false;
    }
    return true;
}

/// Checks the file's last gene and that the file had any; notes accepted CRLF endings.
void RemcCsvParser::finishFile(std::size_t genesBefore)
{
    if (!full())
        closeGene();
    m_inGene = false;
    const QString& name = m_files[m_file];
    if (m_geneIds.size() == genesBefore && !full())
        m_problems << QStringLiteral("%1: empty split (no genes)").arg(name);
    if (m_sawCr)
        m_warnings << QStringLiteral("%1: Windows (CRLF) line endings accepted").arg(name);
}

void RemcCsvParser::problem(qint64 line, const QString& what)
{
    if (!full())
        m_problems << QStringLiteral("%1:%2: %3")
                          .arg(m_files[m_file])
                          .arg(line)
                          .arg(printableText(what)); // a stray CR or ESC must not reach a terminal
}

/// A problem on the current row; the rest of its gene is skipped.
void RemcCsvParser::rowProblem(const QString& what)
{
    problem(m_lineNo, what);
    m_broken = true;
}

QString RemcCsvParser::geneName() const
{
    return QString::fromUtf8(m_geneId, static_cast<qsizetype>(m_geneIdLen));
}

} // namespace ac
