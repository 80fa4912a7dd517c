#include "GenomeAssembly.h"

#include <iterator>

namespace ac
{

namespace
{

struct Chromosome {
    const char* name;
    std::int64_t length;
};

// UCSC hg19 (GRCh37) chromInfo.
const Chromosome kHg19[] = {
    {"chr1", 249250621},  {"chr2", 243199373},  {"chr3", 198022430},  {"chr4", 191154276},
    {"chr5", 180915260},  {"chr6", 171115067},  {"chr7", 159138663},  {"chr8", 146364022},
    {"chr9", 141213431},  {"chr10", 135534747}, {"chr11", 135006516}, {"chr12", 133851895},
    {"chr13", 115169878}, {"chr14", 107349540}, {"chr15", 102531392}, {"chr16", 90354753},
    {"chr17", 81195210},  {"chr18", 78077248},  {"chr19", 59128983},  {"chr20", 63025520},
    {"chr21", 48129895},  {"chr22", 51304566},  {"chrX", 155270560},  {"chrY", 59373566}};

} // namespace

QStringList GenomeAssembly::names()
{
    return {QStringLiteral("hg19")};
}

QStringList GenomeAssembly::chromosomes(const QString& assembly)
{
    QStringList out;
    if (assembly == QLatin1String("hg19"))
        for (const Chromosome& c : kHg19)
            out << QLatin1String(c.name);
    return out;
}

std::int64_t GenomeAssembly::chromosomeLength(const QString& assembly, const QString& chrom)
{
    if (assembly != QLatin1String("hg19"))
        return 0;
    for (const Chromosome& c : kHg19)
        if (chrom == QLatin1String(c.name))
            return c.length;
    return 0;
}

} // namespace ac
