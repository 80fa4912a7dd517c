// Metrics (AUROC, AUPR, curves, accuracy) and the per-cell summary, on hand-computed cases.
#include "train/CellSummary.h"
#include "train/Metrics.h"

#include <QtTest>
#include <cmath>
#include <limits>

using namespace ac;

class TestMetrics : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void perfectRanking();
    void invertedRanking();
    void allTied();
    void partialTies();
    void curvesWithTies();
    void oneClassOnly();
    void badInput();
    void summaryTable();
    void meanOfRepeats();
};

void TestMetrics::perfectRanking()
{
    const std::vector<float> s{0.1f, 0.2f, 0.8f, 0.9f};
    const std::vector<std::uint8_t> l{0, 0, 1, 1};
    QString note = QStringLiteral("stale");
    QCOMPARE(metrics::auroc(s, l, &note), 1.0);
    QVERIFY(note.isEmpty());
    QCOMPARE(metrics::averagePrecision(s, l), 1.0);
    QCOMPARE(metrics::accuracy(s, l), 1.0);
    // Many positives: rounding must not push a perfect ranking above 1.
    std::vector<float> many;
    std::vector<std::uint8_t> manyLabels;
    for (int i = 0; i < 97; ++i) {
        many.push_back(float(i) / 97);
        manyLabels.push_back(i >= 30 ? 1 : 0);
    }
    QCOMPARE(metrics::averagePrecision(many, manyLabels), 1.0);
    QCOMPARE(metrics::auroc(many, manyLabels), 1.0);
}

void TestMetrics::invertedRanking()
{
    const std::vector<float> s{0.9f, 0.8f, 0.2f, 0.1f};
    const std::vector<std::uint8_t> l{0, 0, 1, 1};
    QCOMPARE(metrics::auroc(s, l), 0.0);
    // Positives found at ranks 3 and 4: AP = 0.5 * 1/3 + 0.5 * 2/4 = 5/12.
    QVERIFY(std::abs(metrics::averagePrecision(s, l) - 5.0 / 12.0) < 1e-12);
    QCOMPARE(metrics::accuracy(s, l), 0.0);
}

void TestMetrics::allTied()
{
    const std::vector<float> s{0.5f, 0.5f, 0.5f, 0.5f};
    const std::vector<std::uint8_t> l{0, 1, 0, 1};
    QCOMPARE(metrics::auroc(s, l), 0.5);
    // One threshold group: recall 1 at precision 2/4 (ties are not ordered favourably).
    QCOMPARE(metrics::averagePrecision(s, l), 0.5);
    QCOMPARE(metrics::accuracy(s, l), 0.5); // 0.5 counts as "high"
}

void TestMetrics::partialTies()
{
    const std::vector<float> s{0.1f, 0.4f, 0.4f, 0.8f};
    const std::vector<std::uint8_t> l{0, 0, 1, 1};
    // Pairs (pos, neg): (0.4, 0.1) 1, (0.4, 0.4) 1/2, (0.8, *) 2  ->  3.5 / 4.
    QCOMPARE(metrics::auroc(s, l), 0.875);
    // 0.8: recall 1/2 at precision 1; {0.4, 0.4}: recall 1 at precision 2/3.
    QVERIFY(std::abs(metrics::averagePrecision(s, l) - (0.5 + 0.5 * 2.0 / 3.0)) < 1e-12);
    QCOMPARE(metrics::accuracy(s, l), 0.75);
    // The order of the genes does not matter.
    const std::vector<float> s2{0.4f, 0.8f, 0.1f, 0.4f};
    const std::vector<std::uint8_t> l2{1, 1, 0, 0};
    QCOMPARE(metrics::auroc(s2, l2), 0.875);
    QVERIFY(std::abs(metrics::averagePrecision(s2, l2) - 5.0 / 6.0) < 1e-12);
}

void TestMetrics::curvesWithTies()
{
    const std::vector<float> s{0.1f, 0.4f, 0.4f, 0.8f};
    const std::vector<std::uint8_t> l{0, 0, 1, 1};
    const std::vector<CurvePoint> roc = metrics::rocCurve(s, l);
    QCOMPARE(roc.size(), std::size_t(4));
    QVERIFY(std::isinf(roc[0].threshold));
    QCOMPARE(roc[0].x, 0.0);
    QCOMPARE(roc[0].y, 0.0);
    QCOMPARE(roc[1].x, 0.0);
    QCOMPARE(roc[1].y, 0.5);
    QCOMPARE(roc[1].threshold, double(0.8f));
    QCOMPARE(roc[2].x, 0.5);
    QCOMPARE(roc[2].y, 1.0);
    QCOMPARE(roc[3].x, 1.0);
    QCOMPARE(roc[3].y, 1.0);
    // Trapezoid area of the ROC points equals the Mann-Whitney AUROC.
    double area = 0;
    for (std::size_t i = 1; i < roc.size(); ++i)
        area += (roc[i].x - roc[i - 1].x) * (roc[i].y + roc[i - 1].y) / 2;
    QCOMPARE(area, 0.875);

    const std::vector<CurvePoint> pr = metrics::prCurve(s, l);
    QCOMPARE(pr.size(), std::size_t(4));
    QCOMPARE(pr[0].x, 0.0);
    QCOMPARE(pr[0].y, 1.0);
    QCOMPARE(pr[1].x, 0.5);
    QCOMPARE(pr[1].y, 1.0);
    QCOMPARE(pr[2].x, 1.0);
    QVERIFY(std::abs(pr[2].y - 2.0 / 3.0) < 1e-12);
    QCOMPARE(pr[3].x, 1.0);
    QCOMPARE(pr[3].y, 0.5);
}

