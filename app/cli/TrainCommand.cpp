// attentivechrome-cli train: trains a model variant on one or more cell types of a study.
#include "CliCommand.h"
#include "CliSupport.h"
#include "RunOptions.h"

#include "store/StudyFile.h"
#include "train/Trainer.h"

#include <QElapsedTimer>
#include <QTextStream>
#include <cmath>
#include <csignal>
#include <unistd.h>

namespace ac::cli
{

namespace
{

volatile std::sig_atomic_t g_interrupted = 0;

void onInterrupt(int)
{
    g_interrupted = 1;
}

QString duration(double seconds)
{
    if (seconds < 0)
        return QStringLiteral("--:--");
    const int s = static_cast<int>(std::lround(seconds));
    return s >= 3600 ? QStringLiteral("%1:%2:%3")
                           .arg(s / 3600)
                           .arg(s / 60 % 60, 2, 10, QLatin1Char('0'))
                           .arg(s % 60, 2, 10, QLatin1Char('0'))
                     : QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

QString number(double v)
{
    return std::isnan(v) ? QStringLiteral("NaN") : QString::number(v, 'f', 4);
}

/// Redraws one status line per batch on a terminal (at most 5 times a second) and prints one
/// line per finished epoch in any case; returns false after Ctrl-C.
TrainCallback progressPrinter(const QString& label)
{
    const bool tty = isatty(fileno(stderr));
    auto clock = std::make_shared<QElapsedTimer>();
    clock->start();
    return [=](const TrainProgress& p) {
        QTextStream err(stderr);
        if (p.epochDone) {
            const EpochMetrics& m = p.metrics;
            err << (tty ? "\r\x1b[K" : "")
                << QStringLiteral("%1 epoch %2/%3  loss %4  valid AUROC %5 AUPR %6  test AUROC %7 "
                                  " %8 s")
                       .arg(label)
                       .arg(m.epoch)
                       .arg(p.epochs)
                       .arg(number(m.trainLoss), number(m.validAuroc), number(m.validAupr),
                            number(m.testAuroc))
                       .arg(m.seconds, 0, 'f', 1)
                << '\n';
        } else if (tty && (clock->elapsed() > 200 || p.batch == p.batches)) {
            clock->restart();
            err << QStringLiteral("\r%1 epoch %2/%3 batch %4/%5 loss %6 ETA %7\x1b[K")
                       .arg(label)
                       .arg(p.epoch)
                       .arg(p.epochs)
                       .arg(p.batch)
                       .arg(p.batches)
                       .arg(number(p.loss), duration(p.etaSeconds));
        }
        return g_interrupted == 0;
    };
}

void addTrainOptions(QCommandLineParser& p)
{
    p.addOption(
        {QStringLiteral("study"), QStringLiteral("Study file (.h5)."), QStringLiteral("FILE")});
    p.addOption({QStringLiteral("cell"),
                 QStringLiteral("Cell type(s): E123, a comma-separated list, or 'all'."),
                 QStringLiteral("CELLS")});
    p.addOption({QStringLiteral("model"),
                 QStringLiteral("attentivechrome (default), lstm-alpha, lstm, deepchrome or "
                                "cnn-alpha-beta."),
                 QStringLiteral("KIND"), QStringLiteral("attentivechrome")});
    p.addOption(
        {QStringLiteral("epochs"), QStringLiteral("Epochs (default 30)."), QStringLiteral("N")});
    p.addOption({QStringLiteral("batch-size"), QStringLiteral("Genes per batch (default 16)."),
                 QStringLiteral("N")});
    p.addOption({QStringLiteral("lr"), QStringLiteral("Adam learning rate (default 2e-4)."),
                 QStringLiteral("LR")});
    p.addOption({QStringLiteral("clip"), QStringLiteral("Gradient-norm clip, 0 = off (default 1)."),
                 QStringLiteral("NORM")});
    p.addOption({QStringLiteral("patience"),
                 QStringLiteral("Epochs without a better validation AUROC before stopping; 0 = "
                                "never (default 10)."),
                 QStringLiteral("N")});
    p.addOption(
        {QStringLiteral("seed"), QStringLiteral("Random seed (default 1)."), QStringLiteral("N")});
    p.addOption({QStringLiteral("threads"),
                 QStringLiteral("Torch threads (default: all cores but one)."),
                 QStringLiteral("N")});
    p.addOption({QStringLiteral("resume"),
                 QStringLiteral("Continue this stored run from its last weights up to --epochs."),
                 QStringLiteral("RUN")});
    p.addOption({QStringLiteral("run-id"),
                 QStringLiteral("Train the run of this id (one cell): start it when the study has "
                                "none, continue it when it stopped before --epochs (cancelled, "
                                "failed, interrupted), do nothing when it is complete. For "
                                "workflows that retry jobs."),
                 QStringLiteral("ID")});
}

/// Reads the model kind and the training settings (checked with TrainConfig::validate()).
bool readSettings(const QCommandLineParser& p, TrainRequest* request, QString* error)
{
    if (!parseModelKind(p.value(QStringLiteral("model")), &request->model.kind)) {
        *error = QStringLiteral("unknown --model '%1' (attentivechrome, lstm-alpha, lstm, "
                                "deepchrome, cnn-alpha-beta)")
                     .arg(p.value(QStringLiteral("model")));
        return false;
    }
    TrainConfig& t = request->train;
    if (!trainOption(p, QStringLiteral("epochs"), &TrainConfig::epochs, &t, error) ||
        !trainOption(p, QStringLiteral("batch-size"), &TrainConfig::batchSize, &t, error) ||
        !trainOption(p, QStringLiteral("patience"), &TrainConfig::patience, &t, error) ||
        !trainOption(p, QStringLiteral("threads"), &TrainConfig::threads, &t, error) ||
        !trainOption(p, QStringLiteral("lr"), &TrainConfig::learningRate, &t, error) ||
        !trainOption(p, QStringLiteral("clip"), &TrainConfig::gradClip, &t, error))
        return false;
    if (p.isSet(QStringLiteral("seed"))) {
        bool ok = false;
        t.seed = p.value(QStringLiteral("seed")).toULongLong(&ok);
        if (!ok) {
            *error = QStringLiteral("--seed must be a non-negative integer, not '%1'")
                         .arg(p.value(QStringLiteral("seed")));
            return false;
        }
    }
    return true;
}

/// The cells to train (the run's cell when resuming), checked before the first one starts.
bool cellsToTrain(const QCommandLineParser& p, const TrainRequest& request, QStringList* cells,
                  QString* error)
{
    if (!request.resumeRunId.isEmpty()) {
        *cells = QStringList{request.cell};
        return true;
    }
    std::unique_ptr<StudyFile> study = StudyFile::open(request.studyPath, error);
    if (!study)
        return false;
    const QStringList known = study->cellNames();
    const QString wanted = p.value(QStringLiteral("cell"));
    *cells =
        wanted == QLatin1String("all") ? known : wanted.split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (QString& c : *cells) {
        c = c.trimmed();
        if (!known.contains(c)) {
            *error = QStringLiteral("%1: no cell type \"%2\" (cells: %3)")
                         .arg(request.studyPath, c,
                              known.isEmpty() ? QStringLiteral("none")
                                              : known.join(QStringLiteral(", ")));
            return false;
        }
    }
    if (cells->isEmpty()) {
        *error = QStringLiteral("%1: the study has no cell types").arg(request.studyPath);
        return false;
    }
    return true;
}

/// Applies --run-id: a new run of that id, or the stored one continued; `done` when the stored
/// run is already complete (or stopped early), with `run` holding it.
bool applyRunId(const QCommandLineParser& p, TrainRequest* request, bool* done, RunRecord* run,
                QString* error)
{
    *done = false;
    const QString id = p.value(QStringLiteral("run-id"));
    if (id.isEmpty())
        return true;
    if (p.isSet(QStringLiteral("resume")) || request->cell.contains(QLatin1Char(',')) ||
        request->cell == QLatin1String("all")) {
        *error = QStringLiteral("--run-id names one run: give one --cell and no --resume");
        return false;
    }
    std::unique_ptr<StudyFile> study = StudyFile::open(request->studyPath, error);
    if (!study)
        return false;
    if (!study->runIds().contains(id)) {
        request->runId = id;
        return true;
    }
    if (!study->readRun(id, run, error))
        return false;
    if (run->cell != request->cell) {
        *error = QStringLiteral("%1: run %2 was trained on cell %3, not %4")
                     .arg(request->studyPath, id, run->cell, request->cell);
        return false;
    }
    *done =
        run->status == QLatin1String("complete") || run->status == QLatin1String("stopped-early");
    request->resumeRunId = id;
    return true;
}

/// The table row of a finished run; NaN metrics when it has no best epoch.
QString runRow(const RunRecord& run, double seconds)
{
    EpochMetrics none;
    none.validAuroc = none.testAuroc = none.testAupr = std::nan("");
    const EpochMetrics best = run.bestMetrics().value_or(none);
    return QStringLiteral("%1\t%2\t%3\t%4\t%5\t%6\t%7\t%8\t%9\t%10")
        .arg(run.id, run.cell, modelKindKey(run.model.kind), run.status)
        .arg(run.epochs.size())
        .arg(run.bestEpoch)
        .arg(number(best.validAuroc), number(best.testAuroc), number(best.testAupr))
        .arg(seconds, 0, 'f', 1);
}

} // namespace

int runTrain(const QStringList& args)
{
    const QString cmd = QStringLiteral("train");
    QCommandLineParser p;
    addTrainOptions(p);
    int code = 0;
    if (!parseArguments(p, cmd,
                        QStringLiteral("Train a model on cell types of a study; every run and its "
                                       "weights are stored in the study after each epoch. Ctrl-C "
                                       "cancels and keeps the last finished epoch."),
                        args, &code))
        return code;
    if (!p.isSet(QStringLiteral("study")))
        return fail(cmd, QStringLiteral("--study is required"));
    const bool resume = p.isSet(QStringLiteral("resume"));
    if (!resume && !p.isSet(QStringLiteral("cell")))
        return fail(cmd, QStringLiteral("--cell is required (or --resume RUN)"));

    TrainRequest request;
    request.studyPath = p.value(QStringLiteral("study"));
    request.resumeRunId = p.value(QStringLiteral("resume"));
    request.cell = p.value(QStringLiteral("cell"));
    QString error;
    QStringList cells;
    bool done = false;
    RunRecord stored;
    if (!readSettings(p, &request, &error) || !applyRunId(p, &request, &done, &stored, &error) ||
        !cellsToTrain(p, request, &cells, &error))
        return fail(cmd, error);

    std::signal(SIGINT, onInterrupt);
    printLine(QStringLiteral("run\tcell\tmodel\tstatus\tepochs\tbest_epoch\tvalid_auroc\ttest_auroc"
                             "\ttest_aupr\tseconds"));
    if (done) {
        printLine(runRow(stored, 0));
        return 0;
    }
    for (const QString& cell : cells) {
        request.cell = cell;
        QElapsedTimer clock;
        clock.start();
        const QString label =
            resume ? request.resumeRunId
                   : QStringLiteral("%1 %2").arg(cell, modelKindKey(request.model.kind));
        const TrainOutcome outcome = trainModel(request, progressPrinter(label));
        if (!outcome.ok)
            return fail(cmd, outcome.error);
        const RunRecord& run = outcome.run;
        printLine(runRow(run, static_cast<double>(clock.elapsed()) / 1000.0));
        if (run.status == QLatin1String("cancelled")) {
            QTextStream(stderr) << "attentivechrome-cli train: cancelled; "
                                << (run.epochs.empty() ? "nothing was stored"
                                                       : "the run keeps its finished epochs")
                                << '\n';
            return 130;
        }
    }
    return 0;
}

} // namespace ac::cli
