// Gene figure export: SVG has one <rect> per heatmap cell without seams, PNG has the DPI, PNG,
// SVG and PDF have one physical size, PDF and TSV written, file names carry cell and run.
#include "GeneFigure.h"
#include "GeneView.h"
#include "QcpInclude.h"

#include <QImage>
#include <QPainter>
#include <QRegularExpression>
#include <QSvgRenderer>
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

QByteArray readAll(const QString& file)
{
    QFile f(file);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// The width in mm of an SVG's width attribute ("89mm").
double svgWidthMm(const QByteArray& svg)
{
    const QRegularExpressionMatch m =
        QRegularExpression(QStringLiteral("<svg[^>]*\\swidth=\"([0-9.]+)mm\""))
            .match(QString::fromUtf8(svg));
    return m.hasMatch() ? m.captured(1).toDouble() : -1;
}

// The page width in mm of a one-page PDF (its MediaBox, in points).
double pdfWidthMm(const QByteArray& pdf)
{
    const QRegularExpressionMatch m =
        QRegularExpression(QStringLiteral("/MediaBox\\s*\\[\\s*0\\s+0\\s+([0-9.]+)"))
            .match(QString::fromLatin1(pdf));
    return m.hasMatch() ? m.captured(1).toDouble() / 72.0 * 25.4 : -1;
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
        QVERIFY2(GeneFigure::save(d, QStringLiteral("svg"), a, GeneFigure::defaultSize(), &err),
                 qPrintable(err));
        const int withAlpha = countRects(a);
        d.alpha.clear();
        const QString b = dir.filePath(QStringLiteral("b.svg"));
        QVERIFY2(GeneFigure::save(d, QStringLiteral("svg"), b, GeneFigure::defaultSize(), &err),
                 qPrintable(err));
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
        QVERIFY2(GeneFigure::save(makeGene(), QStringLiteral("png"), f,
                                  GeneFigure::defaultSize(dpi), &err),
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
        QVERIFY2(
            GeneFigure::save(makeGene(), QStringLiteral("pdf"), f, GeneFigure::defaultSize(), &err),
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
        QVERIFY2(
            GeneFigure::save(makeGene(), QStringLiteral("tsv"), f, GeneFigure::defaultSize(), &err),
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

    void sizesEqualAcrossFormats_data();
    void sizesEqualAcrossFormats();
    void svgHeatmapHasNoSeams();
    void namesAndMissingTrackBins();

    void errors()
    {
        QString err;
        const FigureSize size = GeneFigure::defaultSize();
        QVERIFY(!GeneFigure::save(makeGene(), QStringLiteral("bmp"), QStringLiteral("/tmp/x.bmp"),
                                  size, &err));
        QVERIFY(err.contains(QStringLiteral("bmp")));
        QVERIFY(!GeneFigure::save(makeGene(), QStringLiteral("tsv"),
                                  QStringLiteral("/nonexistent-dir/x.tsv"), size, &err));
        QVERIFY(err.contains(QStringLiteral("/nonexistent-dir/x.tsv")));
        QVERIFY(!GeneFigure::save(makeGene(), QStringLiteral("pdf"),
                                  QStringLiteral("/nonexistent-dir/x.pdf"), size, &err));
        QVERIFY(!GeneFigure::save(makeGene(), QStringLiteral("png"), QStringLiteral("/tmp/x.png"),
                                  GeneFigure::defaultSize(5), &err));
        QVERIFY(err.contains(QStringLiteral("DPI")));
    }
};

// Issue 14 (export): PNG, SVG and PDF of one figure have one physical width (the SVG was a third
// wider: 12.5 in against 9.4 in), for the default size and for a one-column width.
void TestGeneFigure::sizesEqualAcrossFormats_data()
{
    QTest::addColumn<double>("widthMm");
    QTest::addColumn<int>("dpi");
    QTest::newRow("default") << 0.0 << 300;
    QTest::newRow("one column") << FigureSize::kOneColumnMm << 600;
    QTest::newRow("two columns, 150 dpi") << FigureSize::kTwoColumnMm << 150;
}

void TestGeneFigure::sizesEqualAcrossFormats()
{
    QFETCH(double, widthMm);
    QFETCH(int, dpi);
    FigureSize size = GeneFigure::defaultSize(dpi);
    if (widthMm > 0)
        size = size.withWidth(widthMm);
    size.fontPt = widthMm > 0 ? 7 : 0;
    const double expected = widthMm > 0 ? widthMm : GeneFigure::kDefaultWidth / 96.0 * 25.4;
    QTemporaryDir dir;
    QString err;
    for (const char* format : {"png", "svg", "pdf"})
        QVERIFY2(GeneFigure::save(makeGene(), QString::fromLatin1(format),
                                  dir.filePath(QStringLiteral("g.") + QLatin1String(format)), size,
                                  &err),
                 qPrintable(err));
    const QImage png(dir.filePath(QStringLiteral("g.png")));
    QVERIFY(!png.isNull());
    QVERIFY(qAbs(png.dotsPerMeterX() - dpi / 0.0254) < 2.0);
    const double pngMm = png.width() / (png.dotsPerMeterX() / 1000.0);
    const double svgMm = svgWidthMm(readAll(dir.filePath(QStringLiteral("g.svg"))));
    const double pdfMm = pdfWidthMm(readAll(dir.filePath(QStringLiteral("g.pdf"))));
    QVERIFY2(qAbs(pngMm - expected) < 0.5, qPrintable(QString::number(pngMm)));
    QVERIFY2(qAbs(svgMm - expected) < 0.5, qPrintable(QString::number(svgMm)));
    QVERIFY2(qAbs(pdfMm - expected) < 0.5, qPrintable(QString::number(pdfMm)));
    // The height too: the default proportions of the figure.
    const double pngHeightMm = png.height() / (png.dotsPerMeterY() / 1000.0);
    QVERIFY(qAbs(pngHeightMm - size.heightMm) < 0.5);
}

// Issue 14 (export): the SVG heatmap's cells leave no light hairlines between them. One α
// value everywhere: rendered, the map is one colour up to its edges.
void TestGeneFigure::svgHeatmapHasNoSeams()
{
    GeneViewData d = makeGene();
    d.alpha.assign(d.alpha.size(), 0.03f);
    GeneView view;
    view.setData(d);
    const QColor cell(view.alphaMap()->gradient().color(0.03, view.alphaMap()->dataRange()));
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("g.svg"));
    QString err;
    QVERIFY2(GeneFigure::save(view, QStringLiteral("svg"), file, GeneFigure::defaultSize(), &err),
             qPrintable(err));
    QSvgRenderer svg(file);
    QVERIFY(svg.isValid());
    QImage image(QSize(GeneFigure::kDefaultWidth, GeneFigure::kDefaultHeight) * 3,
                 QImage::Format_RGB32);
    image.fill(Qt::white);
    {
        QPainter p(&image);
        p.setRenderHint(QPainter::Antialiasing);
        svg.render(&p);
    }
    if (qEnvironmentVariableIsSet("AC_KEEP_SVG"))
        image.save(QStringLiteral("/tmp/figs/seams.png"));
    // The map: the columns and rows full of the cell colour (the colour bar holds it in a few
    // rows only).
    QVector<int> perColumn(image.width()), perRow(image.height());
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            if (image.pixelColor(x, y) == cell) {
                ++perColumn[x];
                ++perRow[y];
            }
    QRect box;
    for (int x = 0; x < image.width(); ++x)
        for (int y = 0; y < image.height(); ++y)
            if (perColumn[x] > 50 && perRow[y] > 500)
                box |= QRect(x, y, 1, 1);
    QVERIFY(box.width() > 1000 && box.height() > 60);
    // Inside the map (its outermost pixels and the dashed TSS line aside) every pixel is the
    // cell colour.
    int seams = 0;
    const int tss = box.center().x();
    for (int y = box.top() + 2; y < box.bottom() - 2; ++y)
        for (int x = box.left() + 2; x < box.right() - 2; ++x)
            if (std::abs(x - tss) > 8 && image.pixelColor(x, y) != cell)
                ++seams;
    QCOMPARE(seams, 0);
}

// Issue 14 (export): default names carry the cell and the run, so a list exported for two
// cells never overwrites; bins without track data are "NA" in the TSV.
void TestGeneFigure::namesAndMissingTrackBins()
{
    GeneViewData d = makeGene();
    d.runId = QStringLiteral("E999-attentivechrome-2");
    QCOMPARE(GeneFigure::fileStem(d), QStringLiteral("TP53_E999_E999-attentivechrome-2"));
    GeneViewData other = d;
    other.cell = QStringLiteral("E123");
    QVERIFY(GeneFigure::fileStem(other) != GeneFigure::fileStem(d));
    d.runId.clear();
    d.gene.symbol = QStringLiteral("A/B");
    QCOMPARE(GeneFigure::fileStem(d), QStringLiteral("A_B_E999"));

    d.trackName = QStringLiteral("H3K27ac");
    d.track.assign(std::size_t(d.binCount), 0.0f);
    d.track[1] = std::nanf("");
    QTemporaryDir dir;
    const QString f = dir.filePath(QStringLiteral("g.tsv"));
    QString err;
    QVERIFY2(GeneFigure::saveTsv(d, f, &err), qPrintable(err));
    const QStringList lines = QString::fromUtf8(readAll(f)).split(QLatin1Char('\n'));
    const int header = int(lines.indexOf(QRegularExpression(QStringLiteral("^bin\t.*"))));
    QVERIFY(header > 0);
    QVERIFY(lines.at(header + 1).endsWith(QStringLiteral("\t0")));
    QVERIFY(lines.at(header + 2).endsWith(QStringLiteral("\tNA")));
}

QTEST_MAIN(TestGeneFigure)
#include "tst_genefigure.moc"
