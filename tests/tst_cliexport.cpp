// attentivechrome-cli export ($AC_CLI) on a study the test writes: the SVG heatmap is vector (one
// <rect> per marks × bins cell), the PNG carries the requested DPI, and an unknown gene is a
// one-line error naming the study. Issue 4.
#include "CliRunner.h"
#include "store/StudyEditor.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QTemporaryDir>
#include <QtTest>

using namespace ac;

namespace
{

constexpr int kGenes = 6;

CellData makeCell(const QString& name)
{
    CellData cell;
    cell.name = name;
    for (int g = 0; g < kGenes; ++g) {
        GeneRecord r;
        r.remcId = QStringLiteral("%1").arg(g + 3, 6, 10, QLatin1Char('0'));
        r.ensemblId = QStringLiteral("ENSG%1").arg(g + 3, 11, 10, QLatin1Char('0'));
        r.symbol = QStringLiteral("GENE%1").arg(g);
        r.chrom = QStringLiteral("chr1");
        r.tss = 1000000 + g * 5000;
        r.strand = '+';
        cell.genes.push_back(r);
        cell.labels.push_back(std::uint8_t(g % 2));
        cell.splits.push_back(Split(g % 3));
    }
    cell.values.resize(std::size_t(kGenes) * cell.binCount * cell.markCount);
    for (std::size_t i = 0; i < cell.values.size(); ++i)
        cell.values[i] = float(i % 13);
    return cell;
}

bool writeStudy(const QString& path, QString* error)
{
    // E1 has a run with α (and no β, so every extra <rect> is a heatmap cell); E2 has no run.
    RunRecord run;
    run.id = QStringLiteral("E1-run");
    run.cell = QStringLiteral("E1");
    run.created = QDateTime::currentDateTimeUtc();
    run.status = QStringLiteral("complete");
    RunResults res;
    res.geneCount = kGenes;
    res.p.assign(kGenes, 0.7f);
    res.alpha.resize(std::size_t(kGenes) * 500);
    for (std::size_t i = 0; i < res.alpha.size(); ++i)
        res.alpha[i] = float(i % 97) / 970.0f;
    auto ed = StudyEditor::begin(path, error);
    return ed && ed->writeCell(makeCell(QStringLiteral("E1")), error) &&
           ed->writeCell(makeCell(QStringLiteral("E2")), error) &&
           ed->writeRun(run, Weights(), Weights(), error) && ed->writeResults(run.id, res, error) &&
           ed->commit(error);
}

testing::CliRun runCli(const QStringList& args)
{
    return testing::runCli(args, 60000);
}

int countRects(const QString& file)
{
    QFile f(file);
    return f.open(QIODevice::ReadOnly) ? int(f.readAll().count("<rect")) : -1;
}

} // namespace

