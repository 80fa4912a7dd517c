// Crash safety under kill -9 (issue 13, item 4): attentivechrome-cli ($AC_CLI) is started on a
// copy of a small study and killed with SIGKILL at named points of the change (the store stops
// itself there when AC_TEST_PAUSE_AT names the point: StudyEditor); the study must then open and
// be byte-for-byte the old or the new state, the next change must not wait for a stale lock, and
// it must remove the killed writer's temporary copy. Also a full disk and a read-only folder
// (a clear error, nothing lost), and a killed training shown as "interrupted" (issue 13, finding
// 12) and its run shown as "stale" after the cell is imported again (issue 13, finding 10).
#include "CliRunner.h"
#include "FileDigest.h"
#include "RemcCsvFixture.h"
#include "TrainFixture.h"
#include "store/StudyFile.h"
#include "store/StudyPacker.h"
#include "store/WeightsFile.h"
#include "train/Trainer.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <random>
#include <spawn.h>
#include <sys/mount.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

using namespace ac;

namespace
{

/// A change must not wait for a killed writer's lock (the lock's own wait is 60 s).
constexpr int kNextChangeMs = 20000;

/// A CLI started with AC_TEST_PAUSE_AT, its standard output and error in `log`.
class PausedCli
{
public:
    PausedCli(const QStringList& args, const QByteArray& pauseAt, const QString& log) : m_log(log)
    {
        std::vector<QByteArray> argv{QFile::encodeName(qEnvironmentVariable("AC_CLI"))};
        for (const QString& a : args)
            argv.push_back(a.toUtf8());
        std::vector<char*> argp;
        for (QByteArray& a : argv)
            argp.push_back(a.data());
        argp.push_back(nullptr);
        QByteArray pause = "AC_TEST_PAUSE_AT=" + pauseAt;
        std::vector<char*> envp;
        for (char** e = environ; *e; ++e)
            if (qstrncmp(*e, "AC_TEST_PAUSE_AT=", 17) != 0)
                envp.push_back(*e);
        envp.push_back(pause.data());
        envp.push_back(nullptr);
        posix_spawn_file_actions_t files;
        posix_spawn_file_actions_init(&files);
        const QByteArray logName = QFile::encodeName(log);
        posix_spawn_file_actions_addopen(&files, 1, logName.constData(),
                                         O_WRONLY | O_CREAT | O_TRUNC, 0644);
        posix_spawn_file_actions_adddup2(&files, 1, 2);
        if (posix_spawn(&m_pid, argp[0], &files, nullptr, argp.data(), envp.data()) != 0)
            m_pid = -1;
        posix_spawn_file_actions_destroy(&files);
    }

    ~PausedCli() { kill(); }

    /// True when the CLI stopped itself at its next pause point within `timeoutMs`; false when it
    /// ended (or did not stop in time) instead.
    bool waitStopped(int timeoutMs = 30000)
    {
        QElapsedTimer clock;
        clock.start();
        while (m_pid > 0 && clock.elapsed() < timeoutMs) {
            int status = 0;
            const pid_t r = ::waitpid(m_pid, &status, WUNTRACED | WNOHANG);
            if (r == m_pid && WIFSTOPPED(status))
                return true;
            if (r == m_pid) {
                m_pid = -1; // exited before the pause point
                return false;
            }
            QTest::qSleep(5);
        }
        return false;
    }

    void resume() const { ::kill(m_pid, SIGCONT); }

    /// SIGKILL, then waits for the process to be gone.
    void kill()
    {
        if (m_pid <= 0)
            return;
        ::kill(m_pid, SIGKILL);
        int status = 0;
        while (::waitpid(m_pid, &status, 0) < 0 && errno == EINTR) {
        }
        m_pid = -1;
    }

    pid_t pid() const { return m_pid; }

