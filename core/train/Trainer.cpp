#include "train/Trainer.h"

#include "train/TrainingRun.h"

#include <exception>

namespace ac
{

TrainOutcome trainModel(const TrainRequest& request, const TrainCallback& progress)
{
    // LibTorch reports what it cannot compute (e.g. a step that overflows float) by throwing;
    // every write before it was atomic, so the study holds the last stored epoch at most.
    try {
        return TrainingRun(request, progress).execute();
    } catch (const std::exception& e) {
        TrainOutcome outcome;
        outcome.error = QStringLiteral("%1: training failed: %2")
                            .arg(request.studyPath,
                                 QString::fromLocal8Bit(e.what()).section(QLatin1Char('\n'), 0, 0));
        return outcome;
    }
}

} // namespace ac
