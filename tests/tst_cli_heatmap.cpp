// Tests of `attentivechrome-cli heatmap` (issue 15): the deepTools computeMatrix file it writes
// (header, groups, one row per gene in the heatmap's order) and its errors.
#include "CliRunner.h"
#include "HeatmapFixture.h"
#include "data/Gunzip.h"

#include <QColor>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace ac;
using ac::testing::runCli;

namespace
{

constexpr int kGenes = 300;

/// The lines of a (gzip-compressed) matrix file; empty when unreadable.
QList<QByteArray> matrixLines(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QByteArray text = f.readAll();
    QString error;
    if (isGzip(text) && !gunzip(QByteArray(text), path, &text, &error))
        return {};
    return text.split('\n');
}

} // namespace

class TestCliHeatmap : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void writesComputeMatrix();
    void clustersIntoGroups();
    void groupsByAGeneList();
    void drawsAFigure();
    void reportsBadOptions();

private:
    QTemporaryDir m_dir;
    QString m_study;
    testing::Planted m_planted;
};

void TestCliHeatmap::initTestCase()
{
    m_planted = testing::plantedCell(kGenes);
    m_study = m_dir.filePath(QStringLiteral("s.h5"));
    const QString error = testing::writePlantedStudy(m_study, m_planted, QStringLiteral("r1"));
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void TestCliHeatmap::writesComputeMatrix()
{
    const QString out = m_dir.filePath(QStringLiteral("m.gz"));
    const auto r =
        runCli({QStringLiteral("heatmap"), QStringLiteral("--study"), m_study,
                QStringLiteral("--cell"), QStringLiteral("SimCell1"), QStringLiteral("--group"),
                QStringLiteral("label"), QStringLiteral("--out"), out, QStringLiteral("--timing")},
               60000);
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(QStringLiteral("layout (p, label)")), qPrintable(r.out));
    const QList<QByteArray> lines = matrixLines(out);
    QVERIFY(!lines.isEmpty() && lines[0].startsWith('@'));
    const QJsonObject h = QJsonDocument::fromJson(lines[0].mid(1)).object();
    QCOMPARE(h.value(QStringLiteral("sample_labels")).toArray(),
             (QJsonArray{QStringLiteral("α H3K4me3"), QStringLiteral("H3K4me3"),
                         QStringLiteral("H3K27ac")}));
    QCOMPARE(h.value(QStringLiteral("sample_boundaries")).toArray(),
             (QJsonArray{0, 100, 200, 300}));
    QCOMPARE(h.value(QStringLiteral("group_labels")).toArray(),
             (QJsonArray{QStringLiteral("label high"), QStringLiteral("label low")}));
    int high = 0;
    for (std::uint8_t l : m_planted.sim.cell.labels)
        high += l;
    QCOMPARE(h.value(QStringLiteral("group_boundaries")).toArray(), (QJsonArray{0, high, kGenes}));
    QCOMPARE(h.value(QStringLiteral("ref point")).toArray().first().toString(),
             QStringLiteral("TSS"));
    QCOMPARE(h.value(QStringLiteral("sort regions")).toString(), QStringLiteral("keep"));
    QCOMPARE(int(lines.size()), kGenes + 2); // header + one row per gene + the final '\n'
    for (int i = 1; i <= kGenes; ++i)
        QCOMPARE(int(lines[i].split('\t').size()), 6 + 300);
    // Within "label high", rows follow p(high), highest first (p is the 5th column).
    for (int i = 2; i <= high; ++i)
        QVERIFY(lines[i - 1].split('\t')[4].toDouble() > lines[i].split('\t')[4].toDouble());
    // Plain text for any other name.
    const QString plain = m_dir.filePath(QStringLiteral("m.tab"));
    QCOMPARE(runCli({QStringLiteral("heatmap"), QStringLiteral("--study"), m_study,
                     QStringLiteral("--run"), QStringLiteral("r1"), QStringLiteral("--track"),
                     QStringLiteral("none"), QStringLiteral("--out"), plain},
                    60000)
                 .exitCode,
             0);
    QFile f(plain);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(f.readLine().startsWith("@{"));
    QCOMPARE(int(matrixLines(plain)[1].split('\t').size()), 6 + 200); // no track panel
}

void TestCliHeatmap::clustersIntoGroups()
{
    const QString out = m_dir.filePath(QStringLiteral("k.gz"));
    const auto r = runCli({QStringLiteral("heatmap"), QStringLiteral("--study"), m_study,
                           QStringLiteral("--run"), QStringLiteral("r1"), QStringLiteral("--group"),
                           QStringLiteral("clusters"), QStringLiteral("--clusters"),
                           QStringLiteral("2"), QStringLiteral("--sort"),
                           QStringLiteral("tss-alpha"), QStringLiteral("--out"), out},
                          60000);
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QList<QByteArray> lines = matrixLines(out);
    const QJsonObject h = QJsonDocument::fromJson(lines[0].mid(1)).object();
    const int b = int(std::count(m_planted.groupB.begin(), m_planted.groupB.end(), true));
    QCOMPARE(h.value(QStringLiteral("group_boundaries")).toArray(), (QJsonArray{0, b, kGenes}));
    QCOMPARE(h.value(QStringLiteral("group_labels")).toArray().size(), 2);
}

