#pragma once

#include <QString>
#include <QStringList>

#include <cstdint>

namespace ac
{

/**
 * Chromosome lengths of the genome assemblies the application knows (UCSC names chr1 … chr22,
 * chrX, chrY), from the UCSC chromInfo tables: the one place that holds them (the simulator places
 * its genes within them).
 *
 * Plain functions of constant data; any thread; never throws. Unknown names give 0 / empty.
 */
class GenomeAssembly
{
public:
    /// The known assemblies, e.g. {"hg19"}.
    static QStringList names();
    /// The chromosomes of `assembly` in karyotype order; empty when unknown.
    static QStringList chromosomes(const QString& assembly);
    /// Length in bp of `chrom` in `assembly`; 0 when either is unknown.
    static std::int64_t chromosomeLength(const QString& assembly, const QString& chrom);
};

} // namespace ac
