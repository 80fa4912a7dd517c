// attentivechrome-cli evaluate: AUROC, AUPR and accuracy of a stored run; ROC/PR curves as TSV.
#include "CliCommand.h"
#include "CliSupport.h"
#include "RunOptions.h"

#include "session/StudyQueries.h"
#include "train/CellSummary.h"
#include "train/Metrics.h"

#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <QTextStream>
#include <cmath>

namespace ac::cli
{

namespace
{

QString number(double v)
{
    return std::isnan(v) ? QStringLiteral("NaN") : QString::number(v, 'f', 4);
}

bool writeCurve(const QString& path, const char* header, const std::vector<CurvePoint>& points,
                QString* error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text)) {
        *error = QStringLiteral("%1: cannot write: %2").arg(path, file.errorString());
        return false;
    }
    QTextStream out(&file);
    out << header << '\n';
    for (const CurvePoint& c : points)
        out << QString::number(c.x, 'g', 8) << '\t' << QString::number(c.y, 'g', 8) << '\t'
            << (std::isinf(c.threshold) ? QStringLiteral("inf")
                                        : QString::number(c.threshold, 'g', 8))
            << '\n';
    out.flush();
    if (!file.commit()) {
        *error = QStringLiteral("%1: cannot write: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

/// The run ids of --runs: comma-separated, or @FILE with one id a line (blank lines skipped).
bool readRunList(const QString& arg, QStringList* ids, QString* error)
{
    if (!arg.startsWith(QLatin1Char('@'))) {
        *ids = arg.split(QLatin1Char(','), Qt::SkipEmptyParts);
        return true;
    }
    QFile file(arg.mid(1));
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        *error = QStringLiteral("%1: cannot read: %2").arg(file.fileName(), file.errorString());
        return false;
    }
    for (const QByteArray& line : file.readAll().split('\n'))
        if (const QString id = QString::fromUtf8(line).trimmed(); !id.isEmpty())
            ids->append(id);
    return true;
}

/// The paper's table: test AUROC at the best epoch per cell and variant, then mean, median, min,
/// max and wins per variant, then the run behind each score. When `runsArg` is empty, of the
/// cell's active run, else the variant's best complete run (bestTestAurocEntries()); else of the
/// listed runs, the runs of one cell and variant (seeds) counting with their mean.
int printSummary(const QString& cmd, const QString& studyPath, const QString& runsArg)
{
    QString error;
    std::unique_ptr<StudyFile> study = StudyFile::open(studyPath, &error);
    if (!study)
        return fail(cmd, error);
    std::vector<CellSummary::Entry> used; // one per run
    if (runsArg.isEmpty()) {
        used = bestTestAurocEntries(*study, &error);
    } else {
        QStringList ids;
        if (readRunList(runsArg, &ids, &error))
            testAurocEntries(*study, ids, &used, &error);
    }
    const std::vector<CellSummary::Entry> entries = runsArg.isEmpty() ? used : meanOfRepeats(used);
    if (!error.isEmpty())
        return fail(cmd, error);
    if (entries.empty())
        return fail(cmd, QStringLiteral("%1: no trained runs to summarise").arg(studyPath));
    const CellSummary summary = summariseRuns(entries);
    printLine(QStringLiteral("cell\t") + summary.variants.join(QLatin1Char('\t')));
    for (int c = 0; c < summary.cells.size(); ++c) {
        QStringList row{summary.cells[c]};
        for (int v = 0; v < summary.variants.size(); ++v)
            row << number(summary.score(c, v));
        printLine(row.join(QLatin1Char('\t')));
    }
    printLine(QString());
    printLine(QStringLiteral("variant\tcells\tmean\tmedian\tmin\tmax\twins"));
    for (const CellSummary::Row& r : summary.rows)
        printLine(QStringLiteral("%1\t%2\t%3\t%4\t%5\t%6\t%7")
                      .arg(r.variant)
                      .arg(r.cells)
                      .arg(number(r.mean), number(r.median), number(r.min), number(r.max))
                      .arg(r.wins));
    printLine(QString());
    printLine(QStringLiteral("cell\tvariant\trun"));
    for (const CellSummary::Entry& e : used)
        printLine(QStringLiteral("%1\t%2\t%3").arg(e.cell, e.variant, e.runId));
    return 0;
}

} // namespace

int runEvaluate(const QStringList& args)
{
    const QString cmd = QStringLiteral("evaluate");
    QCommandLineParser p;
    addStoredRunOptions(p);
    p.addOption({QStringLiteral("split"), QStringLiteral("test (default), valid, train or all."),
                 QStringLiteral("SPLIT"), QStringLiteral("test")});
    p.addOption({QStringLiteral("curves-dir"),
                 QStringLiteral("Write <run>-<split>-roc.tsv and -pr.tsv into this folder."),
                 QStringLiteral("DIR")});
    p.addOption(
        {QStringLiteral("summary"),
         QStringLiteral("Instead of one run: test AUROC of every cell type and variant "
                        "(each cell's active run, else the best complete run of the variant by "
                        "validation AUROC; best epoch) and per variant mean, median, min, "
                        "max and wins.")});
    p.addOption({QStringLiteral("runs"),
                 QStringLiteral("With --summary: only these runs (comma-separated, or @FILE with "
                                "one id a line); the runs of one cell and variant (seeds) count "
                                "with their mean."),
                 QStringLiteral("LIST")});
    int code = 0;
    if (!parseArguments(p, cmd, QStringLiteral("Evaluate a stored run: AUROC, AUPR, accuracy."),
                        args, &code))
        return code;
    if (p.isSet(QStringLiteral("summary"))) {
        if (!p.isSet(QStringLiteral("study")))
            return fail(cmd, QStringLiteral("--study is required"));
        return printSummary(cmd, p.value(QStringLiteral("study")), p.value(QStringLiteral("runs")));
    }
    QString error, which;
    int threads = 0;
    if (!readStoredRunOptions(p, &threads, &which, &error))
        return fail(cmd, error);
    const QString splitArg = p.value(QStringLiteral("split"));
    std::vector<Split> splits;
    if (splitArg == QLatin1String("all"))
        splits = {Split::Train, Split::Valid, Split::Test};
    for (Split s : {Split::Train, Split::Valid, Split::Test})
        if (splitArg == splitName(s))
            splits = {s};
    if (splits.empty())
        return fail(
            cmd,
            QStringLiteral("--split must be test, valid, train or all, not '%1'").arg(splitArg));
    const QString curvesDir = p.value(QStringLiteral("curves-dir"));
    if (!curvesDir.isEmpty() && !QDir().mkpath(curvesDir))
        return fail(cmd, QStringLiteral("%1: cannot create the folder").arg(curvesDir));

    OpenedRun r;
    if (!openStoredRun(p, threads, which, &r, &error))
        return fail(cmd, error);
    const QString& runId = r.run.id;
    const RunResults& results = r.results;

    printLine(QStringLiteral("split\tgenes\tpositives\tauroc\taupr\taccuracy"));
    for (Split s : splits) {
        const SplitScores split = splitScores(r.cell, results.p, s);
        const std::vector<float>& scores = split.p;
        const std::vector<std::uint8_t>& labels = split.labels;
        const BinaryMetrics m = metrics::evaluate(scores, labels);
        printLine(QStringLiteral("%1\t%2\t%3\t%4\t%5\t%6")
                      .arg(splitName(s))
                      .arg(m.count)
                      .arg(m.positives)
                      .arg(number(m.auroc), number(m.aupr), number(m.accuracy)));
        if (!m.note.isEmpty())
            QTextStream(stderr) << "attentivechrome-cli evaluate: note: " << runId << ", "
                                << splitName(s) << " split: " << m.note << '\n';
        if (!curvesDir.isEmpty()) {
            const QString stem = QDir(curvesDir).filePath(runId + QLatin1Char('-') + splitName(s));
            if (!writeCurve(stem + QStringLiteral("-roc.tsv"), "fpr\ttpr\tthreshold",
                            metrics::rocCurve(scores, labels), &error) ||
                !writeCurve(stem + QStringLiteral("-pr.tsv"), "recall\tprecision\tthreshold",
                            metrics::prCurve(scores, labels), &error))
                return fail(cmd, error);
        }
    }
    return 0;
}

} // namespace ac::cli
