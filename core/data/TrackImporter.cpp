#include "data/TrackImporter.h"

#include "data/BigWigWriter.h"
#include "domain/RemcLayout.h"
#include "data/TextLineReader.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSet>
#include <algorithm>
#include <array>
#include <charconv>
#include <bigWig.h>
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <string_view>

namespace ac {

namespace {

constexpr int kBins = remc::kBinCount;
constexpr std::int64_t kBinSize = remc::kBinSize;
constexpr std::int64_t kWindow = kBins * kBinSize;
constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

// The 10 kb window of one gene in genomic coordinates (0-based start).
struct Window {
    std::int64_t start = 0;
    int gene = 0;
    bool minus = false;
};

// A chromosome's span of data, 0-based half-open.
struct Range {
    std::int64_t start = 0;
    std::int64_t end = 0;
};

// Accumulates coverage-weighted signal into the bins of the gene windows.
class Binner {
public:
    explicit Binner(const std::vector<GeneRecord>& genes)
        : m_geneCount(static_cast<int>(genes.size())),
          m_sums(static_cast<std::size_t>(genes.size()) * kBins, 0.0)
    {
        for (int g = 0; g < m_geneCount; ++g) {
            const GeneRecord& r = genes[g];
            if (r.chrom.isEmpty() || r.tss <= 0 || (r.strand != '+' && r.strand != '-')) {
                ++m_withoutLocus;
                continue;
            }
            Window w;
            w.gene = g;
            w.minus = r.strand == '-';
            // Plus: 1-based [t-5000, t+4999]; minus: mirrored, 1-based [t-4999, t+5000].
            w.start = w.minus ? r.tss - remc::kWindowStart - kWindow : r.tss - 1 + remc::kWindowStart;
            const QString chrom = TrackImporter::normalizedChromosome(r.chrom);
            m_windows[chrom].push_back(w);
            m_rawNames.insert(r.chrom);
        }
        for (auto it = m_windows.begin(); it != m_windows.end(); ++it)
            std::sort(it->begin(), it->end(),
                      [](const Window& a, const Window& b) { return a.start < b.start; });
    }

    int withoutLocus() const { return m_withoutLocus; }
    const QSet<QString>& rawNames() const { return m_rawNames; }
    /// Windows of a normalised chromosome, sorted by start; nullptr when no gene is on it.
    const std::vector<Window>* windows(const QString& chrom) const
    {
        const auto it = m_windows.constFind(chrom);
        return it == m_windows.cend() ? nullptr : &*it;
    }
    QStringList chromosomes() const { return m_windows.keys(); }

    /// Adds [start, end) with `value` to every window of `list` it overlaps.
    void add(const std::vector<Window>& list, std::int64_t start, std::int64_t end, double value)
    {
        // Windows all have the same length: those overlapping start at (start - kWindow, end).
        auto it = std::lower_bound(list.begin(), list.end(), start - kWindow + 1,
                                   [](const Window& w, std::int64_t s) { return w.start < s; });
        for (; it != list.end() && it->start < end; ++it)
            addToWindow(*it, start, end, value);
    }

    void addToWindow(const Window& w, std::int64_t start, std::int64_t end, double value)
    {
        const std::int64_t lo = std::max(start, w.start);
        const std::int64_t hi = std::min(end, w.start + kWindow);
        if (lo >= hi || value == 0.0)
            return;
        double* sums = m_sums.data() + static_cast<std::size_t>(w.gene) * kBins;
        for (std::int64_t k = (lo - w.start) / kBinSize; k <= (hi - 1 - w.start) / kBinSize; ++k) {
            const std::int64_t binStart = w.start + k * kBinSize;
            const std::int64_t overlap =
                std::min(hi, binStart + kBinSize) - std::max(lo, binStart);
            const int bin = w.minus ? kBins - 1 - static_cast<int>(k) : static_cast<int>(k);
            sums[bin] += static_cast<double>(overlap) * value;
        }
    }

