#include "data/Simulator.h"

#include "domain/GenomeAssembly.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <string>

namespace ac
{

namespace
{

constexpr double kPi = 3.14159265358979323846;

/// splitmix64: derives independent seeds for the gene table and for each cell.
std::uint64_t mixSeed(std::uint64_t seed, std::uint64_t stream)
{
    std::uint64_t z = seed + 0x9e3779b97f4a7c15ULL * (stream + 1);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/// Samplers written out so that results do not depend on the standard library's
/// distribution implementations (which differ between libstdc++ and libc++ versions).
class Sampler
{
public:
    explicit Sampler(std::uint64_t seed) : m_rng(seed) {}

    /// Uniform in [0, 1), 53 random bits.
    double uniform() { return static_cast<double>(m_rng() >> 11) * 0x1.0p-53; }
    double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
    /// Uniform integer in [0, n).
    std::uint64_t index(std::uint64_t n)
    {
        return static_cast<std::uint64_t>(uniform() * double(n));
    }

    /// Standard normal (Box-Muller; one value per call keeps the stream simple to reason about).
    double normal()
    {
        const double u1 = 1.0 - uniform(); // (0, 1]
        const double u2 = uniform();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * kPi * u2);
    }

    /// Gamma(shape, scale) by Marsaglia and Tsang; shape < 1 through the u^(1/shape) boost.
    double gamma(double shape, double scale)
    {
        if (shape < 1.0)
            return gamma(shape + 1.0, scale) * std::pow(1.0 - uniform(), 1.0 / shape);
        const double d = shape - 1.0 / 3.0;
        const double c = 1.0 / std::sqrt(9.0 * d);
        for (;;) {
            double x;
            double v;
            do {
                x = normal();
                v = 1.0 + c * x;
            } while (v <= 0.0);
            v = v * v * v;
            const double u = 1.0 - uniform();
            if (u < 1.0 - 0.0331 * x * x * x * x)
                return d * v * scale;
            if (std::log(u) < 0.5 * x * x + d * (1.0 - v + std::log(v)))
                return d * v * scale;
        }
    }

    /// Poisson(mean): multiplication method for small means, rounded normal for large ones
    /// (counts here rarely exceed a few dozen, where the approximation is close).
    int poisson(double mean)
    {
        if (mean <= 0.0)
            return 0;
        if (mean < 30.0) {
            const double limit = std::exp(-mean);
            int k = 0;
            double prod = 1.0 - uniform();
            while (prod > limit) {
                ++k;
                prod *= 1.0 - uniform();
            }
            return k;
        }
        const double x = std::floor(mean + std::sqrt(mean) * normal() + 0.5);
        return x < 0 ? 0 : static_cast<int>(x);
    }

    /// Negative binomial as a gamma-Poisson mixture: mean `mean`, variance mean + mean²/shape.
    int negativeBinomial(double mean, double shape) { return poisson(gamma(shape, mean / shape)); }

private:
    std::mt19937_64 m_rng;
};

double bump(double x, double centre, double width)
{
    const double t = (x - centre) / width;
    return std::exp(-0.5 * t * t);
}

// Shape of the simulated biology (bp and expected counts per 100 bp bin). Peak heights and
// widths follow the REMC data users import: in E123, the highest H3K4me3 bin of an expressed
// gene holds a median of ~106 reads (90th percentile ~164) and ~12 bins (1.2 kb) are above half
// of it; H3K4me1 bins reach ~10 reads at the 90th percentile. Counts this high drive the LSTM
// into saturation at the peak, which is where gradient maps and attention part ways.
constexpr double kPromoterPeak = 110;  // H3K4me3 expected reads at the active promoter
constexpr double kPromoterWidth = 600; // H3K4me3 peak sd
constexpr double kAcetylPeak = 40;     // H3K27ac expected reads at the active promoter
constexpr double kAcetylWidth = 700;   // H3K27ac peak sd
constexpr double kEnhancerPeak = 16;   // H3K4me1 expected reads at a fully active enhancer
constexpr double kEnhancerDistance = 1500;
constexpr double kEnhancerWidth = 500;
constexpr double kPolycombWidth = 2500;
constexpr double kDispersion = 30.0; // NB shape: variance = m + m²/30
constexpr double kLabelNoise = 0.7;  // sd of expression noise on top of activity

} // namespace

SimulationConfig SimulationConfig::demo()
{
    SimulationConfig c;
    c.cells = 3;
    c.genesPerCell = 2000;
    c.seed = 20171204; // the day AttentiveChrome was presented at NIPS 2017
    return c;
}

QString SimulationConfig::validate() const
{
    if (cells < 1 || cells > 1000)
        return QStringLiteral("cells must be between 1 and 1000 (got %1)").arg(cells);
    if (genesPerCell < 3 || genesPerCell > 100000)
        return QStringLiteral("genes per cell must be between 3 and 100000 (got %1)")
            .arg(genesPerCell);
    if (!(trainFraction > 0) || !(validFraction > 0) || trainFraction + validFraction >= 1.0)
        return QStringLiteral("train and valid fractions must be positive and leave room for test");
    return {};
}

Simulator::Simulator(const SimulationConfig& config) : m_config(config)
{
    const int n = std::max(config.genesPerCell, 0);
    Sampler rng(mixSeed(config.seed, 0));
    static const char* const kChroms[] = {"chr1",  "chr2",  "chr3",  "chr4",  "chr5",  "chr6",
                                          "chr7",  "chr8",  "chr9",  "chr10", "chr11", "chr12",
                                          "chr13", "chr14", "chr15", "chr16", "chr17", "chr18",
                                          "chr19", "chr20", "chr21", "chr22", "chrX"};
    constexpr int kChromCount = sizeof(kChroms) / sizeof(kChroms[0]);
    const int width = std::max(5, static_cast<int>(std::to_string(n).size()));

    std::vector<Gene> genes(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
        Gene& g = genes[static_cast<std::size_t>(i)];
        g.record.remcId = QStringLiteral("S%1").arg(i + 1, width, 10, QLatin1Char('0'));
        g.record.symbol = QStringLiteral("SIM%1").arg(i + 1);
        g.record.chrom = QLatin1String(kChroms[rng.index(kChromCount)]);
        // Within the chromosome (hg19), 1 Mb clear of either end.
        const std::int64_t length =
            GenomeAssembly::chromosomeLength(QStringLiteral("hg19"), g.record.chrom);
        g.record.tss =
            1000000 + static_cast<std::int64_t>(rng.index(std::uint64_t(length - 2000000)));
        g.record.strand = rng.uniform() < 0.5 ? '+' : '-';
        g.baseActivity = rng.normal();
        g.promoterOffset = std::clamp(150.0 + 450.0 * rng.normal(), -1800.0, 1800.0);
        g.heterochromatin = rng.gamma(2.0, 0.5);
    }
    // Split: a seeded shuffle, then train | valid | test, each in gene-number order.
    std::vector<int> order(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i)
        order[static_cast<std::size_t>(i)] = i;
    for (int i = n - 1; i > 0; --i)
        std::swap(order[static_cast<std::size_t>(i)],
                  order[rng.index(static_cast<std::uint64_t>(i) + 1)]);
    const int nTrain = static_cast<int>(std::lround(n * config.trainFraction));
    const int nValid = static_cast<int>(std::lround(n * config.validFraction));
    for (int k = 0; k < n; ++k)
        genes[static_cast<std::size_t>(order[static_cast<std::size_t>(k)])].split =
            k < nTrain            ? Split::Train
            : k < nTrain + nValid ? Split::Valid
                                  : Split::Test;
    std::stable_sort(genes.begin(), genes.end(), [](const Gene& a, const Gene& b) {
        return static_cast<int>(a.split) < static_cast<int>(b.split);
    });
    m_genes = std::move(genes);
}

QString Simulator::cellName(int index)
{
    return QStringLiteral("SimCell%1").arg(index + 1);
}

SimulatedCell Simulator::cell(int index) const
{
    constexpr int B = remc::kBinCount;
    constexpr int M = remc::kMarkCount;
    const int n = static_cast<int>(m_genes.size());
    Sampler rng(mixSeed(m_config.seed, 1 + static_cast<std::uint64_t>(index)));

    SimulatedCell out;
    CellData& cell = out.cell;
    cell.name = cellName(index);
    cell.genes.reserve(static_cast<std::size_t>(n));
    cell.splits.reserve(static_cast<std::size_t>(n));
    cell.values.assign(static_cast<std::size_t>(n) * B * M, 0.0f);
    cell.labels.assign(static_cast<std::size_t>(n), 0);
    out.h3k27ac.name = QStringLiteral("H3K27ac");
    out.h3k27ac.source = QStringLiteral("simulated (seed %1)").arg(m_config.seed);
    out.h3k27ac.binCount = B;
    out.h3k27ac.values.assign(static_cast<std::size_t>(n) * B, 0.0f);
    out.activity.resize(static_cast<std::size_t>(n));
    out.promoterBin.resize(static_cast<std::size_t>(n));

    std::vector<double> expression(static_cast<std::size_t>(n));
    for (int g = 0; g < n; ++g) {
        const Gene& gene = m_genes[static_cast<std::size_t>(g)];
        cell.genes.push_back(gene.record);
        cell.splits.push_back(gene.split);
        const double z = 0.8 * gene.baseActivity + 0.6 * rng.normal();
        expression[static_cast<std::size_t>(g)] = z + kLabelNoise * rng.normal();
        out.activity[static_cast<std::size_t>(g)] = static_cast<float>(z);
        const double s = 1.0 / (1.0 + std::exp(-2.5 * z)); // how "on" the chromatin is
        const double depth = rng.gamma(8.0, 1.0 / 8.0);    // local coverage of this gene
        const double off = gene.promoterOffset;
        out.promoterBin[static_cast<std::size_t>(g)] = std::clamp(
            static_cast<int>(std::floor((off - remc::kWindowStart) / remc::kBinSize)), 0, B - 1);

        float* x = cell.values.data() + static_cast<std::size_t>(g) * B * M;
        float* ac = out.h3k27ac.values.data() + static_cast<std::size_t>(g) * B;
        for (int b = 0; b < B; ++b) {
            const double pos = remc::kWindowStart + (b + 0.5) * remc::kBinSize;
            const double body = std::clamp((pos - off - 500.0) / 3000.0, 0.0, 1.0);
            const double enh = bump(pos, off - kEnhancerDistance, kEnhancerWidth) +
                               bump(pos, off + kEnhancerDistance, kEnhancerWidth);
            const double mean[M] = {
                0.6 + 4.0 * (1.0 - s) * bump(pos, 0.0, kPolycombWidth),   // H3K27me3
                0.6 + 5.0 * s * body,                                     // H3K36me3
                1.0 + kEnhancerPeak * (0.3 + 0.7 * s) * enh,              // H3K4me1
                1.0 + kPromoterPeak * s * bump(pos, off, kPromoterWidth), // H3K4me3
                0.8 * gene.heterochromatin + 0.4 * (1.0 - s),             // H3K9me3
            };
            for (int m = 0; m < M; ++m)
                x[b * M + m] =
                    static_cast<float>(rng.negativeBinomial(depth * mean[m], kDispersion));
            ac[b] = static_cast<float>(rng.negativeBinomial(
                depth * (1.0 + kAcetylPeak * s * bump(pos, off, kAcetylWidth)), kDispersion));
        }
    }
    // Labels: expression above the cell's median.
    std::vector<double> sorted = expression;
    std::nth_element(sorted.begin(), sorted.begin() + n / 2, sorted.end());
    const double median = n > 0 ? sorted[static_cast<std::size_t>(n / 2)] : 0.0;
    for (int g = 0; g < n; ++g)
        cell.labels[static_cast<std::size_t>(g)] =
            expression[static_cast<std::size_t>(g)] >= median ? 1 : 0;
    return out;
}

} // namespace ac