    QString log() const
    {
        QFile f(m_log);
        return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
    }

private:
    QString m_log;
    pid_t m_pid = -1;
};

bool writeFile(const QString& path, const QByteArray& data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

/// The temporary copies (`.<study>.<hex>.<pid>@<host>.tmp`) beside `study`.
QStringList tempCopies(const QString& study)
{
    const QFileInfo info(study);
    return QDir(info.absolutePath())
        .entryList({QStringLiteral(".%1.*.tmp").arg(info.fileName())},
                   QDir::Files | QDir::Hidden | QDir::System);
}

/// 100 REMC rows of gene `id` with seeded random counts 0..9999, which compress badly.
QByteArray noisyGeneRows(int id, int label, std::mt19937* rng)
{
    QByteArray out;
    const QByteArray gid = QByteArray::number(id).rightJustified(6, '0');
    for (int b = 1; b <= 100; ++b) {
        out += gid + ',' + QByteArray::number(b);
        for (int m = 0; m < 5; ++m)
            out += ',' + QByteArray::number(int((*rng)() % 10000));
        out += ',' + QByteArray::number(label) + '\n';
    }
    return out;
}

/// A REMC cell folder `<root>/<cell>` with `perSplit` genes per split (ids from `base` + 1);
/// `noisy` counts compress badly (for the full disk).
QString writeRemcCell(const QString& root, const QString& cell, int base, int perSplit,
                      bool noisy = false)
{
    const char* stems[3] = {"train", "valid", "test"};
    std::mt19937 rng(13);
    for (int s = 0; s < 3; ++s) {
        QByteArray text;
        for (int g = 0; g < perSplit; ++g) {
            const int id = base + s * perSplit + g + 1;
            text += noisy ? noisyGeneRows(id, g % 2, &rng) : testing::remcGeneRows(id, g % 2);
        }
        writeFile(QStringLiteral("%1/%2/classification/%3.csv").arg(root, cell, stems[s]), text);
    }
    return root + QLatin1Char('/') + cell;
}

/// Fills the file system of `file` with `file` until `room` bytes are left.
bool fillUpTo(const QString& file, qint64 room)
{
    struct statvfs fs {
    };
    if (::statvfs(QFile::encodeName(QFileInfo(file).absolutePath()).constData(), &fs) != 0)
        return false;
    qint64 left = qint64(fs.f_bavail) * qint64(fs.f_frsize) - room;
    QFile f(file);
    if (!f.open(QIODevice::WriteOnly))
        return false;
    const QByteArray block(4096, 'x');
    while (left > 0) {
        const qint64 n = std::min<qint64>(left, block.size());
        if (f.write(block.constData(), n) != n)
            return false;
        left -= n;
    }
    return f.flush();
}

} // namespace

class TestCrashSafety : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_baseline; ///< cell C1 (40 genes, track H3K27ac) and one trained run
    QString m_runId;    ///< that run
    QString m_remc;     ///< REMC cell E900 to import
    QString m_track;    ///< a binned CSV track of C1
    QString m_weights;  ///< the run's best weights as a weights file
    QString m_mount;    ///< the tmpfs of fullDiskAndReadOnlyFolder, unmounted by cleanup
    int m_case = 0;

    QString path(const QString& name) const { return m_dir.filePath(name); }

    /// A copy of the baseline study in a folder of its own.
    QString freshStudy(const QString& folder)
    {
        QDir().mkpath(path(folder));
        const QString study = path(folder) + QStringLiteral("/study.h5");
        QFile::copy(m_baseline, study);
        return study;
    }

    QStringList commandArgs(const QString& command, const QString& study) const;
    void checkNextChange(const QString& study, bool byCli);

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void killAtEachPoint_data();
    void killAtEachPoint();
    void killUnpackedAtEachPoint_data();
    void killUnpackedAtEachPoint();
    void killedReaderChangesNothing();
    void killedTrainingIsInterruptedThenStale();
    void fullDiskAndReadOnlyFolder();
};

