// attentivechrome-cli export-track (issue 15): α of a mark, β-weighted α and an attribution map
// of every gene, written as bigWig and bedGraph and imported back as tracks through the project's
// track import: the same values for genes on both strands. User errors are one line.
#include "CliRunner.h"
#include "TrainFixture.h"
#include "data/TrackImporter.h"
#include "interpret/Attributor.h"
#include "interpret/TrackQuantity.h"
#include "store/StudyFile.h"

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

using namespace ac;

namespace
{

constexpr int kMarks = 5;
constexpr int kBins = 100;

testing::CliRun runCli(const QStringList& args)
{
    return testing::runCli(args, 300000);
}

/// The learnable cell with loci: genes 20 kb apart, alternating strands, on chr1 and chr2.
CellData locatedCell()
{
    CellData c = testing::makeLearnableCell(QStringLiteral("C1"), 64, 32, 32, 1);
    c.assembly = QStringLiteral("hg19");
    for (int g = 0; g < c.geneCount(); ++g) {
        GeneRecord& r = c.genes[static_cast<std::size_t>(g)];
        r.chrom = g < 64 ? QStringLiteral("chr1") : QStringLiteral("chr2");
        r.tss = 1000001 + std::int64_t(g % 64) * 20000;
        r.strand = g % 2 == 0 ? '+' : '-';
    }
    return c;
}

/// A run of `genes` genes with α (distinct values) and, when `withBeta`, β.
RunResults results(int genes, bool withBeta)
{
    RunResults r;
    r.geneCount = genes;
    r.p.assign(static_cast<std::size_t>(genes), 0.5f);
    r.alpha.resize(static_cast<std::size_t>(genes) * kMarks * kBins);
    for (std::size_t i = 0; i < r.alpha.size(); ++i)
        r.alpha[i] = float(i % 997) / 997.0f + 0.001f;
    if (withBeta)
        for (int i = 0; i < genes * kMarks; ++i)
            r.beta.push_back(float(i % 5 + 1) / 15.0f);
    return r;
}

QString writeRuns(const QString& path, const CellData& cell)
{
    QString error;
    auto editor = StudyEditor::begin(path, &error);
    if (!editor || !editor->writeCell(cell, &error))
        return error;
    for (const bool beta : {true, false}) {
        RunRecord run;
        run.id = beta ? QStringLiteral("C1-ab") : QStringLiteral("C1-a");
        run.cell = cell.name;
        run.created = QDateTime::currentDateTimeUtc();
        run.status = QStringLiteral("complete");
        if (!editor->writeRun(run, Weights(), Weights(), &error) ||
            !editor->writeResults(run.id, results(cell.geneCount(), beta), &error))
            return error;
    }
    return editor->commit(&error) ? QString() : error;
}

/// `path` imported as a track of `cell`'s genes.
std::vector<float> importBack(const CellData& cell, const QString& path)
{
    TrackFormat format;
    if (!trackFormatFromFileName(path, &format))
        return {};
    const TrackImportResult r = TrackImporter(cell.genes).importFile(format, path);
    if (!r.ok)
        qWarning("%s", qPrintable(r.error));
    return r.track.values;
}

bool isOneErrorLine(const QString& err)
{
    return err.count(QLatin1Char('\n')) == 1 && err.contains(QLatin1String(": error: "));
}

} // namespace

class TestCliExportTrack : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void alphaOfMarkAsBigWig();
    void betaAlphaAsBedGraph();
    void attributionOfTrainedModel();
    void userErrors();

private:
    QTemporaryDir m_dir;
    QString m_study;
    CellData m_cell;
};

void TestCliExportTrack::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(QFile::exists(qEnvironmentVariable("AC_CLI")), "AC_CLI must name attentivechrome-cli");
    m_study = m_dir.filePath(QStringLiteral("study.h5"));
    m_cell = locatedCell();
    const QString error = writeRuns(m_study, m_cell);
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void TestCliExportTrack::alphaOfMarkAsBigWig()
{
    const QString out = m_dir.filePath(QStringLiteral("alpha-H3K4me3.bw"));
    const testing::CliRun r = runCli({"export-track", "--study", m_study, "--run", "C1-ab",
                                      "--what", "alpha:h3k4me3", "--out", out});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QCOMPARE(r.outLines(), QStringList{out});
    const std::vector<float> back = importBack(m_cell, out);
    const RunResults expected = results(m_cell.geneCount(), true);
    QCOMPARE(back.size(), std::size_t(m_cell.geneCount()) * kBins);
    for (std::size_t g = 0; g < std::size_t(m_cell.geneCount()); ++g)
        for (std::size_t b = 0; b < kBins; ++b)
            QCOMPARE(back[g * kBins + b], expected.alpha[(g * kMarks + 3) * kBins + b]);
}

