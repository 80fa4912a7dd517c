// StudySession and the shared study queries (issue 10): selection by REMC id, a gene's figure
// data, compare columns found by id in cells with another gene order, test-split scores, run
// summary, the active run of a cell (issue 14, item 1), gene by name. No window: the session is
// QtCore only.
#include "session/StudyQueries.h"
#include "session/StudySession.h"
#include "store/StudyEditor.h"
#include "store/StudyFile.h"

#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cmath>

using namespace ac;

namespace
{

constexpr int kGenes = 6;

/// Genes "000001".."000006" (GENE0..GENE5) in order, or reversed.
CellData makeCell(const QString& name, bool reversed)
{
    CellData cell;
    cell.name = name;
    for (int i = 0; i < kGenes; ++i) {
        const int g = reversed ? kGenes - 1 - i : i;
        GeneRecord r;
        r.remcId = QStringLiteral("%1").arg(g + 1, 6, 10, QLatin1Char('0'));
        r.ensemblId = QStringLiteral("ENSG%1").arg(g + 1, 11, 10, QLatin1Char('0'));
        r.symbol = QStringLiteral("GENE%1").arg(g);
        cell.genes.push_back(r);
        cell.labels.push_back(std::uint8_t(g % 2));
        cell.splits.push_back(Split(g % 3));
    }
    const std::size_t block = std::size_t(cell.binCount) * cell.markCount;
    cell.values.resize(kGenes * block);
    for (int i = 0; i < kGenes; ++i)
        std::fill_n(cell.values.begin() + std::ptrdiff_t(i * block), block,
                    float(cell.genes[std::size_t(i)].remcId.toInt()));
    return cell;
}

/// p of a gene is its number / 10 in cell E1 and its number / 100 in E2 (in either order).
RunResults makeResults(const CellData& cell, float scale)
{
    RunResults r;
    r.geneCount = cell.geneCount();
    for (const GeneRecord& g : cell.genes)
        r.p.push_back(float(g.remcId.toInt()) * scale);
    r.alpha.assign(std::size_t(kGenes) * cell.markCount * cell.binCount, 0.01f);
    r.beta.assign(std::size_t(kGenes) * cell.markCount, 0.2f);
    return r;
}

RunRecord makeRun(const QString& id, const QString& cell, double testAuroc, int secs)
{
    RunRecord run;
    run.id = id;
    run.cell = cell;
    run.created = QDateTime::fromSecsSinceEpoch(1700000000 + secs, Qt::UTC);
    run.status = QStringLiteral("complete");
    if (testAuroc >= 0) {
        EpochMetrics e;
        e.epoch = 1;
        e.testAuroc = testAuroc;
        run.epochs.push_back(e);
        run.bestEpoch = 1;
    }
    return run;
}

/// E1 (genes in order, a track, runs "old" with results and "new" without) and E2 (genes
/// reversed, run "e2" with results).
bool writeStudy(const QString& path, QString* error)
{
    const CellData e1 = makeCell(QStringLiteral("E1"), false);
    const CellData e2 = makeCell(QStringLiteral("E2"), true);
    TrackData track;
    track.name = QStringLiteral("H3K27ac");
    track.binCount = e1.binCount;
    for (int g = 0; g < kGenes; ++g)
        for (int b = 0; b < track.binCount; ++b)
            track.values.push_back(float(g * 1000 + b));
    auto ed = StudyEditor::begin(path, error);
    return ed && ed->writeCell(e1, error) && ed->writeCell(e2, error) &&
           ed->writeTrack(e1.name, track, error) &&
           ed->writeRun(makeRun(QStringLiteral("old"), e1.name, 0.7, 0), Weights(), Weights(),
                        error) &&
           ed->writeResults(QStringLiteral("old"), makeResults(e1, 0.1f), error) &&
           ed->writeRun(makeRun(QStringLiteral("new"), e1.name, -1, 10), Weights(), Weights(),
                        error) &&
           ed->writeRun(makeRun(QStringLiteral("e2"), e2.name, 0.6, 20), Weights(), Weights(),
                        error) &&
           ed->writeResults(QStringLiteral("e2"), makeResults(e2, 0.01f), error) &&
           ed->commit(error);
}

} // namespace