void TestCrashSafety::initTestCase()
{
    if (qEnvironmentVariableIsEmpty("AC_CLI"))
        QSKIP("AC_CLI is not set; run through ctest");
    QVERIFY(m_dir.isValid());
    m_baseline = path(QStringLiteral("baseline.h5"));
    QString error = testing::writeStudy(m_baseline, {testing::makeLearnableCell("C1", 24, 8, 8)},
                                        StudyEditor::Form::Packed);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    TrackData track;
    track.name = QStringLiteral("H3K27ac");
    track.binCount = 100;
    track.values.assign(40 * 100, 1.0f);
    {
        auto editor = StudyEditor::begin(m_baseline, &error);
        QVERIFY2(editor && editor->writeTrack(QStringLiteral("C1"), track, &error) &&
                     editor->commit(&error),
                 qPrintable(error));
    }
    TrainRequest request;
    request.studyPath = m_baseline;
    request.cell = QStringLiteral("C1");
    request.train.epochs = 1;
    request.train.threads = 1;
    const TrainOutcome trained = trainModel(request, TrainCallback());
    QVERIFY2(trained.ok, qPrintable(trained.error));
    m_runId = trained.run.id;
    Weights best;
    auto study = StudyFile::open(m_baseline, &error);
    QVERIFY2(study && study->readWeights(m_runId, QStringLiteral("best"), &best, &error),
             qPrintable(error));
    m_weights = path(QStringLiteral("best-weights.h5"));
    QVERIFY2(writeWeightsFile(m_weights, best, &error), qPrintable(error));
    m_remc = writeRemcCell(path(QStringLiteral("remc")), QStringLiteral("E900"), 0, 4);
    QByteArray csv;
    for (int g = 1; g <= 40; ++g)
        csv += QStringLiteral("T%1,50,%2\n").arg(g, 5, 10, QLatin1Char('0')).arg(g).toUtf8();
    m_track = path(QStringLiteral("track.csv"));
    QVERIFY(writeFile(m_track, csv));
}

void TestCrashSafety::cleanup()
{
    if (!m_mount.isEmpty())
        ::umount2(QFile::encodeName(m_mount).constData(), MNT_DETACH);
    m_mount.clear();
}

QStringList TestCrashSafety::commandArgs(const QString& command, const QString& study) const
{
    const QString cell = QStringLiteral("C1");
    if (command == QLatin1String("import"))
        return {command, m_remc, QStringLiteral("--study"), study};
    if (command == QLatin1String("train"))
        return {command,
                QStringLiteral("--study"),
                study,
                QStringLiteral("--cell"),
                cell,
                QStringLiteral("--epochs"),
                QStringLiteral("1"),
                QStringLiteral("--threads"),
                QStringLiteral("1")};
    if (command == QLatin1String("import-track"))
        return {command,
                QStringLiteral("--study"),
                study,
                QStringLiteral("--cell"),
                cell,
                QStringLiteral("--format"),
                QStringLiteral("csv"),
                QStringLiteral("--file"),
                m_track,
                QStringLiteral("--name"),
                QStringLiteral("Binned")};
    return {command,
            QStringLiteral("--study"),
            study,
            QStringLiteral("--cell"),
            cell,
            QStringLiteral("--kind"),
            QStringLiteral("attentivechrome"),
            QStringLiteral("--weights"),
            m_weights,
            QStringLiteral("--run-id"),
            QStringLiteral("imported")};
}

/// The study opens, the next change (a track import: by the CLI when `byCli`, else by this
/// process, which uses the same StudyEditor) neither waits for the killed writer's lock nor
/// leaves its temporary copy behind.
void TestCrashSafety::checkNextChange(const QString& study, bool byCli)
{
    QString error;
    QVERIFY2(StudyFile::open(study, &error), qPrintable(error));
    QElapsedTimer clock;
    clock.start();
    if (byCli) {
        const testing::CliRun next = testing::runCli(
            {QStringLiteral("import-track"), QStringLiteral("--study"), study,
             QStringLiteral("--cell"), QStringLiteral("C1"), QStringLiteral("--format"),
             QStringLiteral("csv"), QStringLiteral("--file"), m_track, QStringLiteral("--name"),
             QStringLiteral("Next")},
            kNextChangeMs);
        error = next.err;
        QVERIFY2(next.exitCode == 0, qPrintable(error));
    } else {
        TrackData track;
        track.name = QStringLiteral("Next");
        track.binCount = 100;
        track.values.assign(40 * 100, 2.0f);
        QVERIFY2(StudyEditor::apply(
                     study,
                     [&](StudyEditor& e, QString* err) {
                         return e.writeTrack(QStringLiteral("C1"), track, err);
                     },
                     &error),
                 qPrintable(error));
    }
    QVERIFY2(clock.elapsed() < kNextChangeMs, "the next change waited for a stale lock");
    QVERIFY2(tempCopies(study).isEmpty(), qPrintable(tempCopies(study).join(QLatin1Char(' '))));
    auto reopened = StudyFile::open(study, &error);
    QVERIFY2(reopened, qPrintable(error));
    QVERIFY(reopened->trackNames(QStringLiteral("C1")).contains(QStringLiteral("Next")));
}

