#pragma once

#include "domain/RunRecord.h"
#include "domain/RunResults.h"
#include "domain/WeightArray.h"

#include <QElapsedTimer>
#include <QString>

namespace ac
{

/**
 * Where a training run goes: the one place the trainer writes to the study. Each save writes the
 * run record with its best and last weights in one atomic commit (StudyEditor::apply, again on a
 * fresh copy when another import or run saved to the study meanwhile); the first one creates the
 * run in the study. A failed save leaves the study as it was and returns false with `error`.
 *
 * It also keeps the save schedule of a running training: a save copies the whole study (that is
 * what makes it atomic), so its cost grows with the study; saveDue() spaces the saves out.
 * Use from one thread (the training's).
 */
class RunSink
{
public:
    /// `holdsRun`: the study holds this run already (a resumed run).
    RunSink(const QString& studyPath, bool holdsRun);

    /// True once the study holds this run (resumed, or saved once here).
    bool holdsRun() const { return m_holdsRun; }

    /// Whether a running training should save after this epoch: its first epoch (the run shows
    /// up at once), then once at least 30 s, or 20 times the last save's duration, has passed
    /// since the last save.
    bool saveDue(bool firstEpoch) const;

    /// Saves the run as it is after an epoch (and times the save for saveDue()).
    bool saveEpoch(const RunRecord& run, const Weights& best, const Weights& last, QString* error);
    /// Saves the final run with the cached p, α and β of its best weights, in one commit.
    bool saveFinal(const RunRecord& run, const Weights& best, const Weights& last,
                   const RunResults& results, QString* error);
    /// Saves the run's new status (e.g. "failed") with the weights it has.
    bool saveStatus(const RunRecord& run, const Weights& best, const Weights& last, QString* error);

private:
    bool store(const RunRecord& run, const Weights& best, const Weights& last,
               const RunResults* results, QString* error);

    QString m_path;
    bool m_holdsRun;
    QElapsedTimer m_sinceSave; ///< since the end of the last saveEpoch()
    qint64 m_lastSaveMs = 0;   ///< how long the last saveEpoch() took
};

} // namespace ac
