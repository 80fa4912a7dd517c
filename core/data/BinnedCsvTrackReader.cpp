#include "data/BinnedCsvTrackReader.h"

#include "data/Float32Range.h"
#include "data/TrackReaderSupport.h"
#include "domain/RemcLayout.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ac
{

namespace
{

constexpr int kBins = remc::kBinCount;

} // namespace

BinnedCsvTrackReader::BinnedCsvTrackReader(const std::vector<GeneRecord>& genes,
                                           const QString& trackName)
    : m_genes(genes), m_name(trackName)
{
}

TrackImportResult BinnedCsvTrackReader::read(const QString& path, const ProgressCallback& progress)
{
    TrackImportResult result;
    m_path = path;
    for (int g = 0; g < static_cast<int>(m_genes.size()); ++g)
        m_index.insert(m_genes[g].remcId, g);
    m_values.assign(m_genes.size() * kBins, std::numeric_limits<float>::quiet_NaN());
    const bool read = trackio::forEachLine(
        path, progress, &result, [this](const QByteArray& line, qint64 lineNo, QString* error) {
            m_lineNo = lineNo;
            return readRow(line.trimmed(), error);
        });
    if (read)
        finish(&result);
    return result;
}

/// One line: a row is stored; blank, comment and header lines are skipped. False on an error.
bool BinnedCsvTrackReader::readRow(const QByteArray& line, QString* error)
{
    if (line.isEmpty() || line.startsWith('#'))
        return true;
    const QList<QByteArray> f = line.split(',');
    if (f.size() != 3) {
        *error = QStringLiteral("%1: expected 3 comma-separated fields "
                                "(GeneID,BinID,value), found %2")
                     .arg(trackio::fileLine(m_path, m_lineNo))
                     .arg(f.size());
        return false;
    }
    bool binOk = false;
    const int bin = f[1].trimmed().toInt(&binOk);
    if (!binOk && m_rows == 0 && m_lineNo == 1)
        return true; // a header line
    if (!binOk || bin < 1 || bin > kBins) {
        *error = QStringLiteral("%1: BinID '%2' is not an integer in 1..%3")
                     .arg(trackio::fileLine(m_path, m_lineNo), QString::fromUtf8(f[1]))
                     .arg(kBins);
        return false;
    }
    bool valueOk = false;
    const double v = f[2].trimmed().toDouble(&valueOk);
    if (!valueOk || !fitsFloat32(v)) {
        *error = trackio::badValue(trackio::fileLine(m_path, m_lineNo), QString::fromUtf8(f[2]),
                                   valueOk && std::isfinite(v));
        return false;
    }
    ++m_rows;
    return placeValue(QString::fromUtf8(f[0].trimmed()), bin, v, error);
}

/// Stores `value` at (`gene`, `bin`); other genes are noted; false when the cell has a value.
bool BinnedCsvTrackReader::placeValue(const QString& gene, int bin, double value, QString* error)
{
    const auto it = m_index.constFind(gene);
    if (it == m_index.cend()) {
        m_unknownGenes.insert(gene);
        return true;
    }
    float& cell = m_values[static_cast<std::size_t>(*it) * kBins + (bin - 1)];
    if (!std::isnan(cell)) {
        *error = QStringLiteral("%1: gene %2 bin %3 appears twice")
                     .arg(trackio::fileLine(m_path, m_lineNo), gene)
                     .arg(bin);
        return false;
    }
    cell = static_cast<float>(value);
    ++m_matched;
    return true;
}

/// Whole-file checks, then the track with warnings for unknown genes and missing bins.
void BinnedCsvTrackReader::finish(TrackImportResult* result)
{
    const QString file = trackio::fileName(m_path);
    if (m_rows == 0) {
        result->error = QStringLiteral("%1: no data rows").arg(file);
        return;
    }
    const QStringList unknown(m_unknownGenes.values());
    if (m_matched == 0) {
        result->error = QStringLiteral("%1: none of its gene ids (%2) is a gene of the cell type")
                            .arg(file, trackio::firstFew(unknown));
        return;
    }
    if (!unknown.isEmpty())
        result->warnings << QStringLiteral("%1: ignored %2 gene ids that are not genes of the "
                                           "cell type: %3")
                                .arg(file)
                                .arg(unknown.size())
                                .arg(trackio::firstFew(unknown));
    int missing = 0;
    int incomplete = 0;
    for (std::size_t g = 0; g < m_genes.size(); ++g) {
        const float* row = m_values.data() + g * kBins;
        const int nan = static_cast<int>(
            std::count_if(row, row + kBins, [](float v) { return std::isnan(v); }));
        if (nan == kBins)
            ++missing;
        else if (nan > 0)
            ++incomplete;
    }
    trackio::setTrack(m_path, m_name, std::move(m_values), missing, result);
    if (incomplete > 0)
        result->warnings << QStringLiteral("%1 genes lack some bins in %2: those bins are NaN")
                                .arg(incomplete)
                                .arg(file);
}

} // namespace ac