void TestCrashSafety::killAtEachPoint_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("point");
    // Every point of StudyEditor's change for an import (early: before it starts; after the copy;
    // mid-write; the lock held just before and just after the rename); the other commands, which
    // write through the same editor, at one or two points each (each CLI start costs a second).
    const char* points[] = {"begin", "copied", "writing", "locked", "renamed"};
    for (const char* p : points)
        QTest::addRow("import-%s", p) << QStringLiteral("import") << QString::fromLatin1(p);
    for (const char* p : {"writing", "renamed"})
        QTest::addRow("train-%s", p) << QStringLiteral("train") << QString::fromLatin1(p);
    QTest::addRow("import-track-copied")
        << QStringLiteral("import-track") << QStringLiteral("copied");
    QTest::addRow("import-weights-locked")
        << QStringLiteral("import-weights") << QStringLiteral("locked");
}

/// Issue 13, item 4: a kill at any point leaves the old or the new study, no blocking lock and no
/// temporary copy after the next change.
void TestCrashSafety::killAtEachPoint()
{
    QFETCH(QString, command);
    QFETCH(QString, point);
    const QString study = freshStudy(QStringLiteral("kill-%1").arg(++m_case));
    const QByteArray oldState = testing::fileDigest(study);
    QByteArray newState;
    const bool afterRename = point == QLatin1String("renamed");
    PausedCli cli(commandArgs(command, study),
                  afterRename ? QByteArray("locked,renamed") : point.toUtf8(),
                  path(QStringLiteral("kill-%1.log").arg(m_case)));
    QVERIFY2(cli.waitStopped(), qPrintable(cli.log()));
    if (afterRename) {
        // Stopped before the rename: the new study is the complete temporary copy.
        const QStringList copies = tempCopies(study);
        QCOMPARE(copies.size(), 1);
        newState = testing::fileDigest(QFileInfo(study).absolutePath() + '/' + copies.first());
        QVERIFY(!newState.isEmpty() && newState != oldState);
        cli.resume();
        QVERIFY2(cli.waitStopped(), qPrintable(cli.log()));
    }
    // A temporary copy exists from the copy on, until it is renamed over the study.
    const bool copying = point != QLatin1String("begin") && !afterRename;
    QCOMPARE(tempCopies(study).size(), copying ? 1 : 0);
    cli.kill();

    QCOMPARE(testing::fileDigest(study), afterRename ? newState : oldState);
    // The lock was held at the kill: the next change is a CLI command, as a user would run it.
    checkNextChange(study, afterRename || point == QLatin1String("locked"));
}

void TestCrashSafety::killUnpackedAtEachPoint_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("point");
    // An unpacked study (issue 12): parts written, the new index written but not renamed, renamed.
    for (const char* p : {"writing", "locked", "renamed"})
        QTest::addRow("import-%s", p) << QStringLiteral("import") << QString::fromLatin1(p);
    QTest::addRow("train-renamed") << QStringLiteral("train") << QStringLiteral("renamed");
}

/// Issue 12: killed at any point of a change, an unpacked study is its old or its new state,
/// every part its index names is there, and the next change neither waits nor keeps the killed
/// writer's temporary index.
void TestCrashSafety::killUnpackedAtEachPoint()
{
    QFETCH(QString, command);
    QFETCH(QString, point);
    const QString study = freshStudy(QStringLiteral("unpacked-%1").arg(++m_case));
    QString error;
    QVERIFY2(StudyPacker::unpack(study, &error), qPrintable(error));
    const QByteArray oldIndex = testing::fileDigest(study);
    PausedCli cli(commandArgs(command, study), point.toUtf8(),
                  path(QStringLiteral("unpacked-%1.log").arg(m_case)));
    QVERIFY2(cli.waitStopped(), qPrintable(cli.log()));
    cli.kill();
    const bool renamed = point == QLatin1String("renamed");
    QCOMPARE(testing::fileDigest(study) != oldIndex, renamed);
    auto reopened = StudyFile::open(study, &error); // checks that every named part is there
    QVERIFY2(reopened, qPrintable(error));
    QCOMPARE(reopened->cellNames().contains(QStringLiteral("E900")),
             renamed && command == QLatin1String("import"));
    reopened.reset();
    checkNextChange(study, point != QLatin1String("writing"));
}