void TestCliExportTrack::betaAlphaAsBedGraph()
{
    const QString out = m_dir.filePath(QStringLiteral("beta-alpha.bedGraph"));
    const testing::CliRun r = runCli({"export-track", "--study", m_study, "--run", "C1-ab",
                                      "--what", "beta-alpha", "--out", out});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QFile text(out);
    QVERIFY(text.open(QIODevice::ReadOnly));
    QCOMPARE(text.readLine(), QByteArray("track type=bedGraph name=\"C1 C1-ab beta-alpha\" "
                                         "description=\"β-weighted α (Σ β·α over the marks)\"\n"));
    const std::vector<float> back = importBack(m_cell, out);
    const RunResults res = results(m_cell.geneCount(), true);
    QCOMPARE(back.size(), std::size_t(m_cell.geneCount()) * kBins);
    for (std::size_t g = 0; g < std::size_t(m_cell.geneCount()); ++g)
        for (std::size_t b = 0; b < kBins; ++b) {
            float sum = 0;
            for (std::size_t m = 0; m < kMarks; ++m)
                sum += res.beta[g * kMarks + m] * res.alpha[(g * kMarks + m) * kBins + b];
            QCOMPARE(back[g * kBins + b], sum);
        }
}

void TestCliExportTrack::attributionOfTrainedModel()
{
    const testing::CliRun train =
        runCli({"train", "--study", m_study, "--cell", "C1", "--model", "attentivechrome",
                "--epochs", "1", "--threads", "1", "--seed", "3"});
    QVERIFY2(train.exitCode == 0, qPrintable(train.err));
    const QString run = train.outLines().value(1).section(QLatin1Char('\t'), 0, 0);
    const QString out = m_dir.filePath(QStringLiteral("saliency.bw"));
    const testing::CliRun r =
        runCli({"export-track", "--study", m_study, "--run", run, "--what",
                "attribution:saliency:H3K27me3", "--out", out, "--threads", "1"});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));

    QString error;
    const std::unique_ptr<StudyFile> study = StudyFile::open(m_study, &error);
    QVERIFY2(study, qPrintable(error));
    const std::unique_ptr<Attributor> attributor =
        Attributor::load(*study, run, QStringLiteral("best"), &error);
    QVERIFY2(attributor, qPrintable(error));
    std::vector<float> maps;
    QVERIFY(attributor->attributeAll(m_cell, {}, AttributionMethod::Saliency, &maps, nullptr,
                                     [](const Progress&) { return true; }));
    const std::vector<float> back = importBack(m_cell, out);
    QCOMPARE(back.size(), std::size_t(m_cell.geneCount()) * kBins);
    double total = 0;
    for (std::size_t g = 0; g < std::size_t(m_cell.geneCount()); ++g)
        for (std::size_t b = 0; b < kBins; ++b) {
            QCOMPARE(back[g * kBins + b], maps[(g * kMarks + 0) * kBins + b]);
            total += back[g * kBins + b];
        }
    QVERIFY(total > 0);
}

void TestCliExportTrack::userErrors()
{
    const QString bw = m_dir.filePath(QStringLiteral("e.bw"));
    struct Case {
        QStringList args;
        QString message;
    };
    const std::vector<Case> cases = {
        {{"--run", "C1-ab", "--what", "alpha:H3K99", "--out", bw},
         QStringLiteral("'alpha:H3K99' is not a track to export")},
        {{"--run", "C1-ab", "--what", "attribution:mark-ablation", "--out", bw},
         QStringLiteral("'attribution:mark-ablation' is not a track to export")},
        {{"--run", "C1-a", "--what", "beta-alpha", "--out", bw},
         QStringLiteral("e.bw: the run's model has no β")},
        {{"--run", "C1-ab", "--out", m_dir.filePath(QStringLiteral("e.wig"))},
         QStringLiteral("e.wig: unknown track format")},
        {{"--run", "C1-ab", "--what", "attribution:saliency", "--out", bw},
         QStringLiteral("C1-ab")},
        {{"--run", "C1-ab"}, QStringLiteral("--out is required")},
    };
    for (const Case& c : cases) {
        const testing::CliRun r = runCli(QStringList{"export-track", "--study", m_study} + c.args);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(isOneErrorLine(r.err), qPrintable(r.err));
        QVERIFY2(r.err.contains(c.message), qPrintable(r.err));
    }
    QVERIFY(!QFile::exists(bw));
    QCOMPARE(QDir(m_dir.path()).entryList({QStringLiteral("e.*")}, QDir::Files), QStringList());
}

QTEST_GUILESS_MAIN(TestCliExportTrack)
#include "tst_cli_exporttrack.moc"
