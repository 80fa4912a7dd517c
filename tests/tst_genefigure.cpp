// Gene figure export: SVG has one <rect> per heatmap cell, PNG has the DPI, PDF and TSV written.
#include "GeneFigure.h"
#include "GeneView.h"

#include <QImage>
#include <QTemporaryDir>
#include <QtTest>

using namespace ac;

namespace
{

GeneViewData makeGene()
{
    GeneViewData d;
    d.cell = QStringLiteral("E999");
    d.gene.symbol = QStringLiteral("TP53");
    d.gene.ensemblId = QStringLiteral("ENSG00000141510");
    d.gene.chrom = QStringLiteral("chr17");
    d.gene.tss = 7590856;
    d.gene.strand = '-';
    d.values.assign(std::size_t(d.binCount) * d.markCount, 1.0f);
    d.alpha.resize(std::size_t(d.binCount) * d.markCount);
    for (std::size_t i = 0; i < d.alpha.size(); ++i)
        d.alpha[i] = float(i % 50) / 500.0f;
    d.beta = {0.1f, 0.2f, 0.3f, 0.3f, 0.1f};
    d.p = 0.9f;
    d.label = 1;
    return d;
}

int countRects(const QString& file)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray svg = f.readAll();
    return int(svg.count("<rect"));
}

} // namespace

class TestGeneFigure : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void svgHasOneRectPerCell()
    {
        QTemporaryDir dir;
        QString err;
        GeneViewData d = makeGene();
        d.beta.clear(); // no bars: every <rect> beyond the background comes from the heatmap
        const QString a = dir.filePath(QStringLiteral("a.svg"));
        QVERIFY2(GeneFigure::save(d, QStringLiteral("svg"), a, 300, &err), qPrintable(err));
        const int withAlpha = countRects(a);
        d.alpha.clear();
        const QString b = dir.filePath(QStringLiteral("b.svg"));
        QVERIFY2(GeneFigure::save(d, QStringLiteral("svg"), b, 300, &err), qPrintable(err));
        const int without = countRects(b);
        if (qEnvironmentVariableIsSet("AC_KEEP_SVG"))
            QFile::copy(a, QStringLiteral("/tmp/uia-a.svg"));
        QCOMPARE(withAlpha - without, 100 * 5);
        QFile f(a);
        QVERIFY(f.open(QIODevice::ReadOnly));
        // Only the colour-scale legend bar may be a bitmap; the heatmap itself is vector.
        QVERIFY(f.readAll().count("<image") <= 1);
    }

    void pngHasDpi_data()
    {
        QTest::addColumn<int>("dpi");
        QTest::newRow("300") << 300;
        QTest::newRow("150") << 150;
    }
    void pngHasDpi()
    {
        QFETCH(int, dpi);
        QTemporaryDir dir;
        QString err;
        const QString f = dir.filePath(QStringLiteral("g.png"));
        QVERIFY2(GeneFigure::save(makeGene(), QStringLiteral("png"), f, dpi, &err),
                 qPrintable(err));
        QImage img(f);
        QVERIFY(!img.isNull());
        QVERIFY(qAbs(img.dotsPerMeterX() - dpi / 0.0254) < 2.0);
        QCOMPARE(img.width(), qRound(GeneFigure::kDefaultWidth * dpi / 96.0));
    }

    void pdfWritten()
    {
        QTemporaryDir dir;
        QString err;
        const QString f = dir.filePath(QStringLiteral("g.pdf"));
        QVERIFY2(GeneFigure::save(makeGene(), QStringLiteral("pdf"), f, 300, &err),
                 qPrintable(err));
        QFile pdf(f);
        QVERIFY(pdf.open(QIODevice::ReadOnly));
        QVERIFY(pdf.read(5) == "%PDF-");
        QVERIFY(pdf.size() > 2000);
    }

    void tsvHasNumbers()
    {
        QTemporaryDir dir;
        QString err;
        const QString f = dir.filePath(QStringLiteral("g.tsv"));
        QVERIFY2(GeneFigure::save(makeGene(), QStringLiteral("tsv"), f, 300, &err),
                 qPrintable(err));
        QFile t(f);
        QVERIFY(t.open(QIODevice::ReadOnly | QIODevice::Text));
        const QStringList lines = QString::fromUtf8(t.readAll()).split(QLatin1Char('\n'));
        QVERIFY(lines.at(3).startsWith(QStringLiteral("bin\tstart_bp\tend_bp\tH3K27me3")));
        QVERIFY(lines.at(3).contains(QStringLiteral("alpha_H3K4me3")));
        QCOMPARE(lines.at(4).split(QLatin1Char('\t')).size(), 3 + 5 + 5);
        QVERIFY(lines.at(4).startsWith(QStringLiteral("1\t-5000\t-4900\t1")));
        QVERIFY(lines.contains(QStringLiteral("H3K4me3\t0.3")));
    }

    void errors()
    {
        QString err;
        QVERIFY(!GeneFigure::save(makeGene(), QStringLiteral("bmp"), QStringLiteral("/tmp/x.bmp"),
                                  300, &err));
        QVERIFY(err.contains(QStringLiteral("bmp")));
        QVERIFY(!GeneFigure::save(makeGene(), QStringLiteral("tsv"),
                                  QStringLiteral("/nonexistent-dir/x.tsv"), 300, &err));
        QVERIFY(err.contains(QStringLiteral("/nonexistent-dir/x.tsv")));
        QVERIFY(!GeneFigure::save(makeGene(), QStringLiteral("pdf"),
                                  QStringLiteral("/nonexistent-dir/x.pdf"), 300, &err));
        QVERIFY(!GeneFigure::save(makeGene(), QStringLiteral("png"), QStringLiteral("/tmp/x.png"),
                                  5, &err));
        QVERIFY(err.contains(QStringLiteral("DPI")));
    }
};

QTEST_MAIN(TestGeneFigure)
#include "tst_genefigure.moc"
