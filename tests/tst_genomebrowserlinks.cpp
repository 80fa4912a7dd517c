// GenomeBrowserLinks (issue 15): the gene header's Ensembl and UCSC addresses for hg19 and hg38,
// with the window GeneLocus gives each strand.
#include "GeneFixture.h"
#include "GenomeBrowserLinks.h"

#include <QTest>

using namespace ac;
using testing::locatedGene;

class TestGenomeBrowserLinks : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void geneWindows();
    void ensembl();
    void ucsc();
};

void TestGenomeBrowserLinks::geneWindows()
{
    GeneLocus locus;
    QVERIFY(!GeneLocus::ofWindow(locatedGene("G", "chr1", 100, '.'), 100, 100, -5000, &locus));
    QVERIFY(!GeneLocus::ofWindow(locatedGene("G", "", 100, '+'), 100, 100, -5000, &locus));
    // TSPAN6, minus strand, TSS 99894988: 1-based [t−4999, t+5000].
    QVERIFY(
        GeneLocus::ofWindow(locatedGene("TSPAN6", "chrX", 99894988, '-'), 100, 100, -5000, &locus));
    QCOMPARE(locus.start, std::int64_t(99889988));
    QCOMPARE(locus.end, std::int64_t(99899988));
    QCOMPARE(locus.text(), QStringLiteral("chrX:99889989-99899988"));
    // Plus strand: 1-based [t−5000, t+4999]; clipped at 1 near the chromosome's start.
    QVERIFY(GeneLocus::ofWindow(locatedGene("G", "chr7", 20000, '+'), 100, 100, -5000, &locus));
    QCOMPARE(locus.text(), QStringLiteral("chr7:15000-24999"));
    QVERIFY(GeneLocus::ofWindow(locatedGene("G", "chr7", 1000, '+'), 100, 100, -5000, &locus));
    QCOMPARE(locus.text(), QStringLiteral("chr7:1-5999"));
}

void TestGenomeBrowserLinks::ensembl()
{
    GeneLocus locus{QStringLiteral("chrX"), 99889988, 99899988};
    QCOMPARE(GenomeBrowserLinks::ensembl(QStringLiteral("hg19"), locus).toString(),
             QStringLiteral("https://grch37.ensembl.org/Homo_sapiens/Location/"
                            "View?r=X:99889989-99899988"));
    QCOMPARE(GenomeBrowserLinks::ensembl(QString(), locus).host(),
             QStringLiteral("grch37.ensembl.org"));
    QCOMPARE(GenomeBrowserLinks::ensembl(QStringLiteral("hg38"), locus).toString(),
             QStringLiteral("https://www.ensembl.org/Homo_sapiens/Location/"
                            "View?r=X:99889989-99899988"));
    QCOMPARE(GenomeBrowserLinks::ensembl(QStringLiteral("hg38"), {QStringLiteral("chrM"), 0, 500})
                 .toString(),
             QStringLiteral("https://www.ensembl.org/Homo_sapiens/Location/View?r=MT:1-500"));
}

void TestGenomeBrowserLinks::ucsc()
{
    const GeneLocus locus{QStringLiteral("chr1"), 14999, 24999};
    QCOMPARE(GenomeBrowserLinks::ucsc(QStringLiteral("hg19"), locus).toString(),
             QStringLiteral("https://genome.ucsc.edu/cgi-bin/"
                            "hgTracks?db=hg19&position=chr1:15000-24999"));
    QCOMPARE(GenomeBrowserLinks::ucsc(QStringLiteral("hg38"), locus).toString(),
             QStringLiteral("https://genome.ucsc.edu/cgi-bin/"
                            "hgTracks?db=hg38&position=chr1:15000-24999"));
    // Ensembl-style names get the UCSC prefix; an unknown assembly is hg19's default.
    QCOMPARE(
        GenomeBrowserLinks::ucsc(QString(), {QStringLiteral("7"), 0, 100}).toString(),
        QStringLiteral("https://genome.ucsc.edu/cgi-bin/hgTracks?db=hg19&position=chr7:1-100"));
}

QTEST_GUILESS_MAIN(TestGenomeBrowserLinks)
#include "tst_genomebrowserlinks.moc"
