#include "interpret/RunModel.h"

#include "model/ChromatinModel.h"
#include "model/ModelFactory.h"
#include "model/ModelWeights.h"
#include "store/StudyFile.h"

namespace ac
{

std::shared_ptr<ChromatinModelImpl> loadRunModel(const StudyFile& study, const QString& runId,
                                                 const QString& which, QString* error)
{
    RunRecord run;
    Weights weights;
    if (!study.readRun(runId, &run, error) || !study.readWeights(runId, which, &weights, error))
        return nullptr;
    if (weights.empty()) {
        *error = QStringLiteral("%1: run %2 has no %3 weights").arg(study.path(), runId, which);
        return nullptr;
    }
    std::shared_ptr<ChromatinModelImpl> model = makeModel(run.model);
    QString importError;
    if (!importWeights(*model, weights, &importError)) {
        *error = QStringLiteral("%1: run %2, %3 weights: %4")
                     .arg(study.path(), runId, which, importError);
        return nullptr;
    }
    return model;
}

} // namespace ac
