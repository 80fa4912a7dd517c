#include "StudyQueries.h"

#include "domain/CellData.h"
#include "store/StudyFile.h"

namespace ac
{

QString newestRunWithResults(const StudyFile& study, const QString& cell)
{
    const QStringList runs = study.runIds(cell);
    for (auto it = runs.crbegin(); it != runs.crend(); ++it) {
        RunRecord run;
        QString error;
        if (study.hasResults(*it) && study.readRun(*it, &run, &error) && run.isCurrent())
            return *it;
    }
    return {};
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
    std::vector<CellSummary::Entry> entries;
    for (const QString& id : study.runIds()) {
        RunRecord run;
        QString error;
        if (!study.readRun(id, &run, &error)) {
            if (firstError && firstError->isEmpty())
                *firstError = error;
            continue;
        }
        if (const auto best = run.bestMetrics())
            entries.push_back({run.cell, modelKindKey(run.model.kind), best->testAuroc});
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
        entries->push_back({run.cell, modelKindKey(run.model.kind), best->testAuroc});
    }
    return true;
}

} // namespace ac
