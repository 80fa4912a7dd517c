#pragma once

#include "domain/ArrayBundle.h"
#include "domain/CellData.h"
#include "domain/RunRecord.h"
#include "domain/RunResults.h"
#include "domain/TrackData.h"
#include "domain/WeightArray.h"

#include <QString>
#include <functional>
#include <memory>

namespace ac
{

/**
 * An atomic change to a study.
 *
 * A study in one file: begin() copies the study (or starts an empty one when `path` does not
 * exist) to a temporary file beside it; every write goes to that copy; commit() flushes, fsyncs
 * and renames it over `path`. A unpacked study (an index and its parts): begin() copies only the
 * index; a write copies the part of the cell type or run it changes (or starts a new one), and
 * commit() fsyncs those parts and renames a new index over `path` (StudyIndexChanges), so a
 * change costs what it writes, not the study's size. Destroying an editor without commit()
 * removes what it wrote: the study is then byte-for-byte what it was. Owns its temporary files.
 * Use from one thread. Each write returns false and sets `error` (naming the study and the
 * object) on failure.
 *
 * Concurrent editors of one study (other threads or processes, e.g. an import while training
 * saves an epoch) never lose each other's changes: begin()'s copy and commit()'s rename hold the
 * lock file `<study>.lock` (StudyLock). In one file, commit() refuses (`conflict` set, study
 * untouched) when another editor committed since this one began; in an unpacked study only when
 * another editor changed the same cell type or run, so trainings of different cells do not wait
 * for each other. apply() retries such a change from a fresh copy. Under the lock, begin() also
 * removes the temporary copies of writers that were killed (StudyTempFiles). A folder that cannot
 * be written fails at once, changing nothing; so does a missing one ("<folder>: no such folder"):
 * begin() never creates the study's folder.
 *
 * For the crash-safety test only, the environment variable AC_TEST_PAUSE_AT (a comma-separated
 * list of begin, copied, writing, locked, renamed) makes the process stop itself (SIGSTOP) at
 * those points of a change.
 */
class StudyEditor
{
public:
    /// How a new study is stored (README "Study file"); a study that exists keeps its form.
    enum class Form {
        Unpacked, ///< an index file and a folder of parts beside it: changes cost what they write
        Packed,   ///< one file (what `pack` writes): every change copies the whole study
    };

    /// Starts a change of `path`; nullptr and `error` when it is not a study this program reads,
    /// its folder is missing or not writable, or it is locked for longer than a minute. A study
    /// that does not exist yet is created in `form` by commit().
    static std::unique_ptr<StudyEditor> begin(const QString& path, QString* error,
                                              Form form = Form::Unpacked);
    ~StudyEditor();

    /// Adds or replaces the cell `cell.name`, with its X, labels, splits and genes, and the digest
    /// of that data (StudyFile::cellDigest) that tells the runs of an earlier import as stale.
    bool writeCell(const CellData& cell, QString* error);
    bool removeCell(const QString& cell, QString* error);
    /// Adds or replaces track `track.name` of `cell`; the gene count must match the cell's.
    bool writeTrack(const QString& cell, const TrackData& track, QString* error);
    /// Adds or replaces a run with its best and last weights (either may be empty), its
    /// `cellDigest` and this process as its writer (how an interrupted run is recognised).
    bool writeRun(const RunRecord& run, const Weights& best, const Weights& last, QString* error);
    bool writeResults(const QString& runId, const RunResults& results, QString* error);
    /// Removes a run with its weights, results and validations; when it was its cell's active
    /// run, the choice is cleared (the cell falls back to ac::defaultRun()).
    bool removeRun(const QString& runId, QString* error);
    /// Makes `runId` the active run of its cell (shown by default in the GUI, used by the CLI
    /// without --run); an empty `runId` clears the choice of `cell`. Fails when the run is not a
    /// run of `cell`.
    bool setActiveRun(const QString& cell, const QString& runId, QString* error);
    /// Sets the user's name of a run (empty: the id names it again); kept by writeRun().
    bool setRunName(const QString& runId, const QString& name, QString* error);
    /// Sets the user's note of a run (may be empty); kept by writeRun().
    bool setRunNote(const QString& runId, const QString& note, QString* error);
    /// Adds or replaces the stored validation `name` of a run (/runs/<id>/validation/<name>).
    /// writeRun() drops a run's validations with its results: they belong to its weights.
    bool writeValidation(const QString& runId, const QString& name, const ArrayBundle& arrays,
                         QString* error);

    /// Makes every write visible at `path` at once. After commit (successful or not) the editor
    /// accepts no more writes. When another editor committed to the study after this one began,
    /// nothing is written, `error` says so and `*conflict` (if given) is set.
    bool commit(QString* error, bool* conflict = nullptr);

    /// begin(), `writes`, commit(); on a conflict the whole change is made again on a fresh copy
    /// (up to `attempts` times), so `writes` must depend only on its own inputs.
    static bool apply(const QString& path,
                      const std::function<bool(StudyEditor& editor, QString* error)>& writes,
                      QString* error, int attempts = 5);

private:
    StudyEditor();
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace ac