void TestMetrics::oneClassOnly()
{
    const std::vector<float> s{0.2f, 0.7f, 0.9f};
    const std::vector<std::uint8_t> ones{1, 1, 1};
    QString note;
    QVERIFY(std::isnan(metrics::auroc(s, ones, &note)));
    QVERIFY2(note.contains(QLatin1String("one class only")), qPrintable(note));
    QVERIFY(note.contains(QLatin1String("are 1")));
    // With positives only, every threshold has precision 1.
    QCOMPARE(metrics::averagePrecision(s, ones), 1.0);
    QVERIFY(metrics::rocCurve(s, ones).empty());

    const std::vector<std::uint8_t> zeros{0, 0, 0};
    QVERIFY(std::isnan(metrics::averagePrecision(s, zeros, &note)));
    QVERIFY(note.contains(QLatin1String("are 0")));
    QVERIFY(metrics::prCurve(s, zeros).empty());

    const BinaryMetrics m = metrics::evaluate(s, zeros);
    QCOMPARE(m.count, 3);
    QCOMPARE(m.positives, 0);
    QVERIFY(std::isnan(m.auroc));
    QVERIFY(std::isnan(m.aupr));
    QVERIFY(m.note.contains(QLatin1String("one class only")));
    QCOMPARE(m.accuracy, 1.0 / 3.0);
}

void TestMetrics::badInput()
{
    QString note;
    QVERIFY(std::isnan(metrics::auroc({}, {}, &note)));
    QCOMPARE(note, QStringLiteral("no genes"));
    QVERIFY(std::isnan(metrics::accuracy({}, {})));
    QVERIFY(std::isnan(metrics::auroc({0.1f, 0.2f}, {0, 1, 1}, &note)));
    QVERIFY(note.contains(QLatin1String("2 scores but 3 labels")));
    const float nan = std::numeric_limits<float>::quiet_NaN();
    QVERIFY(std::isnan(metrics::auroc({0.1f, nan}, {0, 1}, &note)));
    QVERIFY(note.contains(QLatin1String("NaN")));
    QVERIFY(metrics::rocCurve({0.1f, nan}, {0, 1}).empty());
}

void TestMetrics::summaryTable()
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const std::vector<CellSummary::Entry> entries{
        {"E1", "a", 0.5},  {"E1", "a", 0.8}, // the later entry replaces the earlier
        {"E1", "b", 0.7},  {"E2", "a", 0.6},  {"E2", "b", 0.9}, {"E3", "a", 0.75},
        {"E3", "b", 0.75}, {"E4", "a", 0.99}, {"E4", "b", nan},
    };
    const CellSummary s = summariseRuns(entries);
    QCOMPARE(s.cells, (QStringList{"E1", "E2", "E3", "E4"}));
    QCOMPARE(s.variants, (QStringList{"a", "b"}));
    QCOMPARE(s.score(0, 0), 0.8);
    QVERIFY(std::isnan(s.score(3, 1)));
    QCOMPARE(s.rows.size(), std::size_t(2));

    const CellSummary::Row& a = s.rows[0];
    QCOMPARE(a.variant, QStringLiteral("a"));
    QCOMPARE(a.cells, 4);
    QVERIFY(std::abs(a.mean - (0.8 + 0.6 + 0.75 + 0.99) / 4) < 1e-12);
    QVERIFY(std::abs(a.median - (0.75 + 0.8) / 2) < 1e-12);
    QCOMPARE(a.min, 0.6);
    QCOMPARE(a.max, 0.99);
    QCOMPARE(a.wins, 2); // E1, and the tie on E3; E4 has no competitor

    const CellSummary::Row& b = s.rows[1];
    QCOMPARE(b.cells, 3);
    QCOMPARE(b.median, 0.75);
    QCOMPARE(b.wins, 2); // E2 and the tie on E3

    const CellSummary empty = summariseRuns({});
    QVERIFY(empty.rows.empty());
    QVERIFY(empty.cells.isEmpty());
}

// Seeds of one cell and variant count as their mean in the cluster workflow's table (issue 12).
void TestMetrics::meanOfRepeats()
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const std::vector<CellSummary::Entry> means = ac::meanOfRepeats({{"E1", "a", 0.5},
                                                                     {"E2", "a", 0.6},
                                                                     {"E1", "a", 0.8},
                                                                     {"E1", "b", nan},
                                                                     {"E1", "a", nan},
                                                                     {"E2", "b", nan},
                                                                     {"E2", "b", 0.7}});
    QCOMPARE(means.size(), std::size_t(4));
    QCOMPARE(means[0].cell + means[0].variant, QStringLiteral("E1a"));
    QVERIFY(std::abs(means[0].score - 0.65) < 1e-12); // NaN seeds are left out
    QCOMPARE(means[1].cell + means[1].variant, QStringLiteral("E2a"));
    QCOMPARE(means[1].score, 0.6);
    QVERIFY(std::isnan(means[2].score)); // E1 b: no score at all
    QCOMPARE(means[3].score, 0.7);
}

QTEST_APPLESS_MAIN(TestMetrics)
#include "tst_metrics.moc"