    /// Means per bin; NaN for genes without a locus or a range, and for bins outside the range.
    std::vector<float> finish(const QHash<QString, Range>& ranges, int* missingGenes) const
    {
        std::vector<float> values(static_cast<std::size_t>(m_geneCount) * kBins, kNaN);
        std::vector<bool> any(m_geneCount, false);
        for (auto it = m_windows.cbegin(); it != m_windows.cend(); ++it) {
            const auto r = ranges.constFind(it.key());
            if (r == ranges.cend())
                continue;
            for (const Window& w : *it) {
                const double* sums = m_sums.data() + static_cast<std::size_t>(w.gene) * kBins;
                float* out = values.data() + static_cast<std::size_t>(w.gene) * kBins;
                for (int k = 0; k < kBins; ++k) {
                    const std::int64_t binStart = w.start + k * kBinSize;
                    if (binStart + kBinSize <= r->start || binStart >= r->end)
                        continue;
                    const int bin = w.minus ? kBins - 1 - k : k;
                    out[bin] = static_cast<float>(sums[bin] / static_cast<double>(kBinSize));
                    any[w.gene] = true;
                }
            }
        }
        *missingGenes = static_cast<int>(std::count(any.begin(), any.end(), false));
        return values;
    }

private:
    int m_geneCount = 0;
    int m_withoutLocus = 0;
    QHash<QString, std::vector<Window>> m_windows;
    QSet<QString> m_rawNames;
    std::vector<double> m_sums;
};

QString fileLine(const QString& path, qint64 line)
{
    return QStringLiteral("%1:%2").arg(QFileInfo(path).fileName()).arg(line);
}

QString fileName(const QString& path) { return QFileInfo(path).fileName(); }

QString firstFew(QStringList names)
{
    names.sort();
    const int n = static_cast<int>(names.size());
    QString s = QLatin1Char('\'') + names.mid(0, 5).join(QLatin1String("', '")) + QLatin1Char('\'');
    if (n > 5)
        s += QStringLiteral(" and %1 more").arg(n - 5);
    return s;
}

// Checks the file's chromosomes against the genes' and adds warnings; false (with error) when
// none of them is known.
bool checkChromosomes(const QString& path, const QStringList& fileChroms, const Binner& binner,
                      TrackImportResult* result)
{
    QStringList unknown;
    bool anyKnown = false;
    bool renamed = false;
    for (const QString& c : fileChroms) {
        if (binner.windows(TrackImporter::normalizedChromosome(c))) {
            anyKnown = true;
            if (!binner.rawNames().contains(c))
                renamed = true;
        } else {
            unknown << c;
        }
    }
    if (!anyKnown) {
        QStringList annotated;
        for (const QString& c : binner.rawNames())
            annotated << c;
        result->error = QStringLiteral("%1: none of its chromosomes (%2) is a chromosome of the "
                                       "genes' annotation (%3)")
                            .arg(fileName(path), firstFew(fileChroms), firstFew(annotated));
        return false;
    }
    if (renamed)
        result->warnings << QStringLiteral("%1: chromosome names matched after normalising "
                                           "(e.g. '1' and 'chr1' are the same chromosome)")
                                .arg(fileName(path));
    if (!unknown.isEmpty())
        result->warnings << QStringLiteral("%1: ignored chromosomes without an annotated gene: %2")
                                .arg(fileName(path), firstFew(unknown));
    return true;
}

// Completes a successful import: the track (genes × bins `values`) and a warning for the genes
// without any data.
void setTrack(const QString& path, const QString& name, std::vector<float> values,
              int missingGenes, TrackImportResult* result)
{
    result->track.name = name;
    result->track.source = QFileInfo(path).absoluteFilePath();
    result->track.binCount = kBins;
    result->track.values = std::move(values);
    result->missingGenes = missingGenes;
    if (missingGenes > 0)
        result->warnings << QStringLiteral("%1 genes have no data in %2: their track is missing "
                                           "(NaN), not zero")
                                .arg(missingGenes)
                                .arg(fileName(path));
    result->ok = true;
}

void finishResult(const QString& path, const QString& name, const Binner& binner,
                  const QHash<QString, Range>& ranges, TrackImportResult* result)
{
    int missing = 0;
    std::vector<float> values = binner.finish(ranges, &missing);
    if (binner.withoutLocus() > 0)
        result->warnings << QStringLiteral("%1 genes have no locus (chromosome, TSS, strand) in "
                                           "the annotation: their track is missing (NaN)")
                                .arg(binner.withoutLocus());
    setTrack(path, name, std::move(values), missing, result);
}

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

template <typename T>
bool parseNumber(std::string_view text, T* out)
{
    const char* const end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, *out);
    return ec == std::errc() && ptr == end;
}

QString utf8(std::string_view text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

bool reportProgress(const ProgressCallback& progress, const TextLineReader& reader,
                    const QString& path, TrackImportResult* result)
{
    if (!progress)
        return true;
    Progress p;
    p.fraction = reader.fraction();
    p.message = QStringLiteral("%1: %2%").arg(fileName(path)).arg(static_cast<int>(p.fraction * 100));
    if (progress(p))
        return true;
    result->error = QStringLiteral("%1: import cancelled").arg(fileName(path));
    return false;
}

} // namespace

bool parseTrackFormat(const QString& key, TrackFormat* out)
{
    const QString k = key.toLower();
    if (k == QLatin1String("csv"))
        *out = TrackFormat::BinnedCsv;
    else if (k == QLatin1String("bedgraph"))
        *out = TrackFormat::BedGraph;
    else if (k == QLatin1String("bigwig"))
        *out = TrackFormat::BigWig;
    else
        return false;
    return true;
}

bool trackFormatFromFileName(const QString& path, TrackFormat* out)
{
    // "x.bedGraph.gz" is a bedGraph: text formats are read compressed or not; bigWig never is.
    QString name = QFileInfo(path).fileName().toLower();
    const bool gzip = name.endsWith(QLatin1String(".gz"));
    if (gzip)
        name.chop(3);
    const QString suffix = QFileInfo(name).suffix();
    if (gzip && (suffix == QLatin1String("bw") || suffix == QLatin1String("bigwig")))
        return false;
    if (suffix == QLatin1String("bw") || suffix == QLatin1String("bigwig"))
        *out = TrackFormat::BigWig;
    else if (suffix == QLatin1String("bedgraph") || suffix == QLatin1String("bg"))
        *out = TrackFormat::BedGraph;
    else if (suffix == QLatin1String("csv"))
        *out = TrackFormat::BinnedCsv;
    else
        return false;
    return true;
}

TrackImporter::TrackImporter(std::vector<GeneRecord> genes) : m_genes(std::move(genes)) {}

QString TrackImporter::normalizedChromosome(const QString& name)
{
    QString n = name.trimmed();
    if (n.startsWith(QLatin1String("chr"), Qt::CaseInsensitive))
        n = n.mid(3);
    if (n.compare(QLatin1String("MT"), Qt::CaseInsensitive) == 0)
        return QStringLiteral("M");
    // X, Y, M and Un are upper case in every assembly; contig suffixes keep their case.
    if (n.size() == 1)
        n = n.toUpper();
    return n;
}

TrackImportResult TrackImporter::importFile(TrackFormat format, const QString& path,
                                            const ProgressCallback& progress) const
{
    switch (format) {
    case TrackFormat::BinnedCsv: return importBinnedCsv(path, progress);
    case TrackFormat::BedGraph: return importBedGraph(path, progress);
    case TrackFormat::BigWig: return importBigWig(path, progress);
    }
    TrackImportResult r;
    r.error = QStringLiteral("%1: unknown track format").arg(path);
    return r;
}

TrackImportResult TrackImporter::importBinnedCsv(const QString& path,
                                                 const ProgressCallback& progress) const
{
    TrackImportResult result;
    TextLineReader reader;
    if (!reader.open(path, &result.error))
        return result;
    QHash<QString, int> index;
    for (int g = 0; g < static_cast<int>(m_genes.size()); ++g)
        index.insert(m_genes[g].remcId, g);
    std::vector<float> values(m_genes.size() * kBins, kNaN);
    QSet<QString> unknownGenes;
    qint64 lineNo = 0;
    qint64 rows = 0;
    qint64 matched = 0;
    QByteArray raw;
    while (reader.readLine(&raw, &result.error)) {
        const QByteArray line = raw.trimmed();
        ++lineNo;
        if (lineNo % 65536 == 0 && !reportProgress(progress, reader, path, &result))
            return result;
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        const QList<QByteArray> f = line.split(',');
        if (f.size() != 3) {
            result.error = QStringLiteral("%1: expected 3 comma-separated fields "
                                          "(GeneID,BinID,value), found %2")
                               .arg(fileLine(path, lineNo))
                               .arg(f.size());
            return result;
        }
        bool binOk = false;
        const int bin = f[1].trimmed().toInt(&binOk);
        if (!binOk && rows == 0 && lineNo == 1)
            continue; // a header line
        if (!binOk || bin < 1 || bin > kBins) {
            result.error = QStringLiteral("%1: BinID '%2' is not an integer in 1..%3")
                               .arg(fileLine(path, lineNo), QString::fromUtf8(f[1]))
                               .arg(kBins);
            return result;
        }
        bool valueOk = false;
        const double v = f[2].trimmed().toDouble(&valueOk);
        if (!valueOk || !std::isfinite(v)) {
            result.error = QStringLiteral("%1: value '%2' is not a finite number")
                               .arg(fileLine(path, lineNo), QString::fromUtf8(f[2]));
            return result;
        }
        ++rows;
        const QString gene = QString::fromUtf8(f[0].trimmed());
        const auto it = index.constFind(gene);
        if (it == index.cend()) {
            unknownGenes.insert(gene);
            continue;
        }
        float& cell = values[static_cast<std::size_t>(*it) * kBins + (bin - 1)];
        if (!std::isnan(cell)) {
            result.error = QStringLiteral("%1: gene %2 bin %3 appears twice")
                               .arg(fileLine(path, lineNo), gene)
                               .arg(bin);
            return result;
        }
        cell = static_cast<float>(v);
        ++matched;
    }
    if (!result.error.isEmpty()) // a read error ended the loop
        return result;
    if (rows == 0) {
        result.error = QStringLiteral("%1: no data rows").arg(fileName(path));
        return result;
    }
    if (matched == 0) {
        result.error = QStringLiteral("%1: none of its gene ids (%2) is a gene of the cell type")
                           .arg(fileName(path), firstFew(QStringList(unknownGenes.values())));
        return result;
    }
    if (!unknownGenes.isEmpty())
        result.warnings << QStringLiteral("%1: ignored %2 gene ids that are not genes of the cell "
                                          "type: %3")
                               .arg(fileName(path))
                               .arg(unknownGenes.size())
                               .arg(firstFew(QStringList(unknownGenes.values())));
    int missing = 0;
    int incomplete = 0;
    for (std::size_t g = 0; g < m_genes.size(); ++g) {
        const float* row = values.data() + g * kBins;
        const int nan = static_cast<int>(std::count_if(row, row + kBins,
                                                       [](float v) { return std::isnan(v); }));
        if (nan == kBins)
            ++missing;
        else if (nan > 0)
            ++incomplete;
    }
    setTrack(path, m_name, std::move(values), missing, &result);
    if (incomplete > 0)
        result.warnings << QStringLiteral("%1 genes lack some bins in %2: those bins are NaN")
                               .arg(incomplete)
                               .arg(fileName(path));
    return result;
}

TrackImportResult TrackImporter::importBedGraph(const QString& path,
                                                const ProgressCallback& progress) const
{
    TrackImportResult result;
    TextLineReader reader;
    if (!reader.open(path, &result.error))
        return result;
    Binner binner(m_genes);
    QHash<QString, Range> ranges;  // by normalised name
    QStringList fileChroms;        // raw names in file order
    QSet<QString> finished;        // normalised names of chromosomes already left
    QString chrom;                 // raw name of the current run
    QByteArray chromBytes;         // the same, as in the file
    QString chromKey;              // its normalised name
    const std::vector<Window>* windows = nullptr;
    Range* range = nullptr;
    std::int64_t prevStart = -1;
    std::int64_t prevEnd = -1;
    qint64 lineNo = 0;
    qint64 intervals = 0;
    QByteArray line;
    while (reader.readLine(&line, &result.error)) {
        ++lineNo;
        if (lineNo % 65536 == 0 && !reportProgress(progress, reader, path, &result))
            return result;
        const QByteArray t = line.trimmed();
        if (t.isEmpty() || t.startsWith('#') || t.startsWith("track") || t.startsWith("browser"))
            continue;
        std::array<std::string_view, 4> f;
        const std::size_t fieldCount = whitespaceFields(t, &f);
        if (fieldCount != 4) {
            result.error = QStringLiteral("%1: expected 4 fields (chrom start end value), found %2")
                               .arg(fileLine(path, lineNo),
                                    fieldCount > 4 ? QStringLiteral("more") : QString::number(fieldCount));
            return result;
        }
        std::int64_t start = 0;
        std::int64_t end = 0;
        double value = 0;
        const bool okV = parseNumber(f[3], &value);
        if (!parseNumber(f[1], &start) || !parseNumber(f[2], &end) || start < 0 || end < 0) {
            result.error = QStringLiteral("%1: start and end must be non-negative integers, found "
                                          "'%2' and '%3'")
                               .arg(fileLine(path, lineNo), utf8(f[1]), utf8(f[2]));
            return result;
        }
        if (end <= start) {
            result.error = QStringLiteral("%1: end %2 is not after start %3")
                               .arg(fileLine(path, lineNo))
                               .arg(end)
                               .arg(start);
            return result;
        }
        if (!okV || !std::isfinite(value)) {
            result.error = QStringLiteral("%1: value '%2' is not a finite number")
                               .arg(fileLine(path, lineNo), utf8(f[3]));
            return result;
        }
        if (f[0] != std::string_view(chromBytes.constData(), std::size_t(chromBytes.size()))) {
            const QString name = utf8(f[0]);
            const QString key = normalizedChromosome(name);
            if (key == chromKey || finished.contains(key)) {
                result.error = QStringLiteral("%1: chromosome '%2' appears again after other "
                                              "chromosomes: the file must be sorted by chromosome, "
                                              "then start (sort -k1,1 -k2,2n)")
                                   .arg(fileLine(path, lineNo), name);
                return result;
            }
            if (!chromKey.isEmpty())
                finished.insert(chromKey);
            chrom = name;
            chromBytes = QByteArray(f[0].data(), qsizetype(f[0].size()));
            chromKey = key;
            fileChroms << name;
            windows = binner.windows(key);
            range = &ranges[key];
            range->start = start;
            prevStart = -1;
            prevEnd = -1;
        } else if (start < prevStart) {
            result.error = QStringLiteral("%1: intervals are not sorted: %2:%3-%4 starts before the "
                                          "previous interval %2:%5-%6 (sort -k1,1 -k2,2n)")
                               .arg(fileLine(path, lineNo), chrom)
                               .arg(start)
                               .arg(end)
                               .arg(prevStart)
                               .arg(prevEnd);
            return result;
        } else if (start < prevEnd) {
            result.error = QStringLiteral("%1: interval %2:%3-%4 overlaps the previous interval "
                                          "%2:%5-%6")
                               .arg(fileLine(path, lineNo), chrom)
                               .arg(start)
                               .arg(end)
                               .arg(prevStart)
                               .arg(prevEnd);
            return result;
        }
        prevStart = start;
        prevEnd = end;
        range->end = end;
        ++intervals;
        if (windows)
            binner.add(*windows, start, end, value);
    }
    if (!result.error.isEmpty()) // a read error ended the loop
        return result;
    if (intervals == 0) {
        result.error = QStringLiteral("%1: no intervals").arg(fileName(path));
        return result;
    }
    if (!checkChromosomes(path, fileChroms, binner, &result))
        return result;
    finishResult(path, m_name, binner, ranges, &result);
    return result;
}

TrackImportResult TrackImporter::importBigWig(const QString& path,
                                              const ProgressCallback& progress) const
{
    TrackImportResult result;
    const QFileInfo info(path);
    if (!info.exists() || !info.isFile() || !info.isReadable()) {
        result.error = QStringLiteral("%1: cannot open: no readable file").arg(path);
        return result;
    }
    initBigWigLibrary();
    const QByteArray local = QFile::encodeName(path);
    bigWigFile_t* fp = bwOpen(local.constData(), nullptr, "r");
    if (!fp || !fp->cl) {
        if (fp)
            bwClose(fp);
        result.error = QStringLiteral("%1: not a readable bigWig file").arg(fileName(path));
        return result;
    }
    std::unique_ptr<bigWigFile_t, void (*)(bigWigFile_t*)> closer(fp, bwClose);

    Binner binner(m_genes);
    QStringList fileChroms;
    QHash<QString, QPair<QByteArray, std::int64_t>> chroms; // normalised → raw name, length
    for (std::int64_t i = 0; i < fp->cl->nKeys; ++i) {
        const QString name = QString::fromUtf8(fp->cl->chrom[i]);
        fileChroms << name;
        chroms.insert(normalizedChromosome(name),
                      {QByteArray(fp->cl->chrom[i]), static_cast<std::int64_t>(fp->cl->len[i])});
    }
    if (fileChroms.isEmpty()) {
        result.error = QStringLiteral("%1: the bigWig file lists no chromosome").arg(fileName(path));
        return result;
    }
    if (!checkChromosomes(path, fileChroms, binner, &result))
        return result;

    QHash<QString, Range> ranges;
    const QStringList geneChroms = binner.chromosomes();
    int done = 0;
    for (const QString& key : geneChroms) {
        ++done;
        const auto c = chroms.constFind(key);
        if (c == chroms.cend())
            continue;
        const char* raw = c->first.constData();
        const std::int64_t length = c->second;
        // A chromosome listed in the header but without data is missing, not zero.
        bwOverlapIterator_t* it = bwOverlappingIntervalsIterator(
            fp, raw, 0, static_cast<std::uint32_t>(length), 1);
        const bool hasData = it && it->intervals && it->intervals->l > 0;
        if (it)
            bwIteratorDestroy(it);
        if (!hasData)
            continue;
        ranges.insert(key, Range{0, length});
        for (const Window& w : *binner.windows(key)) {
            const std::int64_t s = std::max<std::int64_t>(0, w.start);
            const std::int64_t e = std::min(length, w.start + kWindow);
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
        if (progress) {
            Progress p;
            p.fraction = static_cast<double>(done) / geneChroms.size();
            p.message = QStringLiteral("%1: %2").arg(fileName(path), QString::fromUtf8(raw));
            if (!progress(p)) {
                result.error = QStringLiteral("%1: import cancelled").arg(fileName(path));
                return result;
            }
        }
    }
    finishResult(path, m_name, binner, ranges, &result);
    return result;
}

} // namespace ac
