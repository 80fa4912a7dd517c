#include "data/BedGraphTrackReader.h"

#include "data/Float32Range.h"
#include "data/TrackReaderSupport.h"

#include <array>
#include <charconv>
#include <cmath>

namespace ac
{

namespace
{

// Splits a line on tabs and spaces (bedGraph allows either) into views of `line`; returns the
// number of fields, counting at most fields.size() + 1 so that "too many" is still seen.
template <std::size_t N>
std::size_t whitespaceFields(const QByteArray& line, std::array<std::string_view, N>* fields)
{
    std::size_t count = 0;
    const char* p = line.constData();
    const char* const end = p + line.size();
    while (p < end) {
        while (p < end && (*p == ' ' || *p == '\t'))
            ++p;
        const char* start = p;
        while (p < end && *p != ' ' && *p != '\t')
            ++p;
        if (p > start) {
            if (count < N)
                (*fields)[count] = std::string_view(start, static_cast<std::size_t>(p - start));
            if (++count > N)
                break;
        }
    }
    return count;
}

template <typename T> bool parseNumber(std::string_view text, T* out)
{
    const char* const end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, *out);
    return ec == std::errc() && ptr == end;
}

QString utf8(std::string_view text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

} // namespace

BedGraphTrackReader::BedGraphTrackReader(const std::vector<GeneRecord>& genes,
                                         const QString& trackName)
    : m_binner(genes), m_name(trackName)
{
}

TrackImportResult BedGraphTrackReader::read(const QString& path, const ProgressCallback& progress)
{
    TrackImportResult result;
    m_path = path;
    const bool read = trackio::forEachLine(
        path, progress, &result, [this](const QByteArray& line, qint64 lineNo, QString* error) {
            m_lineNo = lineNo;
            return readLine(line, error);
        });
    if (!read)
        return result;
    if (m_intervals == 0) {
        result.error = QStringLiteral("%1: no intervals").arg(trackio::fileName(path));
        return result;
    }
    if (m_binner.checkChromosomes(path, m_fileChroms, &result))
        m_binner.finish(path, m_name, m_ranges, &result);
    return result;
}

// readLine() and parseInterval() run once per line: `inline` (they are used only in this file)
// lets the read loop inline them.

/// One line: an interval is checked and binned; blank, comment, track and browser lines are
/// skipped. False on an error.
inline bool BedGraphTrackReader::readLine(const QByteArray& line, QString* error)
{
    const QByteArray t = line.trimmed();
    if (t.isEmpty() || t.startsWith('#') || t.startsWith("track") || t.startsWith("browser"))
        return true;
    std::string_view chrom;
    Interval interval;
    if (!parseInterval(t, &chrom, &interval, error))
        return false;
    if (chrom != std::string_view(m_chromBytes.constData(), std::size_t(m_chromBytes.size()))) {
        if (!enterChromosome(chrom, interval.start, error))
            return false;
    } else if (!checkOrder(interval, error)) {
        return false;
    }
    m_prevStart = interval.start;
    m_prevEnd = interval.end;
    m_range->end = interval.end;
    ++m_intervals;
    if (m_windows)
        m_binner.add(*m_windows, interval.start, interval.end, interval.value);
    return true;
}

/// The fields of a data line: `chrom` (a view of `line`) and the interval; false on an error.
inline bool BedGraphTrackReader::parseInterval(const QByteArray& line, std::string_view* chrom,
                                               Interval* out, QString* error) const
{
    std::array<std::string_view, 4> f;
    const std::size_t fieldCount = whitespaceFields(line, &f);
    if (fieldCount != 4) {
        *error =
            QStringLiteral("%1: expected 4 fields (chrom start end value), found %2")
                .arg(here(), fieldCount > 4 ? QStringLiteral("more") : QString::number(fieldCount));
        return false;
    }
    const bool okV = parseNumber(f[3], &out->value);
    if (!parseNumber(f[1], &out->start) || !parseNumber(f[2], &out->end) || out->start < 0 ||
        out->end < 0) {
        *error = QStringLiteral("%1: start and end must be non-negative integers, found "
                                "'%2' and '%3'")
                     .arg(here(), utf8(f[1]), utf8(f[2]));
        return false;
    }
    if (out->end <= out->start) {
        *error = QStringLiteral("%1: end %2 is not after start %3")
                     .arg(here())
                     .arg(out->end)
                     .arg(out->start);
        return false;
    }
    if (!okV || !fitsFloat32(out->value)) {
        *error = trackio::badValue(here(), utf8(f[3]), okV && std::isfinite(out->value));
        return false;
    }
    *chrom = f[0];
    return true;
}

/// Starts the run of chromosome `chrom` at `start`; false when it had a run before.
bool BedGraphTrackReader::enterChromosome(std::string_view chrom, std::int64_t start,
                                          QString* error)
{
    const QString name = utf8(chrom);
    const QString key = TrackBinner::normalizedChromosome(name);
    if (key == m_chromKey || m_finished.contains(key)) {
        *error = QStringLiteral("%1: chromosome '%2' appears again after other chromosomes: the "
                                "file must be sorted by chromosome, then start (sort -k1,1 -k2,2n)")
                     .arg(here(), name);
        return false;
    }
    if (!m_chromKey.isEmpty())
        m_finished.insert(m_chromKey);
    m_chrom = name;
    m_chromBytes = QByteArray(chrom.data(), qsizetype(chrom.size()));
    m_chromKey = key;
    m_fileChroms << name;
    m_windows = m_binner.windows(key);
    m_range = &m_ranges[key];
    m_range->start = start;
    m_prevStart = -1;
    m_prevEnd = -1;
    return true;
}

/// False (an error) when `interval` starts before, or overlaps, the previous one.
bool BedGraphTrackReader::checkOrder(const Interval& interval, QString* error) const
{
    if (interval.start >= m_prevEnd) // the previous interval is non-empty: prevStart < prevEnd
        return true;
    const QString current =
        QStringLiteral("%1:%2-%3").arg(m_chrom).arg(interval.start).arg(interval.end);
    const QString previous =
        QStringLiteral("%1:%2-%3").arg(m_chrom).arg(m_prevStart).arg(m_prevEnd);
    *error = interval.start < m_prevStart
                 ? QStringLiteral("%1: intervals are not sorted: %2 starts before the previous "
                                  "interval %3 (sort -k1,1 -k2,2n)")
                       .arg(here(), current, previous)
                 : QStringLiteral("%1: interval %2 overlaps the previous interval %3")
                       .arg(here(), current, previous);
    return false;
}

QString BedGraphTrackReader::here() const
{
    return trackio::fileLine(m_path, m_lineNo);
}

} // namespace ac
