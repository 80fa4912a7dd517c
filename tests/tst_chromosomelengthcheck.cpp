// chromosomeLengthMismatch (core/data/ChromosomeLengthCheck) over the GenomeAssembly table,
// issue 14, item 4: a track file's chromosome lengths are checked against the chosen assembly.
#include "data/ChromosomeLengthCheck.h"
#include "domain/GenomeAssembly.h"

#include <QtTest>

using namespace ac;

namespace
{

/// `assembly`'s chromosomes under Ensembl names ("1", "X", "MT"), as some bigWigs have them.
std::vector<GenomeAssembly::Chromosome> ensemblNamed(const QString& assembly)
{
    std::vector<GenomeAssembly::Chromosome> out;
    for (GenomeAssembly::Chromosome c : GenomeAssembly::chromosomeLengths(assembly)) {
        c.name = c.name.mid(3) == QLatin1String("M") ? QStringLiteral("MT") : c.name.mid(3);
        out.push_back(c);
    }
    return out;
}

} // namespace

class TestChromosomeLengthCheck : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void table()
    {
        QCOMPARE(GenomeAssembly::names(),
                 (QStringList{QStringLiteral("hg19"), QStringLiteral("hg38")}));
        QCOMPARE(GenomeAssembly::defaultName(), QStringLiteral("hg19"));
        for (const QString& a : GenomeAssembly::names())
            QCOMPARE(GenomeAssembly::chromosomeLengths(a).size(), std::size_t(25));
        QCOMPARE(GenomeAssembly::chromosomeLength(QStringLiteral("hg19"), QStringLiteral("chr21")),
                 std::int64_t(48129895));
        QCOMPARE(GenomeAssembly::chromosomeLength(QStringLiteral("hg38"), QStringLiteral("chr1")),
                 std::int64_t(248956422));
        QCOMPARE(GenomeAssembly::chromosomeLength(QStringLiteral("mm10"), QStringLiteral("chr1")),
                 std::int64_t(0));
        QVERIFY(GenomeAssembly::chromosomeLengths(QStringLiteral("mm10")).empty());
        QCOMPARE(GenomeAssembly::displayName(QStringLiteral("hg38")),
                 QStringLiteral("hg38 (GRCh38)"));
    }

    void matchingLengthsPass()
    {
        for (const QString& a : GenomeAssembly::names()) {
            QVERIFY(chromosomeLengthMismatch(QStringLiteral("x.bw"),
                                             GenomeAssembly::chromosomeLengths(a), a)
                        .isEmpty());
            QVERIFY(chromosomeLengthMismatch(QStringLiteral("x.bw"), ensemblNamed(a), a).isEmpty());
        }
        // Contigs the assembly does not list, and chrM (16,569 bp in GRCh37 files), are ignored.
        QVERIFY(chromosomeLengthMismatch(
                    QStringLiteral("x.bw"),
                    {{QStringLiteral("chrUn_gl000220"), 161802}, {QStringLiteral("chrM"), 16569}},
                    QStringLiteral("hg19"))
                    .isEmpty());
    }

    void otherAssemblyIsNamed()
    {
        const QString w = chromosomeLengthMismatch(
            QStringLiteral("ac.bw"), GenomeAssembly::chromosomeLengths(QStringLiteral("hg19")),
            QStringLiteral("hg38"));
        QCOMPARE(w,
                 QStringLiteral("ac.bw: the chromosome lengths do not match hg38 (chr1 is "
                                "249,250,621 bp in the file, 248,956,422 bp in hg38; 24 of 24 "
                                "chromosomes differ): they are those of hg19. Import it as hg19, "
                                "or the signal is placed at the wrong genes."));
    }

    void unknownLengthsAreReported()
    {
        const QString w = chromosomeLengthMismatch(
            QStringLiteral("ac.bw"),
            {{QStringLiteral("chr1"), 1000000}, {QStringLiteral("chr2"), 243199373}},
            QStringLiteral("hg19"));
        QVERIFY2(
            w.startsWith(QStringLiteral("ac.bw: the chromosome lengths do not match hg19 (chr1 is "
                                        "1,000,000 bp in the file, 249,250,621 bp in hg19; 1 of 2 "
                                        "chromosomes differ): check the file's assembly")),
            qPrintable(w));
    }
};

QTEST_GUILESS_MAIN(TestChromosomeLengthCheck)
#include "tst_chromosomelengthcheck.moc"
