#include "train/RunInference.h"

#include "store/StudyEditor.h"
#include "store/StudyFile.h"
#include "train/RunPredictor.h"

namespace ac
{

bool runResults(const StudyFile& study, const QString& runId, const QString& which,
                const CellData& cell, RunResults* out, const ProgressCallback& progress,
                QString* error)
{
    if (which == QLatin1String("best") && study.hasResults(runId)) {
        RunResults cached;
        if (!study.readResults(runId, &cached, error))
            return false;
        if (cached.geneCount == cell.geneCount()) {
            *out = std::move(cached);
            return true;
        }
    }
    std::unique_ptr<RunPredictor> predictor = RunPredictor::load(study, runId, which, error);
    if (!predictor)
        return false;
    const ModelConfig& c = predictor->modelConfig();
    if (cell.binCount != c.binCount || cell.markCount != c.markCount ||
        cell.values.size() !=
            static_cast<std::size_t>(cell.geneCount()) * c.binCount * c.markCount) {
        *error = QStringLiteral("%1: cell %2 does not have the %3 bins × %4 marks run %5 expects")
                     .arg(study.path(), cell.name)
                     .arg(c.binCount)
                     .arg(c.markCount)
                     .arg(runId);
        return false;
    }
    if (!predictor->predictAll(cell, out, progress)) {
        *error = QStringLiteral("cancelled");
        return false;
    }
    return true;
}

bool cacheRunResults(const QString& studyPath, const QString& runId,
                     const ProgressCallback& progress, QString* error)
{
    RunResults results;
    {
        std::unique_ptr<StudyFile> study = StudyFile::open(studyPath, error);
        if (!study)
            return false;
        RunRecord run;
        CellData cell;
        if (!study->readRun(runId, &run, error) || !study->readCell(run.cell, &cell, error))
            return false;
        std::unique_ptr<RunPredictor> predictor =
            RunPredictor::load(*study, runId, QStringLiteral("best"), error);
        if (!predictor)
            return false;
        if (cell.binCount != run.model.binCount || cell.markCount != run.model.markCount) {
            *error = QStringLiteral("%1: cell %2 does not have the %3 bins × %4 marks run %5 "
                                    "expects")
                         .arg(studyPath, cell.name)
                         .arg(run.model.binCount)
                         .arg(run.model.markCount)
                         .arg(runId);
            return false;
        }
        if (!predictor->predictAll(cell, &results, progress)) {
            *error = QStringLiteral("cancelled");
            return false;
        }
    } // close the study before the editor replaces it
    return StudyEditor::apply(
        studyPath,
        [&](StudyEditor& editor, QString* err) { return editor.writeResults(runId, results, err); },
        error);
}

} // namespace ac
