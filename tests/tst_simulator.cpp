// Tests of Simulator: determinism under a seed, shapes, balanced labels, and the ground truth
// the validation relies on (H3K4me3 and H3K27ac peak at the promoter of active genes).
#include "data/Simulator.h"
#include "domain/GenomeAssembly.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <numeric>

using namespace ac;

namespace
{

/// Rank-based AUROC of `score` for `labels` (no ties expected to matter here).
double auroc(const std::vector<double>& score, const std::vector<std::uint8_t>& labels)
{
    std::vector<int> order(score.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](int a, int b) { return score[a] < score[b]; });
    double rankSum = 0;
    double positives = 0;
    for (std::size_t r = 0; r < order.size(); ++r)
        if (labels[order[r]]) {
            rankSum += double(r + 1);
            positives += 1;
        }
    const double negatives = double(score.size()) - positives;
    return (rankSum - positives * (positives + 1) / 2) / (positives * negatives);
}

/// Bin of the maximum of a 3-bin moving sum over `bins` values spaced `stride` apart.
int smoothedPeak(const float* values, int bins, int stride)
{
    int best = 0;
    double bestSum = -1;
    for (int b = 0; b < bins; ++b) {
        double sum = 0;
        for (int k = std::max(0, b - 1); k <= std::min(bins - 1, b + 1); ++k)
            sum += values[k * stride];
        if (sum > bestSum) {
            bestSum = sum;
            best = b;
        }
    }
    return best;
}

SimulationConfig smallConfig()
{
    SimulationConfig c;
    c.cells = 2;
    c.genesPerCell = 900;
    c.seed = 42;
    return c;
}

} // namespace

