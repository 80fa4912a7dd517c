// The validation study (issue 5) end to end: a simulated study whose H3K27ac track is planted at
// the active promoter, a briefly trained AttentiveChrome, Validator, and the CLI (validate,
// import-track) on the same study.
#include "CliRunner.h"
#include "interpret/Validator.h"
#include "jobs/SimulatedStudy.h"
#include "store/StudyFile.h"
#include "train/Trainer.h"

#include <ATen/Parallel.h>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <cmath>

using namespace ac;

namespace
{

const AgreementRow* findRow(const AgreementReport& r, const QString& map, const QString& mark,
                            const QString& group)
{
    for (const AgreementRow& row : r.rows)
        if (row.map == map && row.mark == mark && row.group == group)
            return &row;
    return nullptr;
}

QString cliPath()
{
    return qEnvironmentVariable("AC_CLI");
}

testing::CliRun runCli(const QStringList& args)
{
    return testing::runCli(args, 300000);
}

} // namespace

class TestValidator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void alphaFollowsTrackBetterThanSaliency();
    void cliValidateWritesTheSameTable();
    void cliValidateGeneList();
    void classOptimisationIsComparedWithTheTrack();
    void cliReportsIntegratedGradientCompleteness();
    void errors();
    void cliImportTrack();

private:
    QTemporaryDir m_dir;
    QString m_study;
    QString m_run;
    ValidationReport m_report;
};

void TestValidator::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_study = m_dir.filePath(QStringLiteral("sim.h5"));
    SimulationConfig sim;
    sim.cells = 1;
    sim.genesPerCell = 900;
    sim.seed = 5;
    QString error;
    QVERIFY2(writeSimulatedStudy(m_study, sim, {}, &error), qPrintable(error));

    TrainRequest request;
    request.studyPath = m_study;
    request.cell = QStringLiteral("SimCell1");
    request.train.epochs = 4;
    request.train.learningRate = 2e-3;
    request.train.threads = 1;
    request.train.seed = 1;
    request.runId = QStringLiteral("sim-attentivechrome");
    const TrainOutcome outcome = trainModel(request, {});
    QVERIFY2(outcome.ok, qPrintable(outcome.error));
    m_run = outcome.run.id;
    const EpochMetrics& best = outcome.run.epochs[outcome.run.bestEpoch - 1];
    qInfo("trained %d epochs, best epoch %d: validation AUROC %.4f, test AUROC %.4f",
          static_cast<int>(outcome.run.epochs.size()), outcome.run.bestEpoch, best.validAuroc,
          best.testAuroc);

    at::set_num_threads(1);
    ValidationRequest v;
    v.studyPath = m_study;
    v.runId = m_run;
    // Integrated gradients cost 32 backward passes per gene; tst_attributor covers them.
    v.methods = {AttributionMethod::Saliency};
    int calls = 0;
    double last = 0;
    bool monotone = true;
    QVERIFY2(Validator::run(
                 v, &m_report,
                 [&](const Progress& p) {
                     ++calls;
                     monotone = monotone && p.fraction >= last - 1e-9;
                     last = p.fraction;
                     return true;
                 },
                 &error),
             qPrintable(error));
    QVERIFY(calls > 0);
    QVERIFY(monotone);
    QVERIFY(std::abs(last - 1.0) < 1e-9);
}

void TestValidator::alphaFollowsTrackBetterThanSaliency()
{
    const AgreementReport& a = m_report.agreement;
    QCOMPARE(m_report.split, QStringLiteral("test"));
    QCOMPARE(static_cast<int>(m_report.genes.size()), a.onGenes + a.offGenes);
    QVERIFY(a.onGenes > 30 && a.offGenes > 30);
    // α, saliency and the class-optimal map, each per mark and summed, ON and OFF.
    QCOMPARE(a.rows.size(), std::size_t(3 * 6 * 2));
    for (const AgreementRow& row : a.rows)
        if (row.group == QLatin1String("ON"))
            qInfo("%-22s %-9s ON  used %4d  mean r %7.4f  mean rho %7.4f  average-map r %7.4f",
                  qPrintable(row.map), qPrintable(row.mark), row.used, row.meanPearson,
                  row.meanSpearman, row.averagePearson);
    const QString prom = QStringLiteral("H3K4me3");
    const AgreementRow* alpha = findRow(a, QStringLiteral("alpha"), prom, QStringLiteral("ON"));
    const AgreementRow* saliency =
        findRow(a, QStringLiteral("saliency"), prom, QStringLiteral("ON"));
    const AgreementRow* saliencySum =
        findRow(a, QStringLiteral("saliency"), QStringLiteral("sum"), QStringLiteral("ON"));
    QVERIFY(alpha && saliency && saliencySum);
    QVERIFY(alpha->used > 30);
    // The paper's claim on planted data: per gene, α of the promoter mark follows H3K27ac clearly
    // better than saliency does. With counts at REMC scale the LSTM saturates at the peak, so
    // |∂logit/∂x| dips where the signal is strongest while α stays on it (here about 0.90
    // against 0.59; on 3,000-gene studies 0.91-0.92 against 0.03-0.46). Averaged over genes
    // both maps find the promoter.
    QVERIFY2(alpha->meanPearson > 0.7, qPrintable(QString::number(alpha->meanPearson)));
    QVERIFY2(
        alpha->meanPearson > saliency->meanPearson + 0.15,
        qPrintable(QStringLiteral("%1 vs %2").arg(alpha->meanPearson).arg(saliency->meanPearson)));
    QVERIFY(alpha->meanPearson > saliencySum->meanPearson + 0.15);
    QVERIFY2(alpha->averagePearson > 0.9, qPrintable(QString::number(alpha->averagePearson)));
    QVERIFY(saliency->averagePearson > 0.5);
}