/// Issue 13, item 4: validate only reads; killed while it computes, the study is unchanged.
void TestCrashSafety::killedReaderChangesNothing()
{
    const QString study = freshStudy(QStringLiteral("validate"));
    const QByteArray before = testing::fileDigest(study);
    PausedCli cli({QStringLiteral("validate"), QStringLiteral("--study"), study,
                   QStringLiteral("--run"), m_runId, QStringLiteral("--figures"),
                   QStringLiteral("none"), QStringLiteral("--out"), path(QStringLiteral("val"))},
                  QByteArray(), path(QStringLiteral("validate.log")));
    QVERIFY(cli.pid() > 0);
    QTest::qSleep(700);
    cli.kill();
    QCOMPARE(testing::fileDigest(study), before);
    checkNextChange(study, false);
}

/// Issue 13, finding 12: a training killed after storing an epoch ("running") is shown as
/// interrupted once its process is gone, and can be resumed. Issue 13, finding 10: importing its
/// cell again with other data marks its runs stale; the same data again does not.
void TestCrashSafety::killedTrainingIsInterruptedThenStale()
{
    const QString study = freshStudy(QStringLiteral("interrupted"));
    PausedCli cli({QStringLiteral("train"), QStringLiteral("--study"), study,
                   QStringLiteral("--cell"), QStringLiteral("C1"), QStringLiteral("--epochs"),
                   QStringLiteral("3"), QStringLiteral("--patience"), QStringLiteral("0"),
                   QStringLiteral("--threads"), QStringLiteral("1")},
                  "renamed", path(QStringLiteral("interrupted.log")));
    QVERIFY2(cli.waitStopped(), qPrintable(cli.log()));
    QString error, id;
    RunRecord run;
    {
        // Epoch 1 is stored as "running"; its process still exists (stopped): not interrupted.
        auto s = StudyFile::open(study, &error);
        QVERIFY2(s, qPrintable(error));
        QCOMPARE(s->runIds(QStringLiteral("C1")).size(), 2);
        id = s->runIds(QStringLiteral("C1")).last();
        QVERIFY2(s->readRun(id, &run, &error), qPrintable(error));
        QCOMPARE(run.status, QStringLiteral("running"));
        QVERIFY(run.writer.startsWith(QStringLiteral("%1@").arg(cli.pid())));
        QVERIFY(!run.interrupted);
        QVERIFY(run.isCurrent());
    }
    cli.kill();
    auto info = [&] {
        const testing::CliRun r = testing::runCli({QStringLiteral("info"), study}, 60000);
        return r.exitCode == 0 ? r.out : r.err;
    };
    QString shown = info();
    QVERIFY2(shown.contains(QStringLiteral("run %1: interrupted, 1 epochs").arg(id)),
             qPrintable(shown));
    QVERIFY(shown.contains(QStringLiteral("continue it with train --resume")));
    {
        auto s = StudyFile::open(study, &error);
        QVERIFY(s && s->readRun(id, &run, &error));
        QVERIFY(run.interrupted);
        QVERIFY(!run.isCurrent());
        QCOMPARE(run.statusText(), QStringLiteral("interrupted"));
    }
    auto train = [&](const QStringList& more) {
        return testing::runCli(QStringList{QStringLiteral("train"), QStringLiteral("--study"),
                                           study, QStringLiteral("--threads"), QStringLiteral("1")}
                                   << more,
                               120000);
    };
    testing::CliRun r =
        train({QStringLiteral("--resume"), id, QStringLiteral("--epochs"), QStringLiteral("2")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY(StudyFile::open(study, &error)->readRun(id, &run, &error));
    QCOMPARE(run.statusText(), QStringLiteral("complete"));
    QCOMPARE(int(run.epochs.size()), 2);

    // Finding 10: C1 imported again from other data: both runs of C1 are stale.
    const QString remc = path(QStringLiteral("remc-c1"));
    writeRemcCell(remc, QStringLiteral("C1"), 500, 4);
    const QStringList import{QStringLiteral("import"), remc + QStringLiteral("/C1"),
                             QStringLiteral("--study"), study};
    r = testing::runCli(import, 60000);
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    shown = info();
    QVERIFY2(shown.contains(QStringLiteral("run %1: complete, stale, 2 epochs").arg(id)),
             qPrintable(shown));
    QVERIFY2(shown.contains(QStringLiteral("run %1: complete, stale, 1 epochs").arg(m_runId)),
             qPrintable(shown));
    QVERIFY(shown.contains(QStringLiteral("the cell was imported again since")));
    r = train({QStringLiteral("--resume"), id, QStringLiteral("--epochs"), QStringLiteral("3")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QStringLiteral("earlier import of cell C1")), qPrintable(r.err));

    // The same data imported again has the same digest: runs trained on it stay current.
    const QString digest = StudyFile::open(study, &error)->cellDigest(QStringLiteral("C1"));
    r = testing::runCli(import, 60000);
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QCOMPARE(StudyFile::open(study, &error)->cellDigest(QStringLiteral("C1")), digest);
}

/// Issue 13, item 4 (and finding 3): on a full disk a change ends with an error naming the
/// study, not a crash; the study is unchanged and no temporary copy is left. In a read-only
/// folder, the error says so. Needs root for a 5 MB tmpfs.
void TestCrashSafety::fullDiskAndReadOnlyFolder()
{
    if (::geteuid() != 0)
        QSKIP("mounting a small tmpfs needs root: the full disk is not tested");
    m_mount = path(QStringLiteral("tmpfs"));
    QVERIFY(QDir().mkpath(m_mount));
    const QByteArray mountPoint = QFile::encodeName(m_mount);
    if (::mount("tmpfs", mountPoint.constData(), "tmpfs", 0, "size=5m") != 0) {
        const QString why = QString::fromLocal8Bit(std::strerror(errno));
        m_mount.clear();
        QSKIP(qPrintable(
            QStringLiteral("cannot mount a tmpfs (%1): the full disk is not tested").arg(why)));
    }
    const QString study = m_mount + QStringLiteral("/study.h5");
    QVERIFY(QFile::copy(m_baseline, study));
    const QByteArray before = testing::fileDigest(study);
    const qint64 size = QFileInfo(study).size();
    const QString big =
        writeRemcCell(path(QStringLiteral("remc-big")), QStringLiteral("E901"), 1000, 300, true);
    const QString filler = m_mount + QStringLiteral("/filler");
    // Room for half a copy of the study, a copy and a little, a copy and a bit more.
    for (const qint64 room : {size / 2, size + 16 * 1024, size + 256 * 1024}) {
        QFile::remove(filler);
        QVERIFY(fillUpTo(filler, room));
        const testing::CliRun r = testing::runCli(
            {QStringLiteral("import"), big, QStringLiteral("--study"), study}, 60000);
        const QString what =
            QStringLiteral("room %1: exit %2: %3").arg(room).arg(r.exitCode).arg(r.err);
        QVERIFY2(r.exitCode == 1, qPrintable(what)); // -1: crashed (issue 13, finding 3)
        QVERIFY2(r.err.contains(study), qPrintable(what));
        QCOMPARE(testing::fileDigest(study), before);
        QVERIFY2(tempCopies(study).isEmpty(), qPrintable(what));
    }
    QFile::remove(filler);
    QVERIFY(::mount(nullptr, mountPoint.constData(), nullptr, MS_REMOUNT | MS_RDONLY, nullptr) ==
            0);
    const testing::CliRun r =
        testing::runCli({QStringLiteral("import"), big, QStringLiteral("--study"), study}, 60000);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(m_mount + QStringLiteral(": cannot write here (read-only?)")),
             qPrintable(r.err));
    QVERIFY2(!r.err.contains(QStringLiteral("locked")), qPrintable(r.err));
    QCOMPARE(testing::fileDigest(study), before);
}

QTEST_GUILESS_MAIN(TestCrashSafety)
#include "tst_crashsafety.moc"
