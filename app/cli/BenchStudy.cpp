// attentivechrome-cli bench study: what a change of a large study costs (issue 12). Opens the
// study's listing, imports a track, saves an epoch, and lets two processes save epochs of
// different cells at the same time; each change split into begin (the copy: of the whole study
// when it is one file, of its index when unpacked), its own writes, and commit.
#include "CliCommand.h"
#include "CliSupport.h"
#include "SyntheticResults.h"

#include "model/ModelFactory.h"
#include "model/ModelWeights.h"
#include "store/StudyEditor.h"
#include "store/StudyFile.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QRegularExpression>

#include <algorithm>
#include <random>

namespace ac::cli
{

namespace
{

/// Seconds of the three steps of one change.
struct ChangeTime {
    double begin = 0, write = 0, commit = 0;
    int retries = 0; ///< commits refused because another writer changed the study meanwhile
    double total() const { return begin + write + commit; }
    QString text() const
    {
        return QStringLiteral("%1 s (begin %2 s, own writes %3 s, commit %4 s)")
            .arg(total(), 0, 'f', 3)
            .arg(begin, 0, 'f', 3)
            .arg(write, 0, 'f', 3)
            .arg(commit, 0, 'f', 3);
    }
};

/// One change of `path` by `writes`, timed step by step and made again when another writer
/// changed the study meanwhile (as a training's epoch save is: StudyEditor::apply); false with
/// `error`.
bool timedChange(const QString& path, const std::function<bool(StudyEditor&, QString*)>& writes,
                 ChangeTime* t, QString* error)
{
    for (;;) {
        QElapsedTimer clock;
        clock.start();
        const std::unique_ptr<StudyEditor> editor = StudyEditor::begin(path, error);
        if (!editor)
            return false;
        t->begin += double(clock.nsecsElapsed()) / 1e9;
        clock.restart();
        if (!writes(*editor, error))
            return false;
        t->write += double(clock.nsecsElapsed()) / 1e9;
        clock.restart();
        bool conflict = false;
        const bool committed = editor->commit(error, &conflict);
        t->commit += double(clock.nsecsElapsed()) / 1e9;
        if (committed)
            return true;
        if (!conflict || ++t->retries >= 5)
            return false;
    }
}

RunRecord benchRun(const QString& id, const QString& cell, int epochs)
{
    RunRecord run;
    run.id = id;
    run.cell = cell;
    run.created = QDateTime::currentDateTimeUtc();
    run.status = QStringLiteral("running");
    run.bestEpoch = epochs;
    for (int e = 1; e <= epochs; ++e)
        run.epochs.push_back(EpochMetrics{e, 0.6, 0.6, 0.7, 0.7, 0.6, 0.7, 0.6, 4.0});
    return run;
}

/// The weights of a fresh AttentiveChrome model (the size an epoch save writes).
Weights modelWeights()
{
    return exportWeights(*makeModel(ModelConfig{}));
}

/// Adds a run with weights and results (p, α, β) to every cell type that has none.
bool addRuns(const QString& path, QString* error)
{
    const std::unique_ptr<StudyFile> study = StudyFile::open(path, error);
    if (!study)
        return false;
    const Weights weights = modelWeights();
    QElapsedTimer clock;
    clock.start();
    int added = 0;
    const bool ok = StudyEditor::apply(
        path,
        [&](StudyEditor& editor, QString* err) {
            for (const QString& cell : study->cellNames()) {
                if (!study->runIds(cell).isEmpty())
                    continue;
                CellData index;
                if (!study->readCellIndex(cell, &index, err))
                    return false;
                RunRecord run = benchRun(cell + QStringLiteral("-bench"), cell, 1);
                run.status = QStringLiteral("complete"); // shown as a finished training
                run.cellDigest = study->cellDigest(cell);
                if (!editor.writeRun(run, weights, weights, err) ||
                    !editor.writeResults(run.id, synthesiseResults(index.geneCount(), 7), err))
                    return false;
                ++added;
            }
            return true;
        },
        error);
    if (ok)
        printLine(QStringLiteral("added %1 run(s) with results in %2 s")
                      .arg(added)
                      .arg(clock.elapsed() / 1000.0, 0, 'f', 1));
    return ok;
}

/// What opening the study shows first: cell types, runs and each run's record.
bool timeListing(const QString& path, QString* error)
{
    QElapsedTimer clock;
    clock.start();
    const std::unique_ptr<StudyFile> study = StudyFile::open(path, error);
    if (!study)
        return false;
    const QStringList cells = study->cellNames();
    const QStringList runs = study->runIds();
    for (const QString& id : runs) {
        RunRecord run;
        if (!study->readRun(id, &run, error))
            return false;
    }
    CellData index;
    if (!cells.isEmpty() && !study->readCellIndex(cells.first(), &index, error))
        return false;
    printLine(
        QStringLiteral("study: %1 (%2), %3 cell types, %4 runs")
            .arg(path, study->isPacked() ? QStringLiteral("one file") : QStringLiteral("unpacked"))
            .arg(cells.size())
            .arg(runs.size()));
    printLine(QStringLiteral("listing (open, cell types, every run's record, first cell's "
                             "genes): %1 s")
                  .arg(double(clock.nsecsElapsed()) / 1e9, 0, 'f', 3));
    return true;
}

/// `saves` epoch saves of run `id` of `cell`, one change each; their times in `out`.
bool saveEpochs(const QString& path, const QString& id, const QString& cell, int saves,
                std::vector<ChangeTime>* out, QString* error)
{
    const Weights weights = modelWeights();
    for (int e = 1; e <= saves; ++e) {
        ChangeTime t;
        const RunRecord run = benchRun(id, cell, e);
        if (!timedChange(
                path,
                [&](StudyEditor& editor, QString* err) {
                    return editor.writeRun(run, weights, weights, err);
                },
                &t, error))
            return false;
        out->push_back(t);
    }
    return true;
}

QString summary(const std::vector<ChangeTime>& times)
{
    double sum = 0, worst = 0;
    int retries = 0;
    for (const ChangeTime& t : times) {
        sum += t.total();
        worst = std::max(worst, t.total());
        retries += t.retries;
    }
    return QStringLiteral("mean %1 s, max %2 s over %3, %4 made again after a conflict")
        .arg(sum / double(std::max<std::size_t>(times.size(), 1)), 0, 'f', 3)
        .arg(worst, 0, 'f', 3)
        .arg(times.size())
        .arg(retries);
}

/// Two processes save `saves` epochs each of runs of two different cells, started together.
bool concurrentWriters(const QString& path, const QStringList& cells, int saves, QString* error)
{
    QElapsedTimer clock;
    clock.start();
    std::vector<std::unique_ptr<QProcess>> writers;
    for (int w = 0; w < 2; ++w) {
        writers.push_back(std::make_unique<QProcess>());
        writers.back()->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        writers.back()->start(QCoreApplication::applicationFilePath(),
                              {QStringLiteral("bench"), QStringLiteral("study"),
                               QStringLiteral("--study"), path, QStringLiteral("--writer"),
                               cells.at(w), QStringLiteral("--saves"), QString::number(saves)});
    }
    for (std::size_t w = 0; w < writers.size(); ++w) {
        QProcess& p = *writers[w];
        if (!p.waitForFinished(600000) || p.exitCode() != 0) {
            *error = QStringLiteral("writer of %1 failed").arg(cells.at(int(w)));
            return false;
        }
        printLine(
            QStringLiteral("  concurrent writer %1 (%2): %3")
                .arg(w + 1)
                .arg(cells.at(int(w)), QString::fromUtf8(p.readAllStandardOutput().trimmed())));
    }
    printLine(QStringLiteral("two concurrent writers, %1 saves each: %2 s wall")
                  .arg(saves)
                  .arg(clock.elapsed() / 1000.0, 0, 'f', 2));
    return true;
}

/// Removes the runs the epoch-save timings added.
bool removeBenchRuns(const QString& path, QString* error)
{
    const std::unique_ptr<StudyFile> study = StudyFile::open(path, error);
    if (!study)
        return false;
    const QStringList ids =
        study->runIds().filter(QRegularExpression(QStringLiteral("^bench-save")));
    return StudyEditor::apply(
        path,
        [&ids](StudyEditor& editor, QString* err) {
            for (const QString& id : ids)
                if (!editor.removeRun(id, err))
                    return false;
            return true;
        },
        error);
}

/// Re-imports the first track of `cell` (its own values: the study's content stays the same).
bool timeTrackImport(const QString& path, const QString& cell, QString* error)
{
    const std::unique_ptr<StudyFile> study = StudyFile::open(path, error);
    if (!study)
        return false;
    const QStringList tracks = study->trackNames(cell);
    TrackData track;
    if (tracks.isEmpty() || !study->readTrack(cell, tracks.first(), &track, error)) {
        if (error->isEmpty())
            *error =
                QStringLiteral("%1: cell type %2 has no track to import again").arg(path, cell);
        return false;
    }
    ChangeTime t;
    if (!timedChange(
            path,
            [&](StudyEditor& editor, QString* err) { return editor.writeTrack(cell, track, err); },
            &t, error))
        return false;
    printLine(QStringLiteral("track import (%1 of %2, %3 MB of values): %4")
                  .arg(track.name, cell)
                  .arg(double(track.values.size()) * 4 / 1e6, 0, 'f', 1)
                  .arg(t.text()));
    return true;
}

} // namespace

int runBenchStudy(const QStringList& args)
{
    const QString cmd = QStringLiteral("bench study");
    QCommandLineParser p;
    p.addOption({QStringLiteral("study"),
                 QStringLiteral("The study to measure (it is changed: "
                                "see the description)."),
                 QStringLiteral("FILE")});
    p.addOption({QStringLiteral("add-runs"),
                 QStringLiteral("First add a run with weights and results (p, alpha, beta) to "
                                "every cell type without one.")});
    p.addOption({QStringLiteral("saves"),
                 QStringLiteral("Epoch saves per measurement (default 5)."), QStringLiteral("N"),
                 QStringLiteral("5")});
    p.addOption({QStringLiteral("writer"),
                 QStringLiteral("Only save epochs of a run of this cell type and print their "
                                "times (the concurrent writers run this)."),
                 QStringLiteral("CELL")});
    int code = 0;
    if (!parseArguments(
            p, cmd,
            QStringLiteral("What changes of a large study cost: the listing the GUI reads at "
                           "open, a track import (the first track of the first cell type, "
                           "imported again with its own values), epoch saves of one training, "
                           "and two trainings of different cell types saving at the same time. "
                           "Each change is split into begin (the copy), its own writes and "
                           "commit. Make the study with `simulate --cells 56 --genes 19802` "
                           "(--packed for one file); the runs the bench adds for its epoch "
                           "saves are removed at the end."),
            args, &code))
        return code;
    QString error;
    if (!requireOptions(p, {"study"}, &error))
        return fail(cmd, error);
    const QString path = p.value(QStringLiteral("study"));
    const int saves = std::max(1, p.value(QStringLiteral("saves")).toInt());
    if (p.isSet(QStringLiteral("writer"))) {
        const QString cell = p.value(QStringLiteral("writer"));
        std::vector<ChangeTime> times;
        if (!saveEpochs(path, QStringLiteral("bench-save-") + cell, cell, saves, &times, &error))
            return fail(cmd, error);
        printLine(summary(times));
        return 0;
    }
    if (p.isSet(QStringLiteral("add-runs")) && !addRuns(path, &error))
        return fail(cmd, error);
    const std::unique_ptr<StudyFile> study = StudyFile::open(path, &error);
    if (!study)
        return fail(cmd, error);
    const QStringList cells = study->cellNames();
    if (cells.size() < 2)
        return fail(cmd, QStringLiteral("%1: the bench needs two cell types or more").arg(path));
    std::vector<ChangeTime> single;
    if (!timeListing(path, &error) || !timeTrackImport(path, cells.first(), &error) ||
        !saveEpochs(path, QStringLiteral("bench-save"), cells.at(1), saves, &single, &error))
        return fail(cmd, error);
    for (const ChangeTime& t : single)
        printLine(QStringLiteral("  epoch save: %1").arg(t.text()));
    printLine(QStringLiteral("epoch saves, one training: %1").arg(summary(single)));
    if (!concurrentWriters(path, cells, saves, &error) || !removeBenchRuns(path, &error))
        return fail(cmd, error);
    printLine(QStringLiteral("targets (issue 12): a track import or an epoch save commits in "
                             "<= 0.5 s plus its own writes; concurrent writers do not wait for "
                             "each other's copy"));
    return 0;
}

} // namespace ac::cli
