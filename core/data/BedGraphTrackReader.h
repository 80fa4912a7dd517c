#pragma once

#include "data/TrackBinner.h"
#include "data/TrackImportResult.h"
#include "domain/GeneRecord.h"
#include "domain/Progress.h"

#include <QByteArray>
#include <QHash>
#include <QSet>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <string_view>
#include <vector>

namespace ac
{

/**
 * Reads a bedGraph track (`chrom start end value`, 0-based half-open, tab- or space-separated,
 * plain or gzip-compressed, streamed line by line) and bins it with a TrackBinner. `#`, `track`
 * and `browser` lines are skipped.
 *
 * Errors name the file and line: not 4 fields, start/end not non-negative integers, end not after
 * start, a value that is not a finite number or does not fit a 32-bit float, unsorted or
 * overlapping intervals, a chromosome appearing in two separate runs; also a file without intervals
 * or without any chromosome of the genes. A chromosome's range is the span from its first
 * interval's start to its last interval's end.
 *
 * Copies what it needs of `genes`. One read() per instance; not thread-safe.
 */
class BedGraphTrackReader
{
public:
    BedGraphTrackReader(const std::vector<GeneRecord>& genes, const QString& trackName);

    /// Reads `path`; `progress` (optional) is called now and then and may cancel.
    TrackImportResult read(const QString& path, const ProgressCallback& progress);

private:
    struct Interval {
        std::int64_t start = 0;
        std::int64_t end = 0;
        double value = 0;
    };

    bool readLine(const QByteArray& line, QString* error);
    bool parseInterval(const QByteArray& line, std::string_view* chrom, Interval* out,
                       QString* error) const;
    bool enterChromosome(std::string_view chrom, std::int64_t start, QString* error);
    bool checkOrder(const Interval& interval, QString* error) const;
    QString here() const;

    TrackBinner m_binner;
    QString m_name;
    QString m_path;
    QHash<QString, TrackBinner::Range> m_ranges; ///< by normalised name
    QStringList m_fileChroms;                    ///< raw names in file order
    QSet<QString> m_finished;                    ///< normalised names of chromosomes left
    QString m_chrom;                             ///< raw name of the current run
    QByteArray m_chromBytes;                     ///< the same, as in the file
    QString m_chromKey;                          ///< its normalised name
    const std::vector<TrackBinner::Window>* m_windows = nullptr;
    TrackBinner::Range* m_range = nullptr;
    std::int64_t m_prevStart = -1;
    std::int64_t m_prevEnd = -1;
    qint64 m_lineNo = 0;
    qint64 m_intervals = 0;
};

} // namespace ac
