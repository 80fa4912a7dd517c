// The HDF5 study file: round trips, atomic edits, and clear errors on files that are not studies.
#include "FileDigest.h"
#include "store/StudyEditor.h"
#include "store/StudyFile.h"
#include "store/StudyLock.h"
#include "store/WeightsFile.h"

#include <H5Cpp.h>
#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <grp.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace ac;

namespace
{

CellData makeCell(const QString& name, int genes)
{
    CellData c;
    c.name = name;
    for (int g = 0; g < genes; ++g) {
        GeneRecord r;
        r.remcId = QStringLiteral("%1").arg(g + 3, 6, 10, QLatin1Char('0'));
        r.ensemblId = QStringLiteral("ENSG00000%1").arg(r.remcId);
        r.symbol = g % 2 ? QStringLiteral("GENE%1").arg(g) : QString();
        r.chrom = QStringLiteral("chr%1").arg(g % 22 + 1);
        r.tss = 1000000 + g;
        r.strand = g % 3 ? '+' : '-';
        c.genes.push_back(r);
        c.labels.push_back(std::uint8_t(g % 2));
        c.splits.push_back(static_cast<Split>(g % 3));
    }
    c.values.resize(std::size_t(genes) * c.binCount * c.markCount);
    for (std::size_t i = 0; i < c.values.size(); ++i)
        c.values[i] = float(i % 97);
    return c;
}

Weights makeWeights(float offset)
{
    return {{"b.weight", {2, 3}, {1 + offset, 2, 3, 4, 5, 6}}, {"a.bias", {2}, {7, 8 + offset}}};
}

RunRecord makeRun(const QString& id, const QString& cell)
{
    RunRecord r;
    r.id = id;
    r.cell = cell;
    r.model.kind = ModelKind::LstmAlpha;
    r.train.seed = 0xFFFFFFFFFFFFULL;
    r.train.epochs = 3;
    r.created = QDateTime(QDate(2026, 11, 28), QTime(12, 30, 5), Qt::UTC);
    r.status = QStringLiteral("complete");
    r.bestEpoch = 2;
    for (int e = 1; e <= 3; ++e) {
        EpochMetrics m;
        m.epoch = e;
        m.trainLoss = 0.7 - 0.1 * e;
        m.validAuroc = 0.6 + 0.05 * e;
        m.testAuroc = std::nan("");
        m.seconds = 1.5;
        r.epochs.push_back(m);
    }
    return r;
}

/// A change that adds cell `name` (9 genes), for StudyEditor::apply.
std::function<bool(StudyEditor&, QString*)> addCell(const QString& name)
{
    return [name](StudyEditor& e, QString* error) { return e.writeCell(makeCell(name, 9), error); };
}

/// Runs `f` in a child process, as user nobody when this is root (permission bits bind it
/// then); returns the child's exit status (3: cannot drop to nobody) and the text it wrote.
int runInChild(const std::function<int(QByteArray*)>& f, QByteArray* text)
{
    int fds[2];
    if (::pipe(fds) != 0)
        return -1;
    const pid_t child = ::fork();
    if (child == 0) {
        ::close(fds[0]);
        if (::geteuid() == 0 &&
            (::setgroups(0, nullptr) != 0 || ::setgid(65534) != 0 || ::setuid(65534) != 0))
            ::_exit(3);
        QByteArray out;
        const int status = f(&out);
        const ssize_t written = ::write(fds[1], out.constData(), size_t(out.size()));
        ::_exit(written == out.size() ? status : 5);
    }
    ::close(fds[1]);
    char buffer[4096];
    ssize_t n = 0;
    while ((n = ::read(fds[0], buffer, sizeof buffer)) > 0)
        text->append(buffer, int(n));
    ::close(fds[0]);
    int status = 0;
    if (child < 0 || ::waitpid(child, &status, 0) != child || !WIFEXITED(status))
        return -1;
    return WEXITSTATUS(status);
}

/// Hidden temporary copies beside `study`.
QStringList temporaries(const QString& study)
{
    const QFileInfo info(study);
    return QDir(info.absolutePath())
        .entryList({QStringLiteral(".%1.*.tmp").arg(info.fileName())}, QDir::Files | QDir::Hidden);
}

} // namespace

class TestStudyFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { QVERIFY(m_dir.isValid()); }

    void cellRoundTrip()
    {
        const QString path = m_dir.filePath(QStringLiteral("cells.h5"));
        const CellData cell = makeCell(QStringLiteral("E123"), 21);
        QString error;
        auto editor = StudyEditor::begin(path, &error);
        QVERIFY2(editor, qPrintable(error));
        QVERIFY2(editor->writeCell(cell, &error), qPrintable(error));
        QVERIFY2(editor->writeCell(makeCell(QStringLiteral("E003"), 4), &error), qPrintable(error));
        QVERIFY2(editor->commit(&error), qPrintable(error));

        auto study = StudyFile::open(path, &error);
        QVERIFY2(study, qPrintable(error));
        QCOMPARE(study->formatVersion(), StudyFile::kFormatVersion);
        QCOMPARE(study->cellNames(), (QStringList{QStringLiteral("E123"), QStringLiteral("E003")}));
        CellData back;
        QVERIFY2(study->readCell(QStringLiteral("E123"), &back, &error), qPrintable(error));
        QCOMPARE(back.geneCount(), 21);
        QCOMPARE(back.values, cell.values);
        QCOMPARE(back.labels, cell.labels);
        QCOMPARE(back.markNames, cell.markNames);
        QVERIFY(back.splits == cell.splits);
        for (int g = 0; g < 21; ++g) {
            QCOMPARE(back.genes[g].remcId, cell.genes[g].remcId);
            QCOMPARE(back.genes[g].symbol, cell.genes[g].symbol);
            QCOMPARE(back.genes[g].tss, cell.genes[g].tss);
            QCOMPARE(back.genes[g].strand, cell.genes[g].strand);
        }
        CellData index;
        QVERIFY(study->readCellIndex(QStringLiteral("E123"), &index, &error));
        QVERIFY(index.values.empty());
        QCOMPARE(index.geneCount(), 21);

        std::vector<float> one;
        QVERIFY2(study->readGeneValues(QStringLiteral("E123"), 13, &one, &error),
                 qPrintable(error));
        QCOMPARE(one, std::vector<float>(cell.geneValues(13), cell.geneValues(13) + 500));
        QVERIFY(!study->readGeneValues(QStringLiteral("E123"), 21, &one, &error));
        QVERIFY(error.contains(QStringLiteral("out of range")));
        QVERIFY(!study->readCell(QStringLiteral("E999"), &back, &error));
        QVERIFY2(error.contains(path) && error.contains(QStringLiteral("/cells/E999")),
                 qPrintable(error));
    }

    void runsTracksAndResults()
    {
        const QString path = m_dir.filePath(QStringLiteral("runs.h5"));
        QString error;
        auto editor = StudyEditor::begin(path, &error);
        QVERIFY(editor);
        QVERIFY(editor->writeCell(makeCell(QStringLiteral("E1"), 5), &error));
        QVERIFY(editor->writeCell(makeCell(QStringLiteral("E2"), 5), &error));
        TrackData track;
        track.name = QStringLiteral("H3K27ac");
        track.source = QStringLiteral("/data/k27ac.bw");
        track.values.assign(500, 1.5f);
        track.values[7] = std::nanf("");
        QVERIFY2(editor->writeTrack(QStringLiteral("E1"), track, &error), qPrintable(error));
        TrackData shortTrack = track;
        shortTrack.values.resize(499);
        QVERIFY(!editor->writeTrack(QStringLiteral("E1"), shortTrack, &error));
        QVERIFY2(error.contains(QStringLiteral("5 genes")), qPrintable(error));

        QVERIFY2(editor->writeRun(makeRun(QStringLiteral("r2"), QStringLiteral("E2")),
                                  makeWeights(0), makeWeights(1), &error),
                 qPrintable(error));
        QVERIFY(editor->writeRun(makeRun(QStringLiteral("r1"), QStringLiteral("E1")),
                                 makeWeights(0), {}, &error));
        QVERIFY(
            !editor->writeRun(makeRun(QStringLiteral("r3"), QStringLiteral("E9")), {}, {}, &error));
        RunResults results;
        results.geneCount = 5;
        results.p = {0.1f, 0.2f, 0.3f, 0.4f, 0.5f};
        results.alpha.assign(5 * 5 * 100, 0.01f);
        results.beta.assign(25, 0.2f);
        QVERIFY2(editor->writeResults(QStringLiteral("r2"), results, &error), qPrintable(error));
        QVERIFY(editor->commit(&error));
        QVERIFY(!editor->writeCell(makeCell(QStringLiteral("E3"), 1), &error));

        auto study = StudyFile::open(path, &error);
        QVERIFY(study);
        QCOMPARE(study->trackNames(QStringLiteral("E1")), QStringList{QStringLiteral("H3K27ac")});
        QVERIFY(study->trackNames(QStringLiteral("E2")).isEmpty());
        TrackData t;
        QVERIFY2(study->readTrack(QStringLiteral("E1"), QStringLiteral("H3K27ac"), &t, &error),
                 qPrintable(error));
        QCOMPARE(t.source, track.source);
        QVERIFY(std::isnan(t.values[7]));
        QCOMPARE(t.values[8], 1.5f);

        // Creation order, and filtering by cell.
        QCOMPARE(study->runIds(), (QStringList{QStringLiteral("r2"), QStringLiteral("r1")}));
        QCOMPARE(study->runIds(QStringLiteral("E1")), QStringList{QStringLiteral("r1")});
        RunRecord run;
        QVERIFY2(study->readRun(QStringLiteral("r2"), &run, &error), qPrintable(error));
        QCOMPARE(run.cell, QStringLiteral("E2"));
        QCOMPARE(run.model.kind, ModelKind::LstmAlpha);
        QCOMPARE(run.train.seed, std::uint64_t(0xFFFFFFFFFFFFULL));
        QCOMPARE(run.created, makeRun({}, {}).created);
        QCOMPARE(run.bestEpoch, 2);
        QCOMPARE(int(run.epochs.size()), 3);
        QCOMPARE(run.epochs[2].validAuroc, 0.75);
        QVERIFY(std::isnan(run.epochs[0].testAuroc));

        Weights w;
        QVERIFY(study->readWeights(QStringLiteral("r2"), QStringLiteral("last"), &w, &error));
        QCOMPARE(int(w.size()), 2);
        QCOMPARE(w[0].name, std::string("b.weight")); // registration order, not name order
        QCOMPARE(w[0].shape, (std::vector<std::int64_t>{2, 3}));
        QCOMPARE(w[0].values[0], 2.0f);
        QVERIFY(!study->readWeights(QStringLiteral("r1"), QStringLiteral("last"), &w, &error));
        QVERIFY(!study->readWeights(QStringLiteral("r1"), QStringLiteral("middle"), &w, &error));

        QVERIFY(study->hasResults(QStringLiteral("r2")));
        QVERIFY(!study->hasResults(QStringLiteral("r1")));
        RunResults back;
        QVERIFY(study->readResults(QStringLiteral("r2"), &back, &error));
        QCOMPARE(back.p, results.p);
        QCOMPARE(back.alpha, results.alpha);
        QCOMPARE(back.beta, results.beta);
        study.reset();

        // Rewriting a run (a new epoch) drops its stale cached results; removing a cell drops
        // its runs.
        editor = StudyEditor::begin(path, &error);
        QVERIFY(editor->writeRun(makeRun(QStringLiteral("r2"), QStringLiteral("E2")),
                                 makeWeights(2), makeWeights(2), &error));
        QVERIFY(editor->removeCell(QStringLiteral("E1"), &error));
        QVERIFY(editor->commit(&error));
        study = StudyFile::open(path, &error);
        QVERIFY(!study->hasResults(QStringLiteral("r2")));
        QCOMPARE(study->runIds(), QStringList{QStringLiteral("r2")});
        QCOMPARE(study->cellNames(), QStringList{QStringLiteral("E2")});
    }

    // Issue 14, items 2 and 3: a run's name and note survive a new epoch (writeRun), its stored
    // validations do not (they belong to the old weights), and removing a run removes them all.
    void runNameNoteAndValidationRoundTrip()
    {
        const QString path = m_dir.filePath(QStringLiteral("labels.h5"));
        const QString id = QStringLiteral("r1");
        ArrayBundle arrays;
        arrays.floats[QStringLiteral("p")] = {0.25f, std::nanf(""), 1.0f};
        arrays.integers[QStringLiteral("genes")] = {4, 0, 7};
        arrays.texts[QStringLiteral("gene_ids")] = {QStringLiteral("000005"), QStringLiteral("é")};
        arrays.texts[QStringLiteral("empty")] = {};
        QString error;
        QVERIFY2(StudyEditor::apply(
                     path,
                     [&](StudyEditor& e, QString* err) {
                         return e.writeCell(makeCell(QStringLiteral("E1"), 3), err) &&
                                e.writeRun(makeRun(id, QStringLiteral("E1")), makeWeights(0), {},
                                           err) &&
                                e.setRunName(id, QStringLiteral(" baseline "), err) &&
                                e.setRunNote(id, QStringLiteral("lr 2e-4\nseed 7"), err) &&
                                e.writeValidation(id, QStringLiteral("H3K27ac-test"), arrays, err);
                     },
                     &error),
                 qPrintable(error));
        auto study = StudyFile::open(path, &error);
        QVERIFY2(study, qPrintable(error));
        RunRecord run;
        QVERIFY2(study->readRun(id, &run, &error), qPrintable(error));
        QCOMPARE(run.name, QStringLiteral("baseline"));
        QCOMPARE(run.displayName(), QStringLiteral("baseline"));
        QCOMPARE(run.note, QStringLiteral("lr 2e-4\nseed 7"));
        QCOMPARE(study->validationNames(id), QStringList{QStringLiteral("H3K27ac-test")});
        ArrayBundle back;
        QVERIFY2(study->readValidation(id, QStringLiteral("H3K27ac-test"), &back, &error),
                 qPrintable(error));
        QCOMPARE(back.floats[QStringLiteral("p")].size(), std::size_t(3));
        QCOMPARE(back.floats[QStringLiteral("p")][0], 0.25f);
        QVERIFY(std::isnan(back.floats[QStringLiteral("p")][1]));
        QCOMPARE(back.integers[QStringLiteral("genes")], (std::vector<std::int64_t>{4, 0, 7}));
        QCOMPARE(back.texts[QStringLiteral("gene_ids")], arrays.texts[QStringLiteral("gene_ids")]);
        QVERIFY(back.texts.count(QStringLiteral("empty")) == 1);
        ArrayBundle twice;
        twice.floats[QStringLiteral("x")] = {1.0f};
        twice.texts[QStringLiteral("x")] = {QStringLiteral("one")};
        QVERIFY(!StudyEditor::apply(
            path,
            [&](StudyEditor& e, QString* err) {
                return e.writeValidation(id, QStringLiteral("bad"), twice, err);
            },
            &error));
        QVERIFY2(error.contains(QStringLiteral("\"x\" used twice")), qPrintable(error));
        QVERIFY(!study->readValidation(id, QStringLiteral("nope"), &back, &error));
        QVERIFY2(error.contains(QStringLiteral("/runs/r1/validation/nope")), qPrintable(error));
        study.reset();

        // A new epoch of the run (a resumed training) keeps name and note, drops validations.
        QVERIFY2(StudyEditor::apply(
                     path,
                     [&](StudyEditor& e, QString* err) {
                         return e.writeRun(makeRun(id, QStringLiteral("E1")), makeWeights(1), {},
                                           err);
                     },
                     &error),
                 qPrintable(error));
        study = StudyFile::open(path, &error);
        QVERIFY(study->readRun(id, &run, &error));
        QCOMPARE(run.name, QStringLiteral("baseline"));
        QCOMPARE(run.note, QStringLiteral("lr 2e-4\nseed 7"));
        QVERIFY(study->validationNames(id).isEmpty());
        study.reset();

        // An empty name gives the id back; a removed run is gone; names of unknown runs fail.
        QVERIFY2(StudyEditor::apply(
                     path, [&](StudyEditor& e, QString* err) { return e.setRunName(id, {}, err); },
                     &error),
                 qPrintable(error));
        study = StudyFile::open(path, &error);
        QVERIFY(study->readRun(id, &run, &error));
        QCOMPARE(run.displayName(), id);
        study.reset();
        QVERIFY(!StudyEditor::apply(
            path, [&](StudyEditor& e, QString* err) { return e.setRunNote("r9", "x", err); },
            &error));
        QVERIFY2(error.contains(QStringLiteral("/runs/r9")), qPrintable(error));
        QVERIFY2(
            StudyEditor::apply(
                path, [&](StudyEditor& e, QString* err) { return e.removeRun(id, err); }, &error),
            qPrintable(error));
        study = StudyFile::open(path, &error);
        QVERIFY(study->runIds().isEmpty());
    }

    void abandonedEditLeavesStudyUnchanged()
    {
        const QString path = m_dir.filePath(QStringLiteral("keep.h5"));
        QString error;
        auto editor = StudyEditor::begin(path, &error);
        QVERIFY(editor->writeCell(makeCell(QStringLiteral("E1"), 9), &error));
        QVERIFY(editor->commit(&error));
        const QByteArray before = testing::fileDigest(path);
        const QStringList filesBefore = QDir(m_dir.path()).entryList(QDir::Files | QDir::Hidden);

        editor = StudyEditor::begin(path, &error);
        QVERIFY(editor->writeCell(makeCell(QStringLiteral("E2"), 9), &error));
        QVERIFY(editor->removeCell(QStringLiteral("E1"), &error));
        editor.reset(); // a cancel or crash before commit
        QCOMPARE(testing::fileDigest(path), before);
        QCOMPARE(QDir(m_dir.path()).entryList(QDir::Files | QDir::Hidden), filesBefore);

        // A failing write leaves the edit usable and the study as it was.
        editor = StudyEditor::begin(path, &error);
        CellData bad = makeCell(QStringLiteral("E3"), 3);
        bad.labels.pop_back();
        QVERIFY(!editor->writeCell(bad, &error));
        QVERIFY2(error.contains(QStringLiteral("/cells/E3")), qPrintable(error));
        QVERIFY(!editor->removeRun(QStringLiteral("nope"), &error));
        editor.reset();
        QCOMPARE(testing::fileDigest(path), before);
    }

    void concurrentEditsLoseNothing()
    {
        // Two changes prepared at once (e.g. a track import while training saves an epoch): the
        // later commit must not replace the study with a copy that lacks the earlier one. (One
        // file; an unpacked study merges changes of different cells: tst_studyparts.)
        const QString path = m_dir.filePath(QStringLiteral("shared.h5"));
        QString error;
        auto first = StudyEditor::begin(path, &error, StudyEditor::Form::Packed);
        QVERIFY2(first && first->writeCell(makeCell(QStringLiteral("E1"), 9), &error) &&
                     first->commit(&error),
                 qPrintable(error));

        auto a = StudyEditor::begin(path, &error);
        auto b = StudyEditor::begin(path, &error);
        QVERIFY(a && b);
        QVERIFY(a->writeCell(makeCell(QStringLiteral("E2"), 9), &error));
        QVERIFY(b->writeRun(makeRun(QStringLiteral("r1"), QStringLiteral("E1")), makeWeights(1),
                            makeWeights(2), &error));
        QVERIFY2(a->commit(&error), qPrintable(error));
        const QByteArray afterA = testing::fileDigest(path);
        bool conflict = false;
        QVERIFY(!b->commit(&error, &conflict));
        QVERIFY(conflict);
        QVERIFY2(error.contains(path) && error.contains(QLatin1String("run it again")),
                 qPrintable(error));
        QCOMPARE(testing::fileDigest(path), afterA); // A's change kept, B's copy not renamed
        QVERIFY(!QFile::exists(path + QStringLiteral(".lock")));

        // apply() makes B's change again on a fresh copy: both changes are in the study.
        int calls = 0;
        QVERIFY2(
            StudyEditor::apply(
                path,
                [&](StudyEditor& e, QString* err) {
                    ++calls;
                    if (calls == 1) { // someone else commits in between
                        QString otherError;
                        auto other = StudyEditor::begin(path, &otherError);
                        if (!other ||
                            !other->writeCell(makeCell(QStringLiteral("E3"), 9), &otherError) ||
                            !other->commit(&otherError))
                            return false;
                    }
                    return e.writeRun(makeRun(QStringLiteral("r1"), QStringLiteral("E1")),
                                      makeWeights(1), makeWeights(2), err);
                },
                &error),
            qPrintable(error));
        QCOMPARE(calls, 2);
        auto study = StudyFile::open(path, &error);
        QVERIFY2(study, qPrintable(error));
        QCOMPARE(study->cellNames(),
                 (QStringList{QStringLiteral("E1"), QStringLiteral("E2"), QStringLiteral("E3")}));
        QCOMPARE(study->runIds(), QStringList{QStringLiteral("r1")});
    }

    void leftoversOfKilledWritersAreRemoved()
    {
        // Issue 13, finding 7: a kill during a change left a full hidden copy nothing removed.
        const QString path = m_dir.filePath(QStringLiteral("leak.h5"));
        const QDir dir(m_dir.path());
        QString error;
        QVERIFY2(StudyEditor::apply(path, addCell(QStringLiteral("E1")), &error),
                 qPrintable(error));
        auto live = StudyEditor::begin(path, &error); // a live writer: this process
        QVERIFY2(live, qPrintable(error));
        const QStringList liveCopy = temporaries(path);
        QCOMPARE(liveCopy.size(), 1);

        // A writer killed mid-change: a child begins one and exits without cleaning up.
        const pid_t child = ::fork();
        if (child == 0) {
            QString e;
            auto editor = StudyEditor::begin(path, &e);
            ::_exit(editor && editor->writeCell(makeCell(QStringLiteral("E2"), 9), &e) ? 0 : 1);
        }
        int status = 0;
        QVERIFY(child > 0 && ::waitpid(child, &status, 0) == child);
        QVERIFY(WIFEXITED(status) && WEXITSTATUS(status) == 0);
        QStringList dead = temporaries(path);
        dead.removeOne(liveCopy[0]);
        QCOMPARE(dead.size(), 1);
        QVERIFY2(dead[0].contains(QStringLiteral(".%1@").arg(child)), qPrintable(dead[0]));
        // Copies of another host's writer and of an unknown form are kept.
        const QString foreign = QString(dead[0]).replace(QRegularExpression(QStringLiteral("@.+$")),
                                                         QStringLiteral("@elsewhere.example.tmp"));
        const QString unknown = QStringLiteral(".leak.h5.0123456789abcdef.tmp");
        QVERIFY(QFile::copy(dir.filePath(dead[0]), dir.filePath(foreign)));
        QVERIFY(QFile::copy(dir.filePath(dead[0]), dir.filePath(unknown)));

        QVERIFY2(StudyEditor::apply(path, addCell(QStringLiteral("E3")), &error),
                 qPrintable(error));
        QStringList expected{liveCopy[0], foreign, unknown};
        expected.sort();
        QCOMPARE(temporaries(path), expected); // the dead writer's copy is gone
        live.reset();
        expected.removeOne(liveCopy[0]);
        QCOMPARE(temporaries(path), expected);
        auto study = StudyFile::open(path, &error);
        QVERIFY2(study, qPrintable(error));
        QCOMPARE(study->cellNames(), (QStringList{QStringLiteral("E1"), QStringLiteral("E3")}));
    }

    void reimportedCellMakesItsRunsStale()
    {
        // Issue 13, finding 10: a cell imported again kept its runs with their old AUROC.
        const QString path = m_dir.filePath(QStringLiteral("stale.h5"));
        CellData cell = makeCell(QStringLiteral("E1"), 9);
        QString error, digest;
        auto writeCellAndRun = [&](const CellData& c, const QString& runId, const QString& d) {
            return StudyEditor::apply(
                path,
                [&](StudyEditor& e, QString* err) {
                    RunRecord run = makeRun(runId, c.name);
                    run.cellDigest = d;
                    return e.writeCell(c, err) &&
                           (runId.isEmpty() || e.writeRun(run, Weights(), Weights(), err));
                },
                &error);
        };
        auto stale = [&](const QString& runId) {
            auto study = StudyFile::open(path, &error);
            RunRecord run;
            if (!study || !study->readRun(runId, &run, &error))
                qFatal("%s", qPrintable(error));
            return run.stale;
        };
        QVERIFY2(writeCellAndRun(cell, QString(), QString()), qPrintable(error));
        digest = StudyFile::open(path, &error)->cellDigest(QStringLiteral("E1"));
        QCOMPARE(digest.size(), 64); // SHA-256, hex
        // "trained" on this import; "older" from a version that did not record it.
        QVERIFY(writeCellAndRun(cell, QStringLiteral("trained"), digest));
        QVERIFY(writeCellAndRun(cell, QStringLiteral("older"), QString()));
        QVERIFY(!stale(QStringLiteral("trained")) && !stale(QStringLiteral("older")));
        QCOMPARE(StudyFile::open(path, &error)->cellDigest(QStringLiteral("E1")), digest);

        cell.labels[4] ^= 1; // imported again with one label changed
        QVERIFY(writeCellAndRun(cell, QString(), QString()));
        const QString newDigest = StudyFile::open(path, &error)->cellDigest(QStringLiteral("E1"));
        QVERIFY(newDigest != digest);
        QVERIFY(stale(QStringLiteral("trained")));
        QVERIFY(stale(QStringLiteral("older")));
        QVERIFY(writeCellAndRun(cell, QStringLiteral("new"), newDigest));
        QVERIFY(!stale(QStringLiteral("new")));
        RunRecord run;
        QVERIFY(StudyFile::open(path, &error)->readRun(QStringLiteral("trained"), &run, &error));
        QCOMPARE(run.statusText(), QStringLiteral("complete, stale"));
        QVERIFY(!run.isCurrent());

        // A study of an older version (no digests at all): its runs are current until the cell
        // is imported again.
        {
            H5::H5File f(QFile::encodeName(path).constData(), H5F_ACC_RDWR);
            f.openGroup("cells/E1").removeAttr("data_digest");
            for (const char* id : {"runs/trained", "runs/older", "runs/new"})
                f.openGroup(id).removeAttr("cell_digest");
        }
        QVERIFY(StudyFile::open(path, &error)->cellDigest(QStringLiteral("E1")).isEmpty());
        QVERIFY(!stale(QStringLiteral("trained")) && !stale(QStringLiteral("new")));
        cell.values[0] += 1;
        QVERIFY(writeCellAndRun(cell, QString(), QString()));
        QVERIFY(stale(QStringLiteral("trained")) && stale(QStringLiteral("new")));
    }

    void cellDigestKeepsItsBytes()
    {
        // Issue 16: the digest moved from QCryptographicHash to OpenSSL; it must stay the
        // SHA-256 of the same bytes, or every run of an existing study would turn stale.
        const QString path = m_dir.filePath(QStringLiteral("digest.h5"));
        const CellData cell = makeCell(QStringLiteral("E7"), 13);
        QString error;
        QVERIFY2(
            StudyEditor::apply(
                path, [&](StudyEditor& e, QString* err) { return e.writeCell(cell, err); }, &error),
            qPrintable(error));
        QCryptographicHash hash(QCryptographicHash::Sha256);
        const std::int64_t shape[] = {cell.binCount, cell.binSize, cell.windowStart, cell.markCount,
                                      std::int64_t(cell.genes.size())};
        hash.addData(QByteArrayView(reinterpret_cast<const char*>(shape), sizeof shape));
        for (const QString& m : cell.markNames)
            hash.addData(m.toUtf8().append('\0'));
        for (const GeneRecord& g : cell.genes)
            hash.addData(g.remcId.toUtf8().append('\0'));
        hash.addData(QByteArrayView(reinterpret_cast<const char*>(cell.labels.data()),
                                    qsizetype(cell.labels.size())));
        for (const Split split : cell.splits)
            hash.addData(QByteArray(1, static_cast<char>(split)));
        hash.addData(QByteArrayView(reinterpret_cast<const char*>(cell.values.data()),
                                    qsizetype(cell.values.size() * sizeof(float))));
        QCOMPARE(StudyFile::open(path, &error)->cellDigest(QStringLiteral("E7")),
                 QString::fromLatin1(hash.result().toHex()));
    }

    void runOfAKilledWriterIsInterrupted()
    {
        // Issue 13, finding 12: a killed training stayed "running" forever.
        const QString path = m_dir.filePath(QStringLiteral("interrupted.h5"));
        QString error;
        QVERIFY2(StudyEditor::apply(path, addCell(QStringLiteral("E1")), &error),
                 qPrintable(error));
        RunRecord running = makeRun(QStringLiteral("mine"), QStringLiteral("E1"));
        running.status = QStringLiteral("running");
        auto store = [&](const RunRecord& run) {
            return StudyEditor::apply(
                path, [&](StudyEditor& e, QString* err) { return e.writeRun(run, {}, {}, err); },
                &error);
        };
        QVERIFY2(store(running), qPrintable(error));
        // The same, stored by a process that is gone; and a finished run of a gone process.
        const pid_t child = ::fork();
        if (child == 0) {
            RunRecord dead = running;
            dead.id = QStringLiteral("dead");
            RunRecord done = makeRun(QStringLiteral("done"), QStringLiteral("E1"));
            ::_exit(store(dead) && store(done) ? 0 : 1);
        }
        int status = 0;
        QVERIFY(child > 0 && ::waitpid(child, &status, 0) == child);
        QVERIFY(WIFEXITED(status) && WEXITSTATUS(status) == 0);
        auto study = StudyFile::open(path, &error);
        QVERIFY2(study, qPrintable(error));
        RunRecord run;
        QVERIFY(study->readRun(QStringLiteral("mine"), &run, &error));
        QVERIFY(run.writer.startsWith(QStringLiteral("%1@").arg(::getpid())));
        QVERIFY(!run.interrupted);
        QCOMPARE(run.statusText(), QStringLiteral("running"));
        QVERIFY(study->readRun(QStringLiteral("dead"), &run, &error));
        QVERIFY(run.writer.startsWith(QStringLiteral("%1@").arg(child)));
        QVERIFY(run.interrupted);
        QVERIFY(!run.isCurrent());
        QCOMPARE(run.statusText(), QStringLiteral("interrupted"));
        QVERIFY(study->readRun(QStringLiteral("done"), &run, &error));
        QVERIFY(!run.interrupted);
        QCOMPARE(run.statusText(), QStringLiteral("complete"));
    }

    void lockWithoutOwnerIsTakenOver_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("empty") << QByteArray(); // a power loss before the PID was written
        QTest::newRow("garbled") << QByteArray("\x01\xff not a lock\n");
        QTest::newRow("process 0") << QByteArray("0\nattentivechrome\n\n");
    }

    void lockWithoutOwnerIsTakenOver()
    {
        // Issue 13, finding 8: such a lock made every change wait 61 s and fail.
        QFETCH(QByteArray, content);
        const QString path =
            m_dir.filePath(QStringLiteral("stale-%1.h5").arg(QTest::currentDataTag()));
        const QString lockPath = path + QStringLiteral(".lock");
        QFile lockFile(lockPath);
        QVERIFY(lockFile.open(QIODevice::WriteOnly));
        lockFile.write(content);
        lockFile.flush();
        QString error;
        StudyLock fresh(path); // just written: may be a writer between creating and filling it
        QVERIFY(!fresh.acquire(&error, 300));
        QVERIFY2(error.contains(QLatin1String("locked")), qPrintable(error));
        QVERIFY(QFile::exists(lockPath));

        QVERIFY(lockFile.setFileTime(QDateTime::currentDateTime().addSecs(-60),
                                     QFileDevice::FileModificationTime));
        lockFile.close();
        QElapsedTimer clock;
        clock.start();
        QVERIFY2(StudyEditor::apply(path, addCell(QStringLiteral("E1")), &error),
                 qPrintable(error));
        QVERIFY2(clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));
        QVERIFY(!QFile::exists(lockPath));
    }

    void lockNameThatIsNoFileFailsAtOnce_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("expected");
        QTest::newRow("folder") << QStringLiteral("folder") << QStringLiteral("is a folder");
        QTest::newRow("dangling link")
            << QStringLiteral("link") << QStringLiteral("symbolic link to a missing file");
    }

    void lockNameThatIsNoFileFailsAtOnce()
    {
        // Issue 13, finding 8: a folder or a dangling link named <study>.lock waited 61 s.
        QFETCH(QString, kind);
        QFETCH(QString, expected);
        const QString path = m_dir.filePath(QStringLiteral("lock-%1.h5").arg(kind));
        const QString lockPath = path + QStringLiteral(".lock");
        QString error;
        QVERIFY2(StudyEditor::apply(path, addCell(QStringLiteral("E1")), &error),
                 qPrintable(error));
        const QByteArray before = testing::fileDigest(path);
        if (kind == QLatin1String("folder"))
            QVERIFY(QDir().mkdir(lockPath));
        else
            QVERIFY(QFile::link(m_dir.filePath(QStringLiteral("no-such-file")), lockPath));
        QElapsedTimer clock;
        clock.start();
        QVERIFY(!StudyEditor::apply(path, addCell(QStringLiteral("E2")), &error));
        QVERIFY2(clock.elapsed() < 2000, qPrintable(QString::number(clock.elapsed())));
        QVERIFY2(error.contains(expected) &&
                     error.contains(QStringLiteral("remove %1").arg(lockPath)) &&
                     error.contains(QLatin1String("nothing was changed")),
                 qPrintable(error));
        QCOMPARE(testing::fileDigest(path), before);
        QVERIFY(temporaries(path).isEmpty());
    }

    void readOnlyFolderIsNamed()
    {
        // Issue 13, finding 9: a read-only folder was reported as a lock held by process 0.
        const QString folder = m_dir.filePath(QStringLiteral("read-only"));
        const QString path = folder + QStringLiteral("/ro.h5");
        QVERIFY(QDir().mkpath(folder)); // study edits never create their folder
        QString error;
        QVERIFY2(StudyEditor::apply(path, addCell(QStringLiteral("E1")), &error),
                 qPrintable(error));
        const QByteArray before = testing::fileDigest(path);
        const auto rx = QFile::ReadOwner | QFile::ExeOwner | QFile::ReadGroup | QFile::ExeGroup |
                        QFile::ReadOther | QFile::ExeOther;
        QVERIFY(QFile::setPermissions(m_dir.path(), rx | QFile::WriteOwner)); // nobody may enter
        QVERIFY(QFile::setPermissions(folder, rx));                           // chmod 0555
        const auto restore =
            qScopeGuard([&] { QFile::setPermissions(folder, rx | QFile::WriteOwner); });
        QByteArray text;
        const int status = runInChild(
            [&](QByteArray* out) {
                if (::access(QFile::encodeName(path).constData(), R_OK) != 0)
                    return 4;
                QElapsedTimer clock;
                clock.start();
                QString e;
                const bool began = bool(StudyEditor::begin(path, &e));
                *out = e.toUtf8();
                return began ? 1 : clock.elapsed() < 2000 ? 0 : 2;
            },
            &text);
        if (status == 3 || status == 4)
            QSKIP("running as root: permission bits bind only user nobody (65534), and this test "
                  "could not run a child as nobody or nobody cannot reach the temporary folder");
        const QString message = QString::fromUtf8(text);
        QVERIFY2(status == 0, qPrintable(QStringLiteral("status %1: %2").arg(status).arg(message)));
        QCOMPARE(message, StudyLock::notWritableMessage(folder));
        QVERIFY(message.startsWith(folder + QStringLiteral(": cannot write here (read-only?)")));
        QCOMPARE(testing::fileDigest(path), before);
        QCOMPARE(QDir(folder).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
                 (QStringList{QStringLiteral("ro.h5"), QStringLiteral("ro.h5.parts")}));
    }

    void rejectsFilesThatAreNotStudies_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty") << QByteArray() << QStringLiteral("not an AttentiveChrome study");
        QTest::newRow("text") << QByteArray("GeneID,BinID\n1,2\n")
                              << QStringLiteral("not an AttentiveChrome study");
    }

    void rejectsFilesThatAreNotStudies()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        const QString path = m_dir.filePath(QStringLiteral("not-a-study"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
        f.close();
        QString error;
        QVERIFY(!StudyFile::open(path, &error));
        QVERIFY2(error.startsWith(path) && error.contains(expected), qPrintable(error));
        QVERIFY(!StudyEditor::begin(path, &error));
        QCOMPARE(QFile(path).size(), qint64(content.size()));
    }

    void rejectsCorruptAndForeignHdf5()
    {
        QString error;
        // A truncated study (a crash of some other tool, a partial download).
        const QString good = m_dir.filePath(QStringLiteral("good.h5"));
        auto editor = StudyEditor::begin(good, &error);
        QVERIFY(editor->writeCell(makeCell(QStringLiteral("E1"), 40), &error));
        QVERIFY(editor->commit(&error));
        QFile in(good);
        QVERIFY(in.open(QIODevice::ReadOnly));
        const QByteArray bytes = in.readAll();
        const QString truncated = m_dir.filePath(QStringLiteral("truncated.h5"));
        QFile out(truncated);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(bytes.left(bytes.size() / 2));
        out.close();
        auto study = StudyFile::open(truncated, &error);
        if (study) { // the superblock may survive: then reading the cell must fail cleanly
            CellData c;
            QVERIFY(!study->readCell(QStringLiteral("E1"), &c, &error));
        }
        QVERIFY2(error.contains(truncated), qPrintable(error));

        // An HDF5 file of another program.
        const QString foreign = m_dir.filePath(QStringLiteral("weights.h5"));
        QVERIFY2(writeWeightsFile(foreign, makeWeights(0), &error), qPrintable(error));
        QVERIFY(!StudyFile::open(foreign, &error));
        QVERIFY2(error.contains(QStringLiteral("not an AttentiveChrome study")), qPrintable(error));
        QVERIFY(!StudyFile::open(m_dir.filePath(QStringLiteral("missing.h5")), &error));
        QVERIFY(error.contains(QStringLiteral("no such file")));
    }

    void weightsFileRoundTrip()
    {
        const QString path = m_dir.filePath(QStringLiteral("w.h5"));
        QString error;
        QVERIFY(writeWeightsFile(path, makeWeights(3), &error));
        Weights w;
        QVERIFY2(readWeightsFile(path, &w, &error), qPrintable(error));
        QCOMPARE(w[0].name, std::string("b.weight"));
        QCOMPARE(w[0].values[0], 4.0f);
        QCOMPARE(w[1].shape, std::vector<std::int64_t>{2});
        // A study is not a weights file.
        const QString study = m_dir.filePath(QStringLiteral("s.h5"));
        auto editor = StudyEditor::begin(study, &error);
        QVERIFY(editor->commit(&error));
        QVERIFY(!readWeightsFile(study, &w, &error));
        QVERIFY2(error.contains(QStringLiteral("/weights")), qPrintable(error));
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestStudyFile)
#include "tst_studyfile.moc"
