// attentivechrome-cli train → evaluate → predict → attention on a tiny study: exit codes, output
// columns, one-line errors.
#include "CliRunner.h"
#include "FileDigest.h"
#include "TrainFixture.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

using namespace ac;

namespace
{

testing::CliRun runCli(const QStringList& args)
{
    return testing::runCli(args, 300000);
}

QStringList readLines(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text))
        return {};
    return QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

bool isOneErrorLine(const QString& err)
{
    return err.count(QLatin1Char('\n')) == 1 && err.contains(QLatin1String(": error: "));
}

} // namespace

class TestCliTrain : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void trainEvaluatePredictAttention();
    void trainSeveralCells();
    void runIdMakesRetriesSafe();
    void summaryOfListedRuns();
    void userErrors();

private:
    // Steps of trainEvaluatePredictAttention, each on the run `run` trained there; the caller
    // stops at the first failed step.
    void checkEvaluate(const QString& run);
    void checkPredict(const QString& run, QStringList* lines);
    void checkAttention(const QString& run, const QStringList& predictLines);

    QTemporaryDir m_dir;
    QString m_study;
};

void TestCliTrain::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(QFile::exists(qEnvironmentVariable("AC_CLI")), "AC_CLI must name attentivechrome-cli");
    m_study = m_dir.filePath(QStringLiteral("study.h5"));
    const QString error =
        testing::writeStudy(m_study, {testing::makeLearnableCell("C1", 64, 32, 32, 1),
                                      testing::makeLearnableCell("C2", 48, 24, 24, 2)});
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void TestCliTrain::trainEvaluatePredictAttention()
{
    const testing::CliRun train =
        runCli({"train", "--study", m_study, "--cell", "C1", "--model", "attentivechrome",
                "--epochs", "2", "--lr", "0.01", "--threads", "1", "--seed", "3"});
    QVERIFY2(train.exitCode == 0, qPrintable(train.err));
    const QStringList trainOut = train.outLines();
    QCOMPARE(trainOut.size(), 2);
    QCOMPARE(trainOut[0], QStringLiteral("run\tcell\tmodel\tstatus\tepochs\tbest_epoch\t"
                                         "valid_auroc\ttest_auroc\ttest_aupr\tseconds"));
    const QStringList row = trainOut[1].split(QLatin1Char('\t'));
    QCOMPARE(row.size(), 10);
    const QString run = row[0];
    QCOMPARE(row[1], QStringLiteral("C1"));
    QCOMPARE(row[2], QStringLiteral("attentivechrome"));
    QCOMPARE(row[3], QStringLiteral("complete"));
    QCOMPARE(row[4], QStringLiteral("2"));
    QVERIFY2(row[6].toDouble() > 0.8, qPrintable(trainOut[1]));
    // One epoch line per epoch on stderr.
    QCOMPARE(train.err.count(QLatin1String("valid AUROC")), 2);

    checkEvaluate(run);
    if (QTest::currentTestFailed())
        return;
    QStringList lines;
    checkPredict(run, &lines);
    if (QTest::currentTestFailed())
        return;
    checkAttention(run, lines);
}

void TestCliTrain::checkEvaluate(const QString& run)
{
    const QString curves = m_dir.filePath(QStringLiteral("curves"));
    const testing::CliRun eval = runCli(
        {"evaluate", "--study", m_study, "--run", run, "--split", "all", "--curves-dir", curves});
    QVERIFY2(eval.exitCode == 0, qPrintable(eval.err));
    const QStringList evalOut = eval.outLines();
    QCOMPARE(evalOut.size(), 4);
    QCOMPARE(evalOut[0], QStringLiteral("split\tgenes\tpositives\tauroc\taupr\taccuracy"));
    QVERIFY(evalOut[3].startsWith(QLatin1String("test\t32\t")));
    const QStringList testRow = evalOut[3].split(QLatin1Char('\t'));
    QVERIFY(testRow[3].toDouble() > 0.5 && testRow[3].toDouble() <= 1.0);
    const QStringList roc = readLines(QDir(curves).filePath(run + "-test-roc.tsv"));
    QVERIFY(roc.size() >= 3);
    QCOMPARE(roc[0], QStringLiteral("fpr\ttpr\tthreshold"));
    QCOMPARE(roc[1], QStringLiteral("0\t0\tinf"));
    QCOMPARE(roc.last().section(QLatin1Char('\t'), 0, 1), QStringLiteral("1\t1"));
    QCOMPARE(readLines(QDir(curves).filePath(run + "-valid-pr.tsv")).value(0),
             QStringLiteral("recall\tprecision\tthreshold"));
}

