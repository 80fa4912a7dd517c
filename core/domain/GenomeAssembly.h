#pragma once

#include <QString>
#include <QStringList>
#include <cstdint>
#include <vector>

namespace ac
{

/**
 * The human genome assemblies the program knows: "hg19" (GRCh37, the assembly of the REMC data)
 * and "hg38" (GRCh38). The one table of their chromosome lengths in the program: the primary
 * chromosomes under their UCSC names (chr1 … chr22, chrX, chrY, chrM), from the UCSC
 * `chrom.sizes` files of each assembly.
 *
 * Stateless; every function is safe to call from any thread. Unknown names give empty results,
 * never an error.
 */
class GenomeAssembly
{
public:
    /// One chromosome of an assembly: UCSC name and length in bp.
    struct Chromosome {
        QString name;
        std::int64_t length = 0;
    };

    /// The known assemblies, oldest first: {"hg19", "hg38"}.
    static QStringList names();
    static bool isKnown(const QString& name);
    /// "hg19": the assembly of the REMC data, assumed for studies that do not record one.
    static QString defaultName();
    /// For people: "hg19 (GRCh37)", "hg38 (GRCh38)"; the name itself when unknown.
    static QString displayName(const QString& name);
    /// The primary chromosomes of `name` with their lengths, chr1 first; empty when unknown.
    static const std::vector<Chromosome>& chromosomeLengths(const QString& name);
    /// Length of chromosome `chrom` (UCSC name, e.g. "chr21") in `name`; 0 when either is unknown.
    static std::int64_t chromosomeLength(const QString& name, const QString& chrom);
};

} // namespace ac
