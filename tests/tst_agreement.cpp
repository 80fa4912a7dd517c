// Agreement between maps and a track (issue 5): hand-computed correlations, ties, skips, groups.
#include "interpret/Agreement.h"
#include "interpret/Correlation.h"

#include <QTest>
#include <cmath>

using namespace ac;

class TestAgreement : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pearsonByHand();
    void averageRanksWithTies();
    void spearmanWithTies();
    void constantSeriesAreNaN();
    void reportGroupsAndSkips();
};

void TestAgreement::pearsonByHand()
{
    // Deviations (-2,-1,0,1,2) and (-1,-2,1,0,2): r = 8 / sqrt(10 * 10) = 0.8.
    const double a[] = {1, 2, 3, 4, 5};
    const double b[] = {2, 1, 4, 3, 5};
    QCOMPARE(correlation::pearson(a, b, 5), 0.8);
    const double up[] = {2, 4, 6, 8, 10};
    const double down[] = {5, 4, 3, 2, 1};
    QCOMPARE(correlation::pearson(a, up, 5), 1.0);
    QCOMPARE(correlation::pearson(a, down, 5), -1.0);
}

void TestAgreement::averageRanksWithTies()
{
    const double a[] = {20, 10, 30, 20};
    QCOMPARE(correlation::averageRanks(a, 4), (std::vector<double>{2.5, 1, 4, 2.5}));
    const double same[] = {5, 5, 5};
    QCOMPARE(correlation::averageRanks(same, 3), (std::vector<double>{2, 2, 2}));
}

void TestAgreement::spearmanWithTies()
{
    // Ranks (1, 2.5, 2.5, 4) and (1, 3, 2, 4): r = 4.5 / sqrt(4.5 * 5).
    const double a[] = {1, 2, 2, 3};
    const double b[] = {10, 30, 20, 40};
    QVERIFY(std::abs(correlation::spearman(a, b, 4) - 4.5 / std::sqrt(22.5)) < 1e-12);
    // Monotone but not linear: Spearman 1, Pearson below 1.
    const double x[] = {1, 2, 3, 4, 5};
    const double y[] = {1, 4, 9, 16, 100};
    QCOMPARE(correlation::spearman(x, y, 5), 1.0);
    QVERIFY(correlation::pearson(x, y, 5) < 0.9);
}

void TestAgreement::constantSeriesAreNaN()
{
    const double a[] = {0.1, 0.1, 0.1};
    const double b[] = {1, 2, 3};
    QVERIFY(std::isnan(correlation::pearson(a, b, 3)));
    QVERIFY(std::isnan(correlation::spearman(b, a, 3)));
    QVERIFY(std::isnan(correlation::pearson(b, b, 1)));
}

void TestAgreement::reportGroupsAndSkips()
{
    const float nan = std::nanf("");
    AgreementInput in;
    in.markNames = QStringList{QStringLiteral("A"), QStringLiteral("B")};
    in.binCount = 4;
    // Gene 0 ON, full track; gene 1 ON, NaN in its track; gene 2 OFF, full track.
    in.p = {0.9f, 0.6f, 0.2f};
    in.track = {0, 1, 2, 3, /**/ 1, nan, 1, 1, /**/ 1, 1, 2, 2};
    MapSeries map;
    map.key = QStringLiteral("alpha");
    map.name = QStringLiteral("α");
    map.markCount = 2;
    map.binCount = 4;
    map.values = {0, 2, 4, 6, 3, 2, 1, 0,  // gene 0: A follows the track, B opposes it
                  1, 2, 3, 4, 1, 2, 3, 4,  // gene 1: skipped (track)
                  1, 1, 1, 1, 0, 0, 1, 1}; // gene 2: A constant, B follows the track
    MapSeries ablation;
    ablation.key = QStringLiteral("mark-ablation");
    ablation.markCount = 2;
    ablation.binCount = 1;
    ablation.values = {0.1f, 0.2f, 0.1f, 0.2f, 0.1f, 0.2f};
    in.maps = {map, ablation};

    const AgreementReport r = Agreement::compute(in);
    QCOMPARE(r.onGenes, 2);
    QCOMPARE(r.offGenes, 1);
    QCOMPARE(r.onWithTrack, 1);
    QCOMPARE(r.offWithTrack, 1);
    QCOMPARE(r.trackOn, (std::vector<double>{0, 1, 2, 3}));
    QCOMPARE(r.trackOff, (std::vector<double>{1, 1, 2, 2}));
    // Only α is compared (ablation has one bin): marks A, B and their sum, ON and OFF each.
    QCOMPARE(r.series.size(), std::size_t(3));
    QCOMPARE(r.rows.size(), std::size_t(6));
    QCOMPARE(r.series[2].mark, QStringLiteral("sum"));

    const AgreementSeries& a = r.series[0];
    QCOMPARE(a.pearson[0], 1.0);
    QCOMPARE(a.spearman[0], 1.0);
    QCOMPARE(a.skip[1], AgreementSkip::MissingTrack);
    QCOMPARE(a.skip[2], AgreementSkip::Constant);
    QCOMPARE(r.series[1].pearson[0], -1.0);
    QCOMPARE(r.series[1].pearson[2], 1.0);
    QCOMPARE(r.series[2].pearson[0], 1.0); // (3, 4, 5, 6)
    QCOMPARE(r.series[2].pearson[2], 1.0); // (1, 1, 2, 2)

    const AgreementRow& aOn = r.rows[0];
    QCOMPARE(aOn.group, QStringLiteral("ON"));
    QCOMPARE(aOn.mark, QStringLiteral("A"));
    QCOMPARE(aOn.genes, 2);
    QCOMPARE(aOn.used, 1);
    QCOMPARE(aOn.missingTrack, 1);
    QCOMPARE(aOn.constant, 0);
    QCOMPARE(aOn.meanPearson, 1.0);
    QCOMPARE(aOn.medianSpearman, 1.0);
    QCOMPARE(aOn.averagePearson, 1.0);
    QCOMPARE(a.profileOn, (std::vector<double>{0, 2, 4, 6}));

    const AgreementRow& aOff = r.rows[1];
    QCOMPARE(aOff.group, QStringLiteral("OFF"));
    QCOMPARE(aOff.genes, 1);
    QCOMPARE(aOff.used, 0);
    QCOMPARE(aOff.constant, 1);
    QVERIFY(std::isnan(aOff.meanPearson));
    QVERIFY(std::isnan(aOff.averagePearson)); // the average OFF map of A is constant

    const AgreementRow& bOn = r.rows[2];
    QCOMPARE(bOn.mark, QStringLiteral("B"));
    QCOMPARE(bOn.meanPearson, -1.0);
    QCOMPARE(bOn.averageSpearman, -1.0);
}

QTEST_APPLESS_MAIN(TestAgreement)
#include "tst_agreement.moc"