void TestCliTrain::checkPredict(const QString& run, QStringList* predictLines)
{
    const QString predictions = m_dir.filePath(QStringLiteral("p.tsv"));
    const testing::CliRun predict =
        runCli({"predict", "--study", m_study, "--run", run, "--out", predictions});
    QVERIFY2(predict.exitCode == 0, qPrintable(predict.err));
    const QStringList lines = readLines(predictions);
    QCOMPARE(lines.size(), 129);
    QCOMPARE(lines[0], QStringLiteral("gene_id\tensembl\tsymbol\tsplit\tp\tlabel"));
    const QStringList first = lines[1].split(QLatin1Char('\t'));
    QCOMPARE(first.size(), 6);
    QCOMPARE(first[0], QStringLiteral("T00001"));
    QCOMPARE(first[3], QStringLiteral("train"));
    QVERIFY(first[4].toDouble() > 0 && first[4].toDouble() < 1);
    QVERIFY(first[5] == QLatin1String("0") || first[5] == QLatin1String("1"));
    const testing::CliRun toStdout = runCli({"predict", "--study", m_study, "--run", run});
    QCOMPARE(toStdout.exitCode, 0);
    QCOMPARE(toStdout.outLines(), lines);
    *predictLines = lines;
}

void TestCliTrain::checkAttention(const QString& run, const QStringList& lines)
{
    const QString attentionTsv = m_dir.filePath(QStringLiteral("a.tsv"));
    const testing::CliRun att =
        runCli({"attention", "--study", m_study, "--run", run, "--out", attentionTsv});
    QVERIFY2(att.exitCode == 0, qPrintable(att.err));
    const QStringList a = readLines(attentionTsv);
    QCOMPARE(a.size(), 129);
    const QStringList header = a[0].split(QLatin1Char('\t'));
    QCOMPARE(header.size(), 6 + 5 + 500);
    QCOMPARE(header[6], QStringLiteral("beta_H3K27me3"));
    QCOMPARE(header[11], QStringLiteral("alpha_H3K27me3_1"));
    QCOMPARE(header.last(), QStringLiteral("alpha_H3K9me3_100"));
    const QStringList gene = a[1].split(QLatin1Char('\t'));
    QCOMPARE(gene.size(), header.size());
    double alphaSum = 0, betaSum = 0;
    for (int i = 6; i < 11; ++i)
        betaSum += gene[i].toDouble();
    for (int i = 11; i < 111; ++i)
        alphaSum += gene[i].toDouble();
    QVERIFY(std::abs(betaSum - 1) < 1e-3);
    QVERIFY(std::abs(alphaSum - 1) < 1e-3);
    QCOMPARE(gene[5], lines[1].section(QLatin1Char('\t'), 4, 4)); // same p as predict

    const QString attentionH5 = m_dir.filePath(QStringLiteral("a.h5"));
    const testing::CliRun h5 =
        runCli({"attention", "--study", m_study, "--run", run, "--out", attentionH5});
    QVERIFY2(h5.exitCode == 0, qPrintable(h5.err));
    QVERIFY(QFileInfo(attentionH5).size() > 1000);
    QVERIFY(!QFile::exists(attentionH5 + ".part"));
}

