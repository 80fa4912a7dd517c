#include "data/TrackImporter.h"

#include "data/BedGraphTrackReader.h"
#include "data/BigWigTrackReader.h"
#include "data/BinnedCsvTrackReader.h"
#include "data/PrintableText.h"
#include "data/TrackBinner.h"

#include <QFileInfo>

namespace ac
{

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

namespace
{

/// `r` with control characters of quoted input escaped (issue 13, finding 12).
TrackImportResult escaped(TrackImportResult r)
{
    r.error = printableText(r.error);
    for (QString& w : r.warnings)
        w = printableText(w);
    return r;
}

} // namespace

TrackImporter::TrackImporter(std::vector<GeneRecord> genes) : m_genes(std::move(genes)) {}

QString TrackImporter::normalizedChromosome(const QString& name)
{
    return TrackBinner::normalizedChromosome(name);
}

TrackImportResult TrackImporter::importFile(TrackFormat format, const QString& path,
                                            const ProgressCallback& progress) const
{
    switch (format) {
    case TrackFormat::BinnedCsv:
        return importBinnedCsv(path, progress);
    case TrackFormat::BedGraph:
        return importBedGraph(path, progress);
    case TrackFormat::BigWig:
        return importBigWig(path, progress);
    }
    TrackImportResult r;
    r.error = QStringLiteral("%1: unknown track format").arg(path);
    return r;
}

TrackImportResult TrackImporter::importBinnedCsv(const QString& path,
                                                 const ProgressCallback& progress) const
{
    return escaped(BinnedCsvTrackReader(m_genes, m_name).read(path, progress));
}

TrackImportResult TrackImporter::importBedGraph(const QString& path,
                                                const ProgressCallback& progress) const
{
    return escaped(BedGraphTrackReader(m_genes, m_name).read(path, progress));
}

TrackImportResult TrackImporter::importBigWig(const QString& path,
                                              const ProgressCallback& progress) const
{
    return escaped(BigWigTrackReader(m_genes, m_name).read(path, progress));
}

} // namespace ac