void TestValidator::cliValidateWritesTheSameTable()
{
    if (cliPath().isEmpty())
        QSKIP("AC_CLI is not set (run through ctest)");
    const QString out = m_dir.filePath(QStringLiteral("validation"));
    const testing::CliRun r = runCli(
        {QStringLiteral("validate"), QStringLiteral("--study"), m_study, QStringLiteral("--run"),
         m_run, QStringLiteral("--methods"), QStringLiteral("saliency"),
         QStringLiteral("--threads"), QStringLiteral("1"), QStringLiteral("--out"), out});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY(r.out.contains(QStringLiteral("tables and figures written")));
    for (const char* name : {"validation-H3K4me3.svg", "validation-H3K4me3.png",
                             "validation-sum.svg", "validation-sum.png"})
        QVERIFY2(QFileInfo(out + QLatin1Char('/') + QLatin1String(name)).size() > 1000, name);
    QFile svg(out + QStringLiteral("/validation-H3K4me3.svg"));
    QVERIFY(svg.open(QIODevice::ReadOnly));
    QVERIFY(svg.readAll().contains("<svg"));
    QFile table(out + QStringLiteral("/agreement.tsv"));
    QVERIFY(table.open(QIODevice::ReadOnly | QIODevice::Text));
    const QStringList lines =
        QString::fromUtf8(table.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), static_cast<int>(m_report.agreement.rows.size()) + 1);
    QCOMPARE(lines[0], Validator::tableHeader().join(QLatin1Char('\t')));
    for (std::size_t i = 0; i < m_report.agreement.rows.size(); ++i)
        QCOMPARE(lines[static_cast<int>(i) + 1],
                 Validator::tableRow(m_report.agreement.rows[i]).join(QLatin1Char('\t')));
    for (const char* name :
         {"profiles.tsv", "genes.tsv", "class-optimal-ON.tsv", "class-optimal-OFF.tsv"})
        QVERIFY(QFile::exists(out + QLatin1Char('/') + QLatin1String(name)));
    QFile profiles(out + QStringLiteral("/profiles.tsv"));
    QVERIFY(profiles.open(QIODevice::ReadOnly | QIODevice::Text));
    const QStringList rows =
        QString::fromUtf8(profiles.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(rows.size(), 101);
    QVERIFY(rows[0].startsWith(
        QStringLiteral("bin\tposition\ttrack_ON\ttrack_OFF\talpha:H3K27me3_ON")));
    QVERIFY(rows[1].startsWith(QStringLiteral("1\t-5000\t")));
}

// Issue 15: --genes validates the listed genes of the split; entries not found are a warning.
void TestValidator::cliValidateGeneList()
{
    if (cliPath().isEmpty())
        QSKIP("AC_CLI is not set (run through ctest)");
    QVERIFY(m_report.geneIds.size() > 5);
    const QString list = m_dir.filePath(QStringLiteral("list.txt"));
    QFile f(list);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write((m_report.geneIds.mid(0, 5).join(QLatin1Char('\n')) + QStringLiteral("\nNOSUCH\n"))
                .toUtf8());
    f.close();
    const QStringList args{QStringLiteral("validate"),
                           QStringLiteral("--study"),
                           m_study,
                           QStringLiteral("--run"),
                           m_run,
                           QStringLiteral("--methods"),
                           QStringLiteral("none"),
                           QStringLiteral("--figures"),
                           QStringLiteral("none"),
                           QStringLiteral("--no-class-opt"),
                           QStringLiteral("--genes"),
                           list,
                           QStringLiteral("--out"),
                           m_dir.filePath(QStringLiteral("listed"))};
    const testing::CliRun r = runCli(args);
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(QStringLiteral(", 5 genes of split test:")), qPrintable(r.out));
    QVERIFY2(r.err.contains(QStringLiteral("warning: 1 of 6 entries of list.txt not found: "
                                           "'NOSUCH'")),
             qPrintable(r.err));
    const testing::CliRun valid =
        runCli(args + QStringList{QStringLiteral("--split"), QStringLiteral("valid")});
    QCOMPARE(valid.exitCode, 1);
    QVERIFY2(valid.err.contains(QStringLiteral("has no genes in split 'valid' among the 5 listed "
                                               "genes")),
             qPrintable(valid.err));
}