void TestCliTrain::trainSeveralCells()
{
    const testing::CliRun train = runCli({"train", "--study", m_study, "--cell", "all", "--model",
                                          "lstm", "--epochs", "1", "--threads", "1"});
    QVERIFY2(train.exitCode == 0, qPrintable(train.err));
    const QStringList trainOut = train.outLines();
    QCOMPARE(trainOut.size(), 3);
    QCOMPARE(trainOut[1].section(QLatin1Char('\t'), 1, 2), QStringLiteral("C1\tlstm"));
    QCOMPARE(trainOut[2].section(QLatin1Char('\t'), 1, 2), QStringLiteral("C2\tlstm"));
    // LSTM has no attention to export.
    const QString run = trainOut[1].section(QLatin1Char('\t'), 0, 0);
    const testing::CliRun att = runCli({"attention", "--study", m_study, "--run", run, "--out",
                                        m_dir.filePath(QStringLiteral("none.tsv"))});
    QCOMPARE(att.exitCode, 1);
    QVERIFY2(isOneErrorLine(att.err) && att.err.contains(QLatin1String("no attention")),
             qPrintable(att.err));

    // The paper's table over the runs so far (attentivechrome on C1, lstm on C1 and C2).
    const testing::CliRun table = runCli({"evaluate", "--study", m_study, "--summary"});
    QVERIFY2(table.exitCode == 0, qPrintable(table.err));
    const QStringList tableOut = table.outLines();
    QCOMPARE(tableOut.size(), 3 + 1 + 2 + 1 + 3);
    QCOMPARE(tableOut[0], QStringLiteral("cell\tattentivechrome\tlstm"));
    QVERIFY2(tableOut[1].startsWith(QLatin1String("C1\t")) && !tableOut[1].contains("NaN"),
             qPrintable(tableOut.join("|")));
    QVERIFY(tableOut[2].startsWith(QLatin1String("C2\tNaN\t")));
    QCOMPARE(tableOut[3], QStringLiteral("variant\tcells\tmean\tmedian\tmin\tmax\twins"));
    QVERIFY(tableOut[4].startsWith(QLatin1String("attentivechrome\t1\t")));
    QVERIFY(tableOut[5].startsWith(QLatin1String("lstm\t2\t")));
    // Issue 14, item 1: the table names the run behind each score.
    QCOMPARE(tableOut[6], QStringLiteral("cell\tvariant\trun"));
    QVERIFY2(tableOut.mid(7).contains(QStringLiteral("C1\tlstm\t") + run),
             qPrintable(tableOut.join("|")));
    // Without --run, --cell takes the cell's active run (its only complete run here) and says so.
    const QString c2Run = trainOut[2].section(QLatin1Char('\t'), 0, 0);
    const testing::CliRun byCell = runCli({"predict", "--study", m_study, "--cell", "C2", "--out",
                                           m_dir.filePath(QStringLiteral("c2.tsv"))});
    QVERIFY2(byCell.exitCode == 0, qPrintable(byCell.err));
    QVERIFY2(byCell.err.contains(QStringLiteral("using run ") + c2Run), qPrintable(byCell.err));
    const testing::CliRun neither = runCli(
        {"predict", "--study", m_study, "--out", m_dir.filePath(QStringLiteral("none.tsv"))});
    QCOMPARE(neither.exitCode, 1);
    QVERIFY2(neither.err.contains(QStringLiteral("--run or --cell")), qPrintable(neither.err));
}

// The cluster workflow retries jobs: `train --run-id` starts the run, continues it when it was
// cancelled, and does nothing once it is complete (issue 12).
void TestCliTrain::runIdMakesRetriesSafe()
{
    const QStringList base{"train", "--study",   m_study, "--cell",   "C2",      "--model",
                           "lstm",  "--threads", "1",     "--run-id", "C2-retry"};
    // A long training cancelled with SIGINT once its first epoch is stored.
    QProcess first;
    first.start(qEnvironmentVariable("AC_CLI"),
                base + QStringList{"--epochs", "100000", "--patience", "0"});
    QVERIFY(first.waitForStarted());
    QByteArray err;
    while (!err.contains("epoch 1/") && first.state() == QProcess::Running) {
        first.waitForReadyRead(1000);
        err += first.readAllStandardError();
    }
    QTest::qWait(200); // the first save lands right after the first epoch's line
    ::kill(static_cast<pid_t>(first.processId()), SIGINT);
    QVERIFY(first.waitForFinished(60000));
    QCOMPARE(first.exitCode(), 130);
    const QString cancelled = QString::fromUtf8(first.readAllStandardOutput())
                                  .split(QLatin1Char('\n'), Qt::SkipEmptyParts)
                                  .last();
    QCOMPARE(cancelled.section(QLatin1Char('\t'), 3, 3), QStringLiteral("cancelled"));
    const int stored = cancelled.section(QLatin1Char('\t'), 4, 4).toInt();
    QVERIFY(stored >= 1);

    // The retry continues the same run up to its epochs.
    const QStringList more{"--epochs", QString::number(stored + 1)};
    const testing::CliRun retry = runCli(base + more);
    QVERIFY2(retry.exitCode == 0, qPrintable(retry.err));
    QCOMPARE(retry.outLines().last().section(QLatin1Char('\t'), 0, 4),
             QStringLiteral("C2-retry\tC2\tlstm\tcomplete\t%1").arg(stored + 1));

    // Once complete, another retry changes nothing.
    const QByteArray before = testing::fileDigest(m_study);
    const testing::CliRun again = runCli(base + more);
    QVERIFY2(again.exitCode == 0, qPrintable(again.err));
    QVERIFY(again.outLines().last().startsWith(QLatin1String("C2-retry\tC2\tlstm\tcomplete")));
    QCOMPARE(testing::fileDigest(m_study), before);

    // A run id belongs to one cell.
    const testing::CliRun wrongCell =
        runCli({"train", "--study", m_study, "--cell", "C1", "--run-id", "C2-retry"});
    QCOMPARE(wrongCell.exitCode, 1);
    QVERIFY2(wrongCell.err.contains(QLatin1String("trained on cell C2, not C1")),
             qPrintable(wrongCell.err));
}

