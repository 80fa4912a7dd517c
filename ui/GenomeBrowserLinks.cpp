#include "GenomeBrowserLinks.h"

#include "data/TrackBinner.h"
#include "domain/GenomeAssembly.h"

#include <QUrlQuery>

namespace ac
{

namespace
{

/// The locus with its chromosome as `chrom` (1-based inclusive, as the browsers read it).
QString span(const GeneLocus& locus, const QString& chrom)
{
    GeneLocus named = locus;
    named.chrom = chrom;
    return named.text();
}

QString known(const QString& assembly)
{
    return assembly.isEmpty() ? GenomeAssembly::defaultName() : assembly;
}

} // namespace

QUrl GenomeBrowserLinks::ensembl(const QString& assembly, const GeneLocus& locus)
{
    QString chrom = TrackBinner::normalizedChromosome(locus.chrom);
    if (chrom == QLatin1String("M"))
        chrom = QStringLiteral("MT");
    QUrl url(known(assembly) == QLatin1String("hg19") ? QStringLiteral("https://grch37.ensembl.org")
                                                      : QStringLiteral("https://www.ensembl.org"));
    url.setPath(QStringLiteral("/Homo_sapiens/Location/View"));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("r"), span(locus, chrom));
    url.setQuery(query);
    return url;
}

QUrl GenomeBrowserLinks::ucsc(const QString& assembly, const GeneLocus& locus)
{
    QUrl url(QStringLiteral("https://genome.ucsc.edu/cgi-bin/hgTracks"));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("db"), known(assembly));
    query.addQueryItem(
        QStringLiteral("position"),
        span(locus, QStringLiteral("chr") + TrackBinner::normalizedChromosome(locus.chrom)));
    url.setQuery(query);
    return url;
}

} // namespace ac
