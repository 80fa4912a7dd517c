#pragma once

#include <QString>
#include <memory>

namespace ac
{

class ChromatinModelImpl;
class StudyFile;

/**
 * The model of a stored run with its "best" or "last" weights (`which`), for the interpretation
 * tools that differentiate it (Attributor, ClassOptimizer). Returns nullptr and sets `error`
 * (naming the study and the run) when the run or its weights are missing or do not fit its
 * variant. The caller owns the model; use it from one thread.
 */
std::shared_ptr<ChromatinModelImpl> loadRunModel(const StudyFile& study, const QString& runId,
                                                 const QString& which, QString* error);

} // namespace ac
