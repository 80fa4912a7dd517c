#include "StudyQueries.h"

#include "domain/CellData.h"
#include "store/StudyFile.h"

#include <cmath>
#include <limits>
#include <map>

namespace ac
{

QString defaultRun(const std::vector<RunRecord>& runs, const QString& variant)
{
    const RunRecord* chosen = nullptr;
    double chosenAuroc = 0;
    for (const RunRecord& run : runs) {
        if (!run.isComplete() || (!variant.isEmpty() && modelKindKey(run.model.kind) != variant))
            continue;
        const auto best = run.bestMetrics();
        // Without a validation AUROC (imported weights, NaN) a run ranks below every scored one.
        const double auroc = best && !std::isnan(best->validAuroc)
                                 ? best->validAuroc
                                 : -std::numeric_limits<double>::infinity();
        if (!chosen || auroc >= chosenAuroc) {
            chosen = &run;
            chosenAuroc = auroc;
        }
    }
    return chosen ? chosen->id : QString();
}

namespace
{

/// The user's `choice` while it is one of `runs`, else defaultRun(`runs`).
QString chooseActive(const std::vector<RunRecord>& runs, const QString& choice)
{
    for (const RunRecord& run : runs)
        if (!choice.isEmpty() && run.id == choice)
            return choice;
    return defaultRun(runs);
}

/// The summary entries of one cell's `runs`: one per variant (see bestTestAurocEntries()).
void addCellEntries(const QString& cell, const std::vector<RunRecord>& runs, const QString& active,
                    std::vector<CellSummary::Entry>* entries)
{
    QStringList variants;
    for (const RunRecord& run : runs)
        if (!variants.contains(modelKindKey(run.model.kind)))
            variants << modelKindKey(run.model.kind);
    for (const QString& variant : variants) {
        QString id = defaultRun(runs, variant);
        for (const RunRecord& run : runs)
            if (run.id == active && modelKindKey(run.model.kind) == variant)
                id = active;
        for (const RunRecord& run : runs)
            if (run.id == id && run.bestMetrics())
                entries->push_back({cell, variant, run.bestMetrics()->testAuroc, id});
    }
}

} // namespace

std::vector<RunRecord> cellRuns(const StudyFile& study, const QString& cell, QString* firstError)
{
    std::vector<RunRecord> runs;
    for (const QString& id : study.runIds(cell)) {
        RunRecord run;
        QString error;
        if (study.readRun(id, &run, &error))
            runs.push_back(std::move(run));
        else if (firstError && firstError->isEmpty())
            *firstError = error;
    }
    return runs;
}

QString activeRun(const StudyFile& study, const QString& cell)
{
    return chooseActive(cellRuns(study, cell), study.activeRunChoice(cell));
}

int findGene(const std::vector<GeneRecord>& genes, const QString& text)
{
    const QString t = text.trimmed();
    if (t.isEmpty())
        return -1;
    for (std::size_t i = 0; i < genes.size(); ++i) {
        const GeneRecord& g = genes[i];
        if (g.symbol.compare(t, Qt::CaseInsensitive) == 0 ||
            g.ensemblId.compare(t, Qt::CaseInsensitive) == 0 || g.remcId == t)
            return static_cast<int>(i);
    }
    return -1;
}

SplitScores splitScores(const CellData& cell, const std::vector<float>& p, Split split)
{
    SplitScores s;
    const std::size_t n = cell.genes.size();
    if (p.size() != n || cell.labels.size() != n || cell.splits.size() != n)
        return s;
    for (std::size_t g = 0; g < n; ++g)
        if (cell.splits[g] == split) {
            s.p.push_back(p[g]);
            s.labels.push_back(cell.labels[g]);
        }
    return s;
}

std::vector<CellSummary::Entry> bestTestAurocEntries(const StudyFile& study, QString* firstError)
{
    // Each run is read once; the cells keep the order of their first run.
    QStringList cells;
    std::map<QString, std::vector<RunRecord>> byCell;
    for (const QString& id : study.runIds()) {
        RunRecord run;
        QString error;
        if (!study.readRun(id, &run, &error)) {
            if (firstError && firstError->isEmpty())
                *firstError = error;
            continue;
        }
        if (!cells.contains(run.cell))
            cells << run.cell;
        byCell[run.cell].push_back(std::move(run));
    }
    std::vector<CellSummary::Entry> entries;
    for (const QString& cell : cells) {
        const std::vector<RunRecord>& runs = byCell[cell];
        addCellEntries(cell, runs, chooseActive(runs, study.activeRunChoice(cell)), &entries);
    }
    return entries;
}

bool testAurocEntries(const StudyFile& study, const QStringList& runIds,
                      std::vector<CellSummary::Entry>* entries, QString* error)
{
    const QStringList stored = study.runIds();
    for (int i = 0; i < runIds.size(); ++i) {
        const QString& id = runIds[i];
        if (!stored.contains(id)) {
            *error = QStringLiteral("%1: no run \"%2\"").arg(study.path(), id);
            return false;
        }
        if (runIds.indexOf(id) != i) {
            *error = QStringLiteral("%1: run \"%2\" is listed twice").arg(study.path(), id);
            return false;
        }
        RunRecord run;
        if (!study.readRun(id, &run, error))
            return false;
        const auto best = run.bestMetrics();
        if (!best) {
            *error = QStringLiteral("%1: run \"%2\" has no finished epoch").arg(study.path(), id);
            return false;
        }
        entries->push_back({run.cell, modelKindKey(run.model.kind), best->testAuroc, id});
    }
    return true;
}

} // namespace ac