void TestCliHeatmap::groupsByAGeneList()
{
    const QString list = m_dir.filePath(QStringLiteral("ten.txt"));
    {
        QFile f(list);
        QVERIFY(f.open(QIODevice::WriteOnly));
        for (int g = 0; g < 10; ++g)
            f.write(m_planted.sim.cell.genes[std::size_t(g) * 7].remcId.toUtf8() + '\n');
        f.write("NOT_A_GENE\n");
    }
    const QString out = m_dir.filePath(QStringLiteral("l.gz"));
    const QStringList base{
        QStringLiteral("heatmap"), QStringLiteral("--study"), m_study, QStringLiteral("--run"),
        QStringLiteral("r1"),      QStringLiteral("--out"),   out};
    const auto r = runCli(base + QStringList{QStringLiteral("--group"), QStringLiteral("list"),
                                             QStringLiteral("--genes"), list},
                          60000);
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.err.contains(QStringLiteral("1 of 11 entries")), qPrintable(r.err));
    const QJsonObject h = QJsonDocument::fromJson(matrixLines(out)[0].mid(1)).object();
    QCOMPARE(h.value(QStringLiteral("group_labels")).toArray(),
             (QJsonArray{QStringLiteral("ten.txt"), QStringLiteral("not in ten.txt")}));
    QCOMPARE(h.value(QStringLiteral("group_boundaries")).toArray(), (QJsonArray{0, 10, kGenes}));
    // Either option alone is an error.
    QCOMPARE(runCli(base + QStringList{QStringLiteral("--genes"), list}, 60000).exitCode, 1);
    QCOMPARE(runCli(base + QStringList{QStringLiteral("--group"), QStringLiteral("list")}, 60000)
                 .exitCode,
             1);
}

void TestCliHeatmap::drawsAFigure()
{
    // --figure alone (no matrix) draws the Heatmap tab's figure at the asked physical size.
    const QString png = m_dir.filePath(QStringLiteral("heatmap.png"));
    const QString svg = m_dir.filePath(QStringLiteral("heatmap.svg"));
    const QStringList base{
        QStringLiteral("heatmap"), QStringLiteral("--study"), m_study,
        QStringLiteral("--run"),   QStringLiteral("r1"),      QStringLiteral("--group"),
        QStringLiteral("label")};
    auto r = runCli(base + QStringList{QStringLiteral("--figure"), png, QStringLiteral("--width"),
                                       QStringLiteral("100mm"), QStringLiteral("--height"),
                                       QStringLiteral("80mm"), QStringLiteral("--dpi"),
                                       QStringLiteral("150")},
                    60000);
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(png), qPrintable(r.out));
    const QImage image(png);
    QCOMPARE(image.width(), int(std::lround(100 / 25.4 * 150)));
    QCOMPARE(image.height(), int(std::lround(80 / 25.4 * 150)));
    // Not blank: the heatmaps colour a good part of it.
    int coloured = 0;
    for (int y = 0; y < image.height(); y += 4)
        for (int x = 0; x < image.width(); x += 4) {
            const QColor c = image.pixelColor(x, y);
            coloured += c.saturation() > 60;
        }
    QVERIFY2(coloured > image.width() * image.height() / 16 / 10,
             qPrintable(QString::number(coloured)));

    r = runCli(base + QStringList{QStringLiteral("--figure"), svg}, 60000);
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QFile file(svg);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray text = file.readAll();
    QVERIFY(text.contains("<svg") && text.contains("label high"));

    const QString bad = m_dir.filePath(QStringLiteral("heatmap.jpg"));
    r = runCli(base + QStringList{QStringLiteral("--figure"), bad}, 60000);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QStringLiteral(".png, .svg or .pdf")), qPrintable(r.err));
    r = runCli(base, 60000); // neither --out nor --figure
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QStringLiteral("--figure")), qPrintable(r.err));
}

void TestCliHeatmap::reportsBadOptions()
{
    const QString out = m_dir.filePath(QStringLiteral("bad.gz"));
    const QStringList base{
        QStringLiteral("heatmap"), QStringLiteral("--study"), m_study, QStringLiteral("--run"),
        QStringLiteral("r1"),      QStringLiteral("--out"),   out};
    auto r = runCli(base + QStringList{QStringLiteral("--sort"), QStringLiteral("nope")}, 60000);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QStringLiteral("--sort")), qPrintable(r.err));
    r = runCli(base + QStringList{QStringLiteral("--mark"), QStringLiteral("H3K99")}, 60000);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(m_study) && r.err.contains(QStringLiteral("H3K99")), qPrintable(r.err));
    r = runCli(base + QStringList{QStringLiteral("--track"), QStringLiteral("H3K9ac")}, 60000);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QStringLiteral("no track 'H3K9ac'")), qPrintable(r.err));
    r = runCli(base + QStringList{QStringLiteral("--group"), QStringLiteral("clusters"),
                                  QStringLiteral("--clusters"), QStringLiteral("0")},
               60000);
    QCOMPARE(r.exitCode, 1);
    QVERIFY(!QFile::exists(out));
}

QTEST_MAIN(TestCliHeatmap)
#include "tst_cli_heatmap.moc"
