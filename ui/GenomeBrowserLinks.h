#pragma once

#include "domain/GeneLocus.h"

#include <QString>
#include <QUrl>

namespace ac
{

/**
 * Addresses of a locus in the public genome browsers (issue 15), for the gene header's
 * link-outs: Ensembl (GRCh37 archive site for hg19, the current site for hg38; chromosome
 * without "chr", "MT" for chrM) and the UCSC Genome Browser (db = the assembly). An empty
 * assembly is hg19 (GenomeAssembly::defaultName()). Stateless; reentrant.
 */
class GenomeBrowserLinks
{
public:
    /// e.g. https://grch37.ensembl.org/Homo_sapiens/Location/View?r=X:99889989-99899988
    static QUrl ensembl(const QString& assembly, const GeneLocus& locus);
    /// e.g. https://genome.ucsc.edu/cgi-bin/hgTracks?db=hg19&position=chrX:99889989-99899988
    static QUrl ucsc(const QString& assembly, const GeneLocus& locus);
};

} // namespace ac