class TestStudySession : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("study.h5"));
        QString err;
        QVERIFY2(writeStudy(m_path, &err), qPrintable(err));
    }

    void findGeneBySymbolEnsemblOrRemcId()
    {
        const CellData cell = makeCell(QStringLiteral("E1"), false);
        QCOMPARE(findGene(cell.genes, QStringLiteral("gene2")), 2);
        QCOMPARE(findGene(cell.genes, QStringLiteral(" ENSG00000000004 ")), 3);
        QCOMPARE(findGene(cell.genes, QStringLiteral("000006")), 5);
        QCOMPARE(findGene(cell.genes, QStringLiteral("NOPE")), -1);
        QCOMPARE(findGene(cell.genes, QString()), -1);
    }

    void splitScoresPickOneSplit()
    {
        const CellData cell = makeCell(QStringLiteral("E1"), false);
        const std::vector<float> p{0.0f, 0.1f, 0.2f, 0.3f, 0.4f, 0.5f};
        const SplitScores test = splitScores(cell, p, Split::Test); // genes 2 and 5
        QCOMPARE(test.p, (std::vector<float>{0.2f, 0.5f}));
        QCOMPARE(test.labels, (std::vector<std::uint8_t>{0, 1}));
        QVERIFY(splitScores(cell, {0.5f}, Split::Test).p.empty()); // p of another cell
    }

    void studyQueries()
    {
        QString err;
        auto study = StudyFile::open(m_path, &err);
        QVERIFY2(study, qPrintable(err));
        // "new" is newer but has no best epoch (no validation AUROC): "old" ranks above it.
        QCOMPARE(activeRun(*study, QStringLiteral("E1")), QStringLiteral("old"));
        QCOMPARE(activeRun(*study, QStringLiteral("E2")), QStringLiteral("e2"));
        QVERIFY(activeRun(*study, QStringLiteral("E3")).isEmpty());
        const std::vector<CellSummary::Entry> entries = bestTestAurocEntries(*study, &err);
        QVERIFY(err.isEmpty());
        QCOMPARE(int(entries.size()), 2); // "new" has no best epoch
        QCOMPARE(entries[0].cell, QStringLiteral("E1"));
        QCOMPARE(entries[0].score, 0.7);
        QCOMPARE(entries[0].runId, QStringLiteral("old"));
        QCOMPARE(entries[1].score, 0.6);
        QCOMPARE(entries[1].runId, QStringLiteral("e2"));
    }

    // Issue 14, item 1: the rule itself, over plain records.
    void defaultRunPrefersCompleteRunsByValidationAuroc()
    {
        const auto run = [](const QString& id, const QString& status, double validAuroc,
                            ModelKind kind = ModelKind::AttentiveChrome) {
            RunRecord r = makeRun(id, QStringLiteral("E1"), 0.5, 0);
            r.status = status;
            r.model.kind = kind;
            r.epochs[0].validAuroc = validAuroc;
            return r;
        };
        const QString complete = QStringLiteral("complete");
        // A newer cancelled run with a better AUROC never replaces a complete one.
        QCOMPARE(defaultRun({run("done", complete, 0.80), run("cancelled", "cancelled", 0.95)}),
                 QStringLiteral("done"));
        // Failed and unfinished ("running": killed) runs are never chosen, even alone.
        QVERIFY(
            defaultRun({run("failed", "failed", 0.9), run("crashed", "running", 0.9)}).isEmpty());
        // The best validation AUROC wins over the newest; a tie goes to the newer run.
        QCOMPARE(defaultRun({run("a", complete, 0.70), run("b", "stopped-early", 0.85),
                             run("c", complete, 0.80)}),
                 QStringLiteral("b"));
        QCOMPARE(defaultRun({run("a", complete, 0.80), run("b", complete, 0.80)}),
                 QStringLiteral("b"));
        // Imported weights (no validation AUROC) only when nothing scored is complete.
        RunRecord imported = run("imported", "imported", 0);
        imported.epochs.clear();
        imported.bestEpoch = 0;
        QCOMPARE(defaultRun({run("a", complete, 0.6), imported}), QStringLiteral("a"));
        QCOMPARE(defaultRun({run("x", "cancelled", 0.9), imported}), QStringLiteral("imported"));
        QCOMPARE(defaultRun({run("nan", complete, std::nan("")), run("a", complete, 0.5)}),
                 QStringLiteral("a"));
        // Restricted to one variant.
        QCOMPARE(
            defaultRun({run("ac", complete, 0.9), run("dc", complete, 0.7, ModelKind::DeepChrome)},
                       modelKindKey(ModelKind::DeepChrome)),
            QStringLiteral("dc"));
    }

    // Issue 14, item 1: the user's choice is stored in the study, read back by a new reader (so
    // the CLI and the GUI agree), survives other runs, and a removed choice falls back to the rule.
    void activeRunChoiceIsStoredAndFallsBack()
    {
        const QString path = m_dir.filePath(QStringLiteral("active.h5"));
        const CellData cell = makeCell(QStringLiteral("E1"), false);
        const auto run = [&](const QString& id, const QString& status, double validAuroc) {
            RunRecord r = makeRun(id, cell.name, validAuroc - 0.05, 0);
            r.status = status;
            r.epochs[0].validAuroc = validAuroc;
            return r;
        };
        QString err;
        QVERIFY2(StudyEditor::apply(
                     path,
                     [&](StudyEditor& ed, QString* e) {
                         return ed.writeCell(cell, e) &&
                                ed.writeRun(run("good", "complete", 0.90), {}, {}, e) &&
                                ed.writeRun(run("other", "complete", 0.80), {}, {}, e) &&
                                ed.writeRun(run("late", "cancelled", 0.95), {}, {}, e);
                     },
                     &err),
                 qPrintable(err));
        const auto active = [&] {
            QString e;
            auto study = StudyFile::open(path, &e);
            return study ? activeRun(*study, cell.name) : e;
        };
        QCOMPARE(active(), QStringLiteral("good")); // not the newer cancelled run
        const auto choose = [&](const QString& id) {
            return StudyEditor::apply(
                path,
                [&](StudyEditor& ed, QString* e) { return ed.setActiveRun(cell.name, id, e); },
                &err);
        };
        QVERIFY2(choose(QStringLiteral("other")), qPrintable(err));
        QCOMPARE(active(), QStringLiteral("other"));
        StudySession session;
        QVERIFY2(session.open(path, &err), qPrintable(err));
        QCOMPARE(session.activeRun(cell.name), QStringLiteral("other"));
        // The user may choose a cancelled run explicitly: then it is shown, never by itself.
        QVERIFY2(choose(QStringLiteral("late")), qPrintable(err));
        QCOMPARE(active(), QStringLiteral("late"));
        QVERIFY(!choose(QStringLiteral("nope")));
        QVERIFY2(err.contains(QStringLiteral("nope")), qPrintable(err));
        QCOMPARE(active(), QStringLiteral("late")); // the refused change wrote nothing
        // Removing the chosen run clears the choice: back to the rule.
        QVERIFY2(
            StudyEditor::apply(
                path, [&](StudyEditor& ed, QString* e) { return ed.removeRun("late", e); }, &err),
            qPrintable(err));
        QCOMPARE(active(), QStringLiteral("good"));
        {
            auto study = StudyFile::open(path, &err);
            QVERIFY(study && study->activeRunChoice(cell.name).isEmpty());
        }
        QVERIFY2(choose(QStringLiteral("other")), qPrintable(err));
        QVERIFY2(choose(QString()), qPrintable(err)); // cleared by hand
        QCOMPARE(active(), QStringLiteral("good"));
    }

    void staleRunsAreNotTheDefault()
    {
        // Issue 13, finding 10: a run trained on an earlier import of the cell is never the
        // session's default run, however new.
        const QString path = m_dir.filePath(QStringLiteral("stale.h5"));
        const CellData e1 = makeCell(QStringLiteral("E1"), false);
        QString err;
        QVERIFY2(
            StudyEditor::apply(
                path, [&](StudyEditor& e, QString* error) { return e.writeCell(e1, error); }, &err),
            qPrintable(err));
        const QString digest = StudyFile::open(path, &err)->cellDigest(QStringLiteral("E1"));
        QVERIFY(!digest.isEmpty());
        RunRecord current = makeRun(QStringLiteral("current"), e1.name, 0.7, 0);
        current.cellDigest = digest;
        RunRecord stale = makeRun(QStringLiteral("stale"), e1.name, 0.9, 10);
        stale.cellDigest = QStringLiteral("of an earlier import");
        QVERIFY2(StudyEditor::apply(
                     path,
                     [&](StudyEditor& e, QString* error) {
                         return e.writeRun(current, {}, {}, error) &&
                                e.writeResults(current.id, makeResults(e1, 0.1f), error) &&
                                e.writeRun(stale, {}, {}, error) &&
                                e.writeResults(stale.id, makeResults(e1, 0.1f), error);
                     },
                     &err),
                 qPrintable(err));
        StudySession s;
        QVERIFY2(s.open(path, &err), qPrintable(err));
        QCOMPARE(s.activeRun(QStringLiteral("E1")), QStringLiteral("current"));
        QVERIFY(StudyEditor::apply(
            path, [&](StudyEditor& e, QString* error) { return e.removeRun(current.id, error); },
            &err));
        QVERIFY(s.open(path, &err));
        QVERIFY(s.activeRun(QStringLiteral("E1")).isEmpty());
    }

    void selectionByIdAndGeneData()
    {
        StudySession s;
        QString err, warning;
        QVERIFY(!s.selectCell(QStringLiteral("E1"), &err, &warning)); // no study yet
        QVERIFY2(s.open(m_path, &err), qPrintable(err));
        QVERIFY2(s.selectCell(QStringLiteral("E1"), &err, &warning), qPrintable(err));
        QVERIFY(warning.isEmpty());
        QCOMPARE(s.track().name, QStringLiteral("H3K27ac"));
        QVERIFY(s.runId().isEmpty());
        QCOMPARE(s.activeRun(QStringLiteral("E1")), QStringLiteral("old"));
        QVERIFY(!s.selectRun(QStringLiteral("e2"), &err, &warning)); // a run of E2
        QVERIFY(s.selectRun(QStringLiteral("old"), &err, &warning));
        QCOMPARE(s.results().geneCount, kGenes);

        QVERIFY(s.selectGeneById(QStringLiteral("000004")));
        QCOMPARE(s.geneIndex(), 3);
        QCOMPARE(s.findGene(QStringLiteral("gene4")), 4);
        QVERIFY(!s.selectGeneById(QStringLiteral("999999")));
        QCOMPARE(s.geneId(), QStringLiteral("000004")); // unchanged

        err.clear();
        const GeneViewData d = s.geneData(3, &err);
        QVERIFY2(err.isEmpty(), qPrintable(err));
        QCOMPARE(d.gene.symbol, QStringLiteral("GENE3"));
        QCOMPARE(d.cell, QStringLiteral("E1"));
        QCOMPARE(d.runId, QStringLiteral("old"));
        QCOMPARE(d.label, 1);
        QCOMPARE(d.p, 0.4f);
        QCOMPARE(int(d.values.size()), d.binCount * d.markCount);
        QCOMPARE(d.values.front(), 4.0f);
        QCOMPARE(int(d.alpha.size()), d.binCount * d.markCount);
        QCOMPARE(d.trackName, QStringLiteral("H3K27ac"));
        QCOMPARE(d.track.front(), 3000.0f);
        QCOMPARE(d.track.back(), float(3000 + d.binCount - 1));

        const SplitScores test = s.testScores(); // genes 2 and 5 of E1
        QCOMPARE(test.p, (std::vector<float>{0.3f, 0.6f}));
        QCOMPARE(s.runSummary().cells, (QStringList{QStringLiteral("E1"), QStringLiteral("E2")}));
    }

    void compareColumnsFindTheGeneById()
    {
        StudySession s;
        QString err, warning;
        QVERIFY(s.open(m_path, &err));
        QVERIFY(s.selectCell(QStringLiteral("E1"), &err, &warning));
        QVERIFY(s.compareColumns({QStringLiteral("E1")}, &err).empty()); // no gene selected
        QVERIFY(s.selectGene(1)); // "000002", index 4 in E2's reversed order
        const std::vector<GeneViewData> cols = s.compareColumns(
            {QStringLiteral("E1"), QStringLiteral("E2"), QStringLiteral("E9")}, &err);
        QCOMPARE(int(cols.size()), 2);
        QCOMPARE(cols[0].cell, QStringLiteral("E1"));
        QCOMPARE(cols[0].runId, QStringLiteral("old")); // no run selected: the newest with results
        QVERIFY(std::abs(cols[0].p - 0.2f) < 1e-6f);
        QCOMPARE(cols[1].cell, QStringLiteral("E2"));
        QCOMPARE(cols[1].gene.remcId, QStringLiteral("000002"));
        QCOMPARE(cols[1].runId, QStringLiteral("e2"));
        QVERIFY(std::abs(cols[1].p - 0.02f) < 1e-6f);
        QCOMPARE(cols[1].label, 1);
        QVERIFY(!err.isEmpty()); // E9 cannot be read
    }

    void reopenKeepsNothing()
    {
        StudySession s;
        QString err, warning;
        QVERIFY(s.open(m_path, &err));
        QVERIFY(s.selectCell(QStringLiteral("E2"), &err, &warning));
        QVERIFY(s.selectGene(0));
        QVERIFY(!s.open(m_dir.filePath(QStringLiteral("missing.h5")), &err));
        QCOMPARE(s.cell(), QStringLiteral("E2")); // a failed open keeps the study
        QVERIFY(s.open(m_path, &err));
        QVERIFY(s.cell().isEmpty());
        QVERIFY(s.geneId().isEmpty());
        QCOMPARE(s.geneIndex(), -1);
    }

private:
    QTemporaryDir m_dir;
    QString m_path;
};

QTEST_MAIN(TestStudySession)
#include "tst_studysession.moc"