void TestValidator::classOptimisationIsComparedWithTheTrack()
{
    // Issue 15, item 4: the class-optimal ON and OFF inputs converge and are correlated with the
    // track like α (each gene against the map of its predicted class).
    QCOMPARE(m_report.classOptima.size(), std::size_t(2));
    QVERIFY(m_report.classOptima[0].on && !m_report.classOptima[1].on);
    for (const ClassOptimum& o : m_report.classOptima) {
        qInfo("%s", qPrintable(o.className() + QStringLiteral(": ") + o.summary()));
        QVERIFY2(o.converged, qPrintable(o.summary()));
    }
    // This 4-epoch model's ON optimum keeps H3K36me3 only (H3K4me3 at the promoter is checked
    // on the demo study's run in tst_classoptimizer); its maps summed over marks are compared.
    const AgreementRow* on = findRow(m_report.agreement, Validator::classOptimalKey(),
                                     QStringLiteral("sum"), QStringLiteral("ON"));
    QVERIFY(on);
    qInfo("class-optimal sum, ON genes: mean r %.4f, average-map r %.4f", on->meanPearson,
          on->averagePearson);
    QCOMPARE(on->genes, m_report.agreement.onGenes);
    QVERIFY(on->used > 30);
    QVERIFY(std::isfinite(on->meanPearson) && std::isfinite(on->averagePearson));
    // The series gives each gene its predicted class's map.
    const MapSeries series = Validator::classOptimalSeries(m_report.classOptima, {0.9f, 0.1f});
    QCOMPARE(series.values.size(), 2 * m_report.classOptima[0].values.size());
    QVERIFY(std::equal(m_report.classOptima[0].values.begin(), m_report.classOptima[0].values.end(),
                       series.values.begin()));
    QVERIFY(std::equal(m_report.classOptima[1].values.begin(), m_report.classOptima[1].values.end(),
                       series.values.begin() + long(m_report.classOptima[0].values.size())));
}

void TestValidator::cliReportsIntegratedGradientCompleteness()
{
    if (cliPath().isEmpty())
        QSKIP("AC_CLI is not set (run through ctest)");
    // Issue 15, item 5: one step is far too few; validate says so and writes the numbers.
    const QString out = m_dir.filePath(QStringLiteral("ig"));
    const testing::CliRun r = runCli(
        {QStringLiteral("validate"), QStringLiteral("--study"), m_study, QStringLiteral("--run"),
         m_run, QStringLiteral("--methods"), QStringLiteral("ig"), QStringLiteral("--ig-steps"),
         QStringLiteral("1"), QStringLiteral("--ig-baseline"), QStringLiteral("mean"),
         QStringLiteral("--no-class-opt"), QStringLiteral("--figures"), QStringLiteral("none"),
         QStringLiteral("--threads"), QStringLiteral("1"), QStringLiteral("--out"), out});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    qInfo("%s", qPrintable(r.out));
    QVERIFY(r.out.contains(QStringLiteral("(1 steps, mean baseline): completeness")));
    QVERIFY(r.out.contains(QStringLiteral("warning: integrated gradients miss completeness")));
    QVERIFY(!r.out.contains(QStringLiteral("class optimisation")));
    QFile tsv(out + QStringLiteral("/ig-completeness.tsv"));
    QVERIFY(tsv.open(QIODevice::ReadOnly | QIODevice::Text));
    const QStringList lines =
        QString::fromUtf8(tsv.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), static_cast<int>(m_report.genes.size()) + 2);
    QVERIFY(lines[1].startsWith(QStringLiteral("gene_id\tsymbol\tsum_attribution")));
    QVERIFY(!QFile::exists(out + QStringLiteral("/class-optimal-ON.tsv")));
    const testing::CliRun bad = runCli({QStringLiteral("validate"), QStringLiteral("--study"),
                                        m_study, QStringLiteral("--ig-baseline"),
                                        QStringLiteral("blur"), QStringLiteral("--out"), out});
    QVERIFY(bad.exitCode != 0);
    QVERIFY(bad.err.contains(QStringLiteral("--ig-baseline")));
}

