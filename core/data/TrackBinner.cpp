#include "data/TrackBinner.h"

#include "data/TrackReaderSupport.h"
#include "domain/GeneLocus.h"
#include "domain/RemcLayout.h"

#include <algorithm>
#include <limits>

namespace ac
{

namespace
{

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

} // namespace

TrackBinner::TrackBinner(const std::vector<GeneRecord>& genes)
    : m_geneCount(static_cast<int>(genes.size())),
      m_sums(static_cast<std::size_t>(genes.size()) * kBins, 0.0)
{
    for (int g = 0; g < m_geneCount; ++g) {
        const GeneRecord& r = genes[g];
        GeneLocus locus;
        if (!GeneLocus::ofWindow(r, kBins, kBinSize, remc::kWindowStart, &locus)) {
            ++m_withoutLocus;
            continue;
        }
        Window w;
        w.gene = g;
        w.minus = r.strand == '-';
        w.start = locus.start;
        m_windows[normalizedChromosome(r.chrom)].push_back(w);
        m_rawNames.insert(r.chrom);
    }
    for (auto it = m_windows.begin(); it != m_windows.end(); ++it)
        std::sort(it->begin(), it->end(),
                  [](const Window& a, const Window& b) { return a.start < b.start; });
}

QString TrackBinner::normalizedChromosome(const QString& name)
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

const std::vector<TrackBinner::Window>* TrackBinner::windows(const QString& chrom) const
{
    const auto it = m_windows.constFind(chrom);
    return it == m_windows.cend() ? nullptr : &*it;
}

bool TrackBinner::checkChromosomes(const QString& path, const QStringList& fileChroms,
                                   TrackImportResult* result) const
{
    QStringList unknown;
    bool anyKnown = false;
    bool renamed = false;
    for (const QString& c : fileChroms) {
        if (windows(normalizedChromosome(c))) {
            anyKnown = true;
            if (!m_rawNames.contains(c))
                renamed = true;
        } else {
            unknown << c;
        }
    }
    const QString file = trackio::fileName(path);
    if (!anyKnown) {
        result->error = QStringLiteral("%1: none of its chromosomes (%2) is a chromosome of the "
                                       "genes' annotation (%3)")
                            .arg(file, trackio::firstFew(fileChroms),
                                 trackio::firstFew(QStringList(m_rawNames.values())));
        return false;
    }
    if (renamed)
        result->warnings << QStringLiteral("%1: chromosome names matched after normalising "
                                           "(e.g. '1' and 'chr1' are the same chromosome)")
                                .arg(file);
    if (!unknown.isEmpty())
        result->warnings << QStringLiteral("%1: ignored chromosomes without an annotated gene: %2")
                                .arg(file, trackio::firstFew(unknown));
    return true;
}

void TrackBinner::finish(const QString& path, const QString& name,
                         const QHash<QString, Range>& ranges, TrackImportResult* result) const
{
    int missing = 0;
    std::vector<float> values = means(ranges, &missing);
    if (m_withoutLocus > 0)
        result->warnings << QStringLiteral("%1 genes have no locus (chromosome, TSS, strand) in "
                                           "the annotation: their track is missing (NaN)")
                                .arg(m_withoutLocus);
    trackio::setTrack(path, name, std::move(values), missing, result);
}

std::vector<float> TrackBinner::means(const QHash<QString, Range>& ranges, int* missingGenes) const
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

} // namespace ac