class TestSimulator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void deterministic()
    {
        const SimulatedCell a = Simulator(smallConfig()).cell(1);
        const SimulatedCell b = Simulator(smallConfig()).cell(1);
        QVERIFY(a.cell.values == b.cell.values);
        QVERIFY(a.cell.labels == b.cell.labels);
        QVERIFY(a.h3k27ac.values == b.h3k27ac.values);
        QVERIFY(a.cell.splits == b.cell.splits);

        SimulationConfig other = smallConfig();
        other.seed = 43;
        QVERIFY(Simulator(other).cell(1).cell.values != a.cell.values);
        // Cells differ from each other but share their genes and split.
        const SimulatedCell c0 = Simulator(smallConfig()).cell(0);
        QVERIFY(c0.cell.values != a.cell.values);
        QVERIFY(c0.cell.splits == a.cell.splits);
        QCOMPARE(c0.cell.genes[17].symbol, a.cell.genes[17].symbol);
    }

    void countsAreWholeNumbers()
    {
        const SimulatedCell c = Simulator(smallConfig()).cell(0);
        for (float v : c.cell.values)
            QVERIFY(v >= 0 && v == std::floor(v));
        for (float v : c.h3k27ac.values)
            QVERIFY(v >= 0 && v == std::floor(v));
        QVERIFY(*std::max_element(c.cell.values.begin(), c.cell.values.end()) > 10);
    }

    void shapes()
    {
        const SimulationConfig config = smallConfig();
        const Simulator sim(config);
        const SimulatedCell c = sim.cell(0);
        const int n = config.genesPerCell;
        QCOMPARE(c.cell.name, QStringLiteral("SimCell1"));
        QCOMPARE(Simulator::cellName(2), QStringLiteral("SimCell3"));
        QCOMPARE(c.cell.geneCount(), n);
        QCOMPARE(c.cell.values.size(), std::size_t(n) * 100 * 5);
        QCOMPARE(c.cell.labels.size(), std::size_t(n));
        QCOMPARE(c.cell.splits.size(), std::size_t(n));
        QCOMPARE(c.cell.markNames.size(), 5);
        QCOMPARE(c.h3k27ac.name, QStringLiteral("H3K27ac"));
        QCOMPARE(c.h3k27ac.values.size(), std::size_t(n) * 100);
        QCOMPARE(c.activity.size(), std::size_t(n));
        QCOMPARE(c.promoterBin.size(), std::size_t(n));

        // Splits about a third each, ordered train | valid | test like the REMC files.
        int counts[3] = {0, 0, 0};
        for (std::size_t g = 0; g < c.cell.splits.size(); ++g) {
            counts[int(c.cell.splits[g])]++;
            if (g > 0)
                QVERIFY(int(c.cell.splits[g]) >= int(c.cell.splits[g - 1]));
        }
        QCOMPARE(counts[0], 300);
        QCOMPARE(counts[1], 300);
        QCOMPARE(counts[2], 300);

        // Simulated identities.
        QStringList remcIds;
        for (const GeneRecord& g : c.cell.genes) {
            QVERIFY(g.remcId.startsWith(QLatin1Char('S')) && g.remcId.size() == 6);
            QVERIFY(g.symbol.startsWith(QLatin1String("SIM")));
            QVERIFY(g.ensemblId.isEmpty());
            QVERIFY(g.chrom.startsWith(QLatin1String("chr")));
            // Issue 14 (cosmetics): within the chromosome's hg19 length, window included.
            const std::int64_t length =
                GenomeAssembly::chromosomeLength(QStringLiteral("hg19"), g.chrom);
            QVERIFY2(length > 0, qPrintable(g.chrom));
            QVERIFY2(g.tss > 5000 && g.tss + 5000 < length,
                     qPrintable(QStringLiteral("%1:%2").arg(g.chrom).arg(g.tss)));
            QVERIFY(g.strand == '+' || g.strand == '-');
            remcIds << g.remcId;
        }
        remcIds.sort();
        QCOMPARE(remcIds.first(), QStringLiteral("S00001"));
        QCOMPARE(remcIds.last(), QStringLiteral("S00900"));
        QCOMPARE(remcIds.removeDuplicates(), 0);
    }

    void labelsBalanced()
    {
        const SimulatedCell c = Simulator(smallConfig()).cell(0);
        const int ones = std::accumulate(c.cell.labels.begin(), c.cell.labels.end(), 0);
        QCOMPARE(ones, 450);
        for (int s = 0; s < 3; ++s) {
            int n = 0;
            int pos = 0;
            for (std::size_t g = 0; g < c.cell.labels.size(); ++g)
                if (int(c.cell.splits[g]) == s) {
                    ++n;
                    pos += c.cell.labels[g];
                }
            QVERIFY2(pos > n * 0.4 && pos < n * 0.6, qPrintable(QString::number(pos)));
        }
    }

    void labelsLearnableButNoisy()
    {
        // The marks carry the label, but not perfectly: the latent activity gives AUROC well
        // below 1, and a crude promoter H3K4me3 sum already does clearly better than chance.
        const SimulatedCell c = Simulator(smallConfig()).cell(0);
        const int n = c.cell.geneCount();
        std::vector<double> activity(c.activity.begin(), c.activity.end());
        std::vector<double> promoter(n);
        for (int g = 0; g < n; ++g)
            for (int b = 30; b < 70; ++b)
                promoter[g] += c.cell.geneValues(g)[b * 5 + 3];
        const double best = auroc(activity, c.cell.labels);
        const double crude = auroc(promoter, c.cell.labels);
        qInfo("AUROC of the latent activity %.3f, of promoter H3K4me3 %.3f", best, crude);
        QVERIFY2(best > 0.82 && best < 0.95, qPrintable(QString::number(best)));
        QVERIFY2(crude > 0.7 && crude <= best, qPrintable(QString::number(crude)));
    }

    void promoterPeakMatchesTrack()
    {
        SimulationConfig config = smallConfig();
        config.genesPerCell = 1500;
        const SimulatedCell c = Simulator(config).cell(0);
        int active = 0;
        int h3k4me3AtPromoter = 0;
        int trackAtPromoter = 0;
        int together = 0;
        for (int g = 0; g < c.cell.geneCount(); ++g) {
            if (c.activity[g] < 1.0f)
                continue;
            ++active;
            const int k4 = smoothedPeak(c.cell.geneValues(g) + 3, 100, 5);
            const int ac = smoothedPeak(c.h3k27ac.values.data() + std::size_t(g) * 100, 100, 1);
            h3k4me3AtPromoter += std::abs(k4 - c.promoterBin[g]) <= 3;
            trackAtPromoter += std::abs(ac - c.promoterBin[g]) <= 3;
            together += std::abs(k4 - ac) <= 4;
        }
        QVERIFY(active > 100);
        QVERIFY2(h3k4me3AtPromoter > active * 0.8, qPrintable(QString::number(h3k4me3AtPromoter)));
        QVERIFY2(trackAtPromoter > active * 0.8, qPrintable(QString::number(trackAtPromoter)));
        QVERIFY2(together > active * 0.8, qPrintable(QString::number(together)));

        // Silent genes: H3K27me3 above H3K4me3 around the TSS, the reverse for active genes.
        double silentK27 = 0, silentK4 = 0, activeK27 = 0, activeK4 = 0;
        for (int g = 0; g < c.cell.geneCount(); ++g)
            for (int b = 30; b < 70; ++b) {
                const float* row = c.cell.geneValues(g) + b * 5;
                if (c.activity[g] < -1.0f) {
                    silentK27 += row[0];
                    silentK4 += row[3];
                } else if (c.activity[g] > 1.0f) {
                    activeK27 += row[0];
                    activeK4 += row[3];
                }
            }
        QVERIFY(silentK27 > silentK4);
        QVERIFY(activeK4 > activeK27);
    }

    void countsAtRemcScale()
    {
        // Calibrated to REMC E123 (see Simulator.cpp): for expressed genes, the highest H3K4me3
        // bin holds ~106 reads at the median and ~12 bins are above half of it. A simulator at a
        // tenth of that scale keeps the LSTM linear, and then saliency and attention coincide.
        const SimulatedCell c = Simulator(smallConfig()).cell(0);
        std::vector<double> peaks;
        std::vector<double> halfWidths;
        for (int g = 0; g < c.cell.geneCount(); ++g) {
            if (!c.cell.labels[g])
                continue;
            const float* x = c.cell.geneValues(g);
            float top = 0;
            for (int b = 0; b < 100; ++b)
                top = std::max(top, x[b * 5 + 3]);
            int above = 0;
            for (int b = 0; b < 100; ++b)
                above += x[b * 5 + 3] > top / 2;
            peaks.push_back(top);
            halfWidths.push_back(above);
        }
        const auto median = [](std::vector<double> v) {
            std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
            return v[v.size() / 2];
        };
        const double peak = median(peaks);
        const double width = median(halfWidths);
        qInfo("expressed genes: median H3K4me3 peak %.0f reads, %.0f bins above half of it", peak,
              width);
        QVERIFY2(peak > 60 && peak < 160, qPrintable(QString::number(peak)));
        QVERIFY2(width >= 6 && width <= 20, qPrintable(QString::number(width)));
    }

    void promoterOffsetsVary()
    {
        const SimulatedCell c = Simulator(smallConfig()).cell(0);
        const auto [lo, hi] = std::minmax_element(c.promoterBin.begin(), c.promoterBin.end());
        QVERIFY(*hi - *lo >= 10);
    }

    void validate()
    {
        SimulationConfig c;
        QVERIFY(c.validate().isEmpty());
        QVERIFY(SimulationConfig::demo().validate().isEmpty());
        QCOMPARE(SimulationConfig::demo().cells, 3);
        QCOMPARE(SimulationConfig::demo().genesPerCell, 2000);
        c.cells = 0;
        QVERIFY(c.validate().contains(QStringLiteral("cells")));
        c = SimulationConfig();
        c.genesPerCell = 1;
        QVERIFY(c.validate().contains(QStringLiteral("genes")));
        c = SimulationConfig();
        c.trainFraction = 0.8;
        c.validFraction = 0.3;
        QVERIFY(c.validate().contains(QStringLiteral("fractions")));
    }
};

QTEST_GUILESS_MAIN(TestSimulator)
#include "tst_simulator.moc"