// `evaluate --summary --runs`: only the listed runs, seeds of one cell and variant averaged.
void TestCliTrain::summaryOfListedRuns()
{
    QStringList ids;
    QList<double> auroc;
    for (const char* seed : {"1", "2"}) {
        const QString id = QStringLiteral("C1-deepchrome-s%1").arg(QLatin1String(seed));
        const testing::CliRun r =
            runCli({"train", "--study", m_study, "--cell", "C1", "--model", "deepchrome",
                    "--epochs", "1", "--threads", "1", "--seed", seed, "--run-id", id});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        ids << id;
        auroc << r.outLines().last().section(QLatin1Char('\t'), 7, 7).toDouble();
    }
    const QString list = m_dir.filePath(QStringLiteral("runs.txt"));
    QFile file(list);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(ids.join(QLatin1Char('\n')).toUtf8() + "\n\n");
    file.close();
    const testing::CliRun table =
        runCli({"evaluate", "--study", m_study, "--summary", "--runs", "@" + list});
    QVERIFY2(table.exitCode == 0, qPrintable(table.err));
    const QStringList out = table.outLines();
    QCOMPARE(out[0], QStringLiteral("cell\tdeepchrome"));
    QCOMPARE(out.size(), 2 + 2 + 3); // the table, the variant rows, the run behind each score
    QCOMPARE(out.mid(4), (QStringList{"cell\tvariant\trun", "C1\tdeepchrome\t" + ids[0],
                                      "C1\tdeepchrome\t" + ids[1]}));
    QVERIFY(std::abs(out[1].section(QLatin1Char('\t'), 1, 1).toDouble() -
                     (auroc[0] + auroc[1]) / 2) < 1e-4);

    const testing::CliRun twice =
        runCli({"evaluate", "--study", m_study, "--summary", "--runs", ids[0] + "," + ids[0]});
    QCOMPARE(twice.exitCode, 1);
    QVERIFY2(twice.err.contains(QLatin1String("listed twice")), qPrintable(twice.err));
}

void TestCliTrain::userErrors()
{
    const QString missing = m_dir.filePath(QStringLiteral("missing.h5"));
    const struct {
        QStringList args;
        const char* mentions;
    } cases[] = {
        {{"train", "--study", m_study, "--cell", "E999"}, "E999"},
        {{"train", "--study", m_study, "--cell", "C1", "--model", "transformer"}, "transformer"},
        {{"train", "--study", m_study, "--cell", "C1", "--epochs", "0"}, "--epochs"},
        {{"train", "--study", m_study, "--cell", "C1", "--lr", "-1"}, "--lr"},
        {{"train", "--study", missing, "--cell", "C1"}, "missing.h5"},
        {{"train", "--study", m_study, "--resume", "nope", "--epochs", "3"}, "nope"},
        {{"evaluate", "--study", m_study, "--run", "nope"}, "nope"},
        {{"evaluate", "--study", m_study}, "--run"},
        {{"predict", "--study", missing, "--run", "r"}, "missing.h5"},
        {{"attention", "--study", m_study, "--run", "r", "--out", "x.txt"}, "x.txt"},
    };
    for (const auto& c : cases) {
        const testing::CliRun r = runCli(c.args);
        QVERIFY2(r.exitCode == 1,
                 qPrintable(c.args.join(' ') + " -> " + QString::number(r.exitCode)));
        QVERIFY2(isOneErrorLine(r.err) && r.err.contains(QLatin1String(c.mentions)),
                 qPrintable(c.args.join(' ') + " -> " + r.err));
    }
    QCOMPARE(runCli({"train", "--help"}).exitCode, 0);
    QCOMPARE(runCli({"bench", "train", "--help"}).exitCode, 0);
}

QTEST_GUILESS_MAIN(TestCliTrain)
#include "tst_cli_train.moc"
