#include "domain/GenomeAssembly.h"

namespace ac
{

namespace
{

// UCSC hg19.chrom.sizes and hg38.chrom.sizes, primary chromosomes only.
const std::vector<GenomeAssembly::Chromosome>& hg19()
{
    static const std::vector<GenomeAssembly::Chromosome> table{
        {QStringLiteral("chr1"), 249250621},  {QStringLiteral("chr2"), 243199373},
        {QStringLiteral("chr3"), 198022430},  {QStringLiteral("chr4"), 191154276},
        {QStringLiteral("chr5"), 180915260},  {QStringLiteral("chr6"), 171115067},
        {QStringLiteral("chr7"), 159138663},  {QStringLiteral("chr8"), 146364022},
        {QStringLiteral("chr9"), 141213431},  {QStringLiteral("chr10"), 135534747},
        {QStringLiteral("chr11"), 135006516}, {QStringLiteral("chr12"), 133851895},
        {QStringLiteral("chr13"), 115169878}, {QStringLiteral("chr14"), 107349540},
        {QStringLiteral("chr15"), 102531392}, {QStringLiteral("chr16"), 90354753},
        {QStringLiteral("chr17"), 81195210},  {QStringLiteral("chr18"), 78077248},
        {QStringLiteral("chr19"), 59128983},  {QStringLiteral("chr20"), 63025520},
        {QStringLiteral("chr21"), 48129895},  {QStringLiteral("chr22"), 51304566},
        {QStringLiteral("chrX"), 155270560},  {QStringLiteral("chrY"), 59373566},
        {QStringLiteral("chrM"), 16571}};
    return table;
}

const std::vector<GenomeAssembly::Chromosome>& hg38()
{
    static const std::vector<GenomeAssembly::Chromosome> table{
        {QStringLiteral("chr1"), 248956422},  {QStringLiteral("chr2"), 242193529},
        {QStringLiteral("chr3"), 198295559},  {QStringLiteral("chr4"), 190214555},
        {QStringLiteral("chr5"), 181538259},  {QStringLiteral("chr6"), 170805979},
        {QStringLiteral("chr7"), 159345973},  {QStringLiteral("chr8"), 145138636},
        {QStringLiteral("chr9"), 138394717},  {QStringLiteral("chr10"), 133797422},
        {QStringLiteral("chr11"), 135086622}, {QStringLiteral("chr12"), 133275309},
        {QStringLiteral("chr13"), 114364328}, {QStringLiteral("chr14"), 107043718},
        {QStringLiteral("chr15"), 101991189}, {QStringLiteral("chr16"), 90338345},
        {QStringLiteral("chr17"), 83257441},  {QStringLiteral("chr18"), 80373285},
        {QStringLiteral("chr19"), 58617616},  {QStringLiteral("chr20"), 64444167},
        {QStringLiteral("chr21"), 46709983},  {QStringLiteral("chr22"), 50818468},
        {QStringLiteral("chrX"), 156040895},  {QStringLiteral("chrY"), 57227415},
        {QStringLiteral("chrM"), 16569}};
    return table;
}

} // namespace

QStringList GenomeAssembly::names()
{
    return {QStringLiteral("hg19"), QStringLiteral("hg38")};
}

bool GenomeAssembly::isKnown(const QString& name)
{
    return names().contains(name);
}

QString GenomeAssembly::defaultName()
{
    return QStringLiteral("hg19");
}

QString GenomeAssembly::displayName(const QString& name)
{
    if (name == QLatin1String("hg19"))
        return QStringLiteral("hg19 (GRCh37)");
    if (name == QLatin1String("hg38"))
        return QStringLiteral("hg38 (GRCh38)");
    return name;
}

const std::vector<GenomeAssembly::Chromosome>&
GenomeAssembly::chromosomeLengths(const QString& name)
{
    static const std::vector<Chromosome> none;
    if (name == QLatin1String("hg19"))
        return hg19();
    if (name == QLatin1String("hg38"))
        return hg38();
    return none;
}

std::int64_t GenomeAssembly::chromosomeLength(const QString& name, const QString& chrom)
{
    for (const Chromosome& c : chromosomeLengths(name))
        if (c.name == chrom)
            return c.length;
    return 0;
}

} // namespace ac
