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

} // namespace

int runTrain(const QStringList& args)
{
    const QString cmd = QStringLiteral("train");
    QCommandLineParser p;
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
    QString error;
    if (!parseModelKind(p.value(QStringLiteral("model")), &request.model.kind))
        return fail(cmd, QStringLiteral("unknown --model '%1' (attentivechrome, lstm-alpha, lstm, "
                                        "deepchrome, cnn-alpha-beta)")
                             .arg(p.value(QStringLiteral("model"))));
    TrainConfig& t = request.train;
    if (!intOption(p, QStringLiteral("epochs"), 1, 100000, &t.epochs, &error) ||
        !intOption(p, QStringLiteral("batch-size"), 1, 1 << 20, &t.batchSize, &error) ||
        !intOption(p, QStringLiteral("patience"), 0, 100000, &t.patience, &error) ||
        !intOption(p, QStringLiteral("threads"), 0, 1024, &t.threads, &error) ||
        !positiveOption(p, QStringLiteral("lr"), false, &t.learningRate, &error) ||
        !positiveOption(p, QStringLiteral("clip"), true, &t.gradClip, &error))
        return fail(cmd, error);
    if (p.isSet(QStringLiteral("seed"))) {
        bool ok = false;
        t.seed = p.value(QStringLiteral("seed")).toULongLong(&ok);
        if (!ok)
            return fail(cmd, QStringLiteral("--seed must be a non-negative integer, not '%1'")
                                 .arg(p.value(QStringLiteral("seed"))));
    }

    // The cells to train, checked before the first one starts.
    QStringList cells;
    if (resume) {
        request.resumeRunId = p.value(QStringLiteral("resume"));
        request.cell = p.value(QStringLiteral("cell"));
        cells << request.cell;
    } else {
        std::unique_ptr<StudyFile> study = StudyFile::open(request.studyPath, &error);
        if (!study)
            return fail(cmd, error);
        const QStringList known = study->cellNames();
        const QString wanted = p.value(QStringLiteral("cell"));
        cells = wanted == QLatin1String("all") ? known
                                               : wanted.split(QLatin1Char(','), Qt::SkipEmptyParts);
        for (QString& c : cells) {
            c = c.trimmed();
            if (!known.contains(c))
                return fail(cmd, QStringLiteral("%1: no cell type \"%2\" (cells: %3)")
                                     .arg(request.studyPath, c,
                                          known.isEmpty() ? QStringLiteral("none")
                                                          : known.join(QStringLiteral(", "))));
        }
        if (cells.isEmpty())
            return fail(cmd,
                        QStringLiteral("%1: the study has no cell types").arg(request.studyPath));
    }

    std::signal(SIGINT, onInterrupt);
    printLine(QStringLiteral("run\tcell\tmodel\tstatus\tepochs\tbest_epoch\tvalid_auroc\ttest_auroc"
                             "\ttest_aupr\tseconds"));
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
        EpochMetrics best;
        if (run.bestEpoch >= 1 && run.bestEpoch <= static_cast<int>(run.epochs.size()))
            best = run.epochs[static_cast<std::size_t>(run.bestEpoch - 1)];
        else
            best.validAuroc = best.testAuroc = best.testAupr = std::nan("");
        printLine(QStringLiteral("%1\t%2\t%3\t%4\t%5\t%6\t%7\t%8\t%9\t%10")
                      .arg(run.id, run.cell, modelKindKey(run.model.kind), run.status)
                      .arg(run.epochs.size())
                      .arg(run.bestEpoch)
                      .arg(number(best.validAuroc), number(best.testAuroc), number(best.testAupr))
                      .arg(static_cast<double>(clock.elapsed()) / 1000.0, 0, 'f', 1));
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