void TestValidator::errors()
{
    ValidationRequest v;
    v.studyPath = m_study;
    v.runId = m_run;
    v.track = QStringLiteral("H3K9ac");
    ValidationReport report;
    QString error;
    QVERIFY(!Validator::run(v, &report, {}, &error));
    QVERIFY2(error.contains(QStringLiteral("has no track 'H3K9ac' (tracks: H3K27ac)")),
             qPrintable(error));
    v.track = QStringLiteral("H3K27ac");
    v.runId = QStringLiteral("no-such-run");
    QVERIFY(!Validator::run(v, &report, {}, &error));
    QVERIFY2(error.contains(QStringLiteral("no-such-run")), qPrintable(error));
    v.runId = m_run;
    v.split = QStringLiteral("tests");
    QVERIFY(!Validator::run(v, &report, {}, &error));
    QCOMPARE(error, QStringLiteral("unknown split 'tests' (train, valid, test or all)"));
    if (cliPath().isEmpty())
        return;
    const testing::CliRun r =
        runCli({QStringLiteral("validate"), QStringLiteral("--study"), m_study,
                QStringLiteral("--run"), m_run, QStringLiteral("--methods"), QStringLiteral("lime"),
                QStringLiteral("--out"), m_dir.path()});
    QCOMPARE(r.exitCode, 1);
    // The last line: a QApplication (figures) may log about the environment first.
    QCOMPARE(
        r.err.trimmed().split(QLatin1Char('\n')).last(),
        QStringLiteral("attentivechrome-cli validate: error: unknown method 'lime' in --methods"));
}

void TestValidator::cliImportTrack()
{
    if (cliPath().isEmpty())
        QSKIP("AC_CLI is not set (run through ctest)");
    CellData cell;
    QString error;
    {
        auto study = StudyFile::open(m_study, &error);
        QVERIFY2(study, qPrintable(error));
        QVERIFY(study->readCellIndex(QStringLiteral("SimCell1"), &cell, &error));
    }
    // One base of signal 100 at the TSS of the first gene, in Ensembl chromosome naming.
    const GeneRecord& g = cell.genes[0];
    const QString bedGraph = m_dir.filePath(QStringLiteral("peak.bedGraph"));
    {
        QFile f(bedGraph);
        QVERIFY(f.open(QIODevice::WriteOnly));
        // Zero-valued ends make the file's range on the chromosome cover the gene's window.
        const QString chrom = g.chrom.mid(3);
        f.write(QStringLiteral("%1\t0\t1\t0\n%1\t%2\t%3\t100\n%1\t%4\t%5\t0\n")
                    .arg(chrom)
                    .arg(g.tss - 1)
                    .arg(g.tss)
                    .arg(g.tss + 100000)
                    .arg(g.tss + 100001)
                    .toUtf8());
    }
    testing::CliRun r =
        runCli({QStringLiteral("import-track"), QStringLiteral("--study"), m_study,
                QStringLiteral("--cell"), QStringLiteral("SimCell1"), QStringLiteral("--format"),
                QStringLiteral("bedgraph"), QStringLiteral("--file"), bedGraph,
                QStringLiteral("--name"), QStringLiteral("Peak")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY(r.err.contains(QStringLiteral("normalising")));
    TrackData track;
    {
        auto study = StudyFile::open(m_study, &error);
        QVERIFY2(study, qPrintable(error));
        QVERIFY(study->trackNames(QStringLiteral("SimCell1")).contains(QStringLiteral("Peak")));
        QVERIFY(
            study->readTrack(QStringLiteral("SimCell1"), QStringLiteral("Peak"), &track, &error));
    }
    QCOMPARE(track.values.size(), cell.genes.size() * 100);
    QCOMPARE(track.values[50], 1.0f); // the TSS base is in bin 50 on either strand
    QCOMPARE(track.values[49], 0.0f);

    const QString bad = m_dir.filePath(QStringLiteral("bad.bedGraph"));
    {
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("chr1\t100\t200\t1\nchr1\t150\t300\t1\n");
    }
    r = runCli({QStringLiteral("import-track"), QStringLiteral("--study"), m_study,
                QStringLiteral("--cell"), QStringLiteral("SimCell1"), QStringLiteral("--format"),
                QStringLiteral("bedgraph"), QStringLiteral("--file"), bad});
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(r.err.trimmed(),
             QStringLiteral("attentivechrome-cli import-track: error: bad.bedGraph:2: interval "
                            "chr1:150-300 overlaps the previous interval chr1:100-200"));
}

QTEST_GUILESS_MAIN(TestValidator)
#include "tst_validator.moc"