class TestCliExport : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(!qEnvironmentVariable("AC_CLI").isEmpty());
        QVERIFY(m_dir.isValid());
        m_study = m_dir.filePath(QStringLiteral("study.h5"));
        QString err;
        QVERIFY2(writeStudy(m_study, &err), qPrintable(err));
    }

    void svgHasOneRectPerHeatmapCell()
    {
        const QString out = m_dir.filePath(QStringLiteral("svg"));
        const testing::CliRun a =
            runCli({QStringLiteral("export"), QStringLiteral("--study"), m_study,
                    QStringLiteral("--cell"), QStringLiteral("E1"), QStringLiteral("--gene"),
                    QStringLiteral("GENE2"), QStringLiteral("--format"), QStringLiteral("svg"),
                    QStringLiteral("--out"), out + QStringLiteral("/a")});
        QVERIFY2(a.exitCode == 0, qPrintable(a.err));
        const testing::CliRun b =
            runCli({QStringLiteral("export"), QStringLiteral("--study"), m_study,
                    QStringLiteral("--cell"), QStringLiteral("E2"), QStringLiteral("--gene"),
                    QStringLiteral("GENE2"), QStringLiteral("--format"), QStringLiteral("svg"),
                    QStringLiteral("--out"), out + QStringLiteral("/b")});
        QVERIFY2(b.exitCode == 0, qPrintable(b.err));
        // Issue 14 (export): the names carry cell and run.
        const QString fa = out + QStringLiteral("/a/GENE2_E1_E1-run.svg"),
                      fb = out + QStringLiteral("/b/GENE2_E2.svg");
        QCOMPARE(a.out.trimmed(), fa);
        QVERIFY(QFileInfo::exists(fb));
        // Same gene, same panels; the only difference is the α heatmap: 5 marks × 100 bins.
        QCOMPARE(countRects(fa) - countRects(fb), 5 * 100);
    }

    void pngHasRequestedDpi_data()
    {
        QTest::addColumn<int>("dpi");
        QTest::newRow("300") << 300;
        QTest::newRow("120") << 120;
    }

    void pngHasRequestedDpi()
    {
        QFETCH(int, dpi);
        const QString out = m_dir.filePath(QStringLiteral("png%1").arg(dpi));
        const testing::CliRun r = runCli(
            {QStringLiteral("export"), QStringLiteral("--study"), m_study, QStringLiteral("--cell"),
             QStringLiteral("E1"), QStringLiteral("--gene"), QStringLiteral("ENSG00000000004"),
             QStringLiteral("--format"), QStringLiteral("png"), QStringLiteral("--dpi"),
             QString::number(dpi), QStringLiteral("--out"), out});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QImage img(out + QStringLiteral("/GENE1_E1_E1-run.png"));
        QVERIFY(!img.isNull());
        QVERIFY(qAbs(img.dotsPerMeterX() - dpi / 0.0254) < 2.0);
        QVERIFY(qAbs(img.dotsPerMeterY() - dpi / 0.0254) < 2.0);
        // The pixel size scales with the DPI (900 logical px at 96 DPI).
        QVERIFY(qAbs(img.width() - 900.0 * dpi / 96.0) < 2.0);
    }

    // Issue 14 (export): --width, --height and --font-size give the GUI's figure sizes; PNG,
    // SVG and PDF get the same physical width.
    void sizeOptions()
    {
        const QString out = m_dir.filePath(QStringLiteral("sized"));
        for (const QString& format :
             {QStringLiteral("png"), QStringLiteral("svg"), QStringLiteral("pdf")}) {
            const testing::CliRun r = runCli(
                {QStringLiteral("export"), QStringLiteral("--study"), m_study,
                 QStringLiteral("--cell"), QStringLiteral("E1"), QStringLiteral("--gene"),
                 QStringLiteral("GENE1"), QStringLiteral("--format"), format,
                 QStringLiteral("--width"), QStringLiteral("3.5in"), QStringLiteral("--height"),
                 QStringLiteral("100mm"), QStringLiteral("--font-size"), QStringLiteral("7"),
                 QStringLiteral("--dpi"), QStringLiteral("600"), QStringLiteral("--out"), out});
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        }
        const QImage png(out + QStringLiteral("/GENE1_E1_E1-run.png"));
        QCOMPARE(png.width(), 2100); // 3.5 in at 600 DPI
        QVERIFY(qAbs(png.height() - 100 / 25.4 * 600) < 2);
        QFile svg(out + QStringLiteral("/GENE1_E1_E1-run.svg"));
        QVERIFY(svg.open(QIODevice::ReadOnly));
        QVERIFY(svg.readAll().contains("width=\"88.9mm\" height=\"100"));
        QFile pdf(out + QStringLiteral("/GENE1_E1_E1-run.pdf"));
        QVERIFY(pdf.open(QIODevice::ReadOnly));
        QVERIFY(pdf.readAll().contains("/MediaBox [0 0 252"));

        const testing::CliRun bad = runCli(
            {QStringLiteral("export"), QStringLiteral("--study"), m_study, QStringLiteral("--cell"),
             QStringLiteral("E1"), QStringLiteral("--gene"), QStringLiteral("GENE1"),
             QStringLiteral("--width"), QStringLiteral("wide"), QStringLiteral("--out"), out});
        QCOMPARE(bad.exitCode, 1);
        QVERIFY(bad.err.contains(QStringLiteral("--width 'wide'")));
    }

    // Issue 15: --genes exports the genes of a list; entries not found are one warning, a
    // malformed list one error with file:line.
    void geneListExport()
    {
        const QString list = m_dir.filePath(QStringLiteral("list.txt"));
        QFile f(list);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("# two genes and one unknown\nGENE4\nENSG00000000003.7\nNOSUCH\n");
        f.close();
        const QString out = m_dir.filePath(QStringLiteral("listed"));
        const QStringList args{
            QStringLiteral("export"), QStringLiteral("--study"), m_study,
            QStringLiteral("--cell"), QStringLiteral("E2"),      QStringLiteral("--format"),
            QStringLiteral("tsv"),    QStringLiteral("--out"),   out,
            QStringLiteral("--genes")};
        const testing::CliRun r = runCli(args + QStringList{list});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.outLines(), (QStringList{out + QStringLiteral("/GENE0_E2.tsv"),
                                            out + QStringLiteral("/GENE4_E2.tsv")}));
        QVERIFY2(r.err.contains(QStringLiteral("warning: 1 of 3 entries of list.txt not found: "
                                               "'NOSUCH'")),
                 qPrintable(r.err));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("GENE4\nchr1 5 6\n");
        f.close();
        const testing::CliRun bad = runCli(args + QStringList{list});
        QCOMPARE(bad.exitCode, 1);
        QVERIFY2(bad.err.contains(QStringLiteral(
                     "error: list.txt:2: expected one gene name per line, found 3 fields")),
                 qPrintable(bad.err));
    }

    void unknownGeneIsOneLineError()
    {
        const testing::CliRun r = runCli(
            {QStringLiteral("export"), QStringLiteral("--study"), m_study, QStringLiteral("--cell"),
             QStringLiteral("E1"), QStringLiteral("--gene"), QStringLiteral("NOSUCHGENE"),
             QStringLiteral("--out"), m_dir.filePath(QStringLiteral("x"))});
        QCOMPARE(r.exitCode, 1);
        // Qt may add its own environment notes (e.g. XDG_RUNTIME_DIR); the error is one line.
        QStringList lines;
        for (const QString& l : r.err.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
            if (l.startsWith(QStringLiteral("attentivechrome-cli")))
                lines << l;
        QCOMPARE(lines.size(), 1);
        QVERIFY(lines.first().contains(QStringLiteral("error:")));
        QVERIFY(lines.first().contains(QStringLiteral("study.h5")));
        QVERIFY(lines.first().contains(QStringLiteral("NOSUCHGENE")));
    }

private:
    QTemporaryDir m_dir;
    QString m_study;
};

QTEST_MAIN(TestCliExport)
#include "tst_cliexport.moc"
