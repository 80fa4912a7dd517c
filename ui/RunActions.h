#pragma once

#include "domain/RunRecord.h"

#include <QObject>
#include <QString>

#include <functional>

class QMenu;
class QPoint;
class QWidget;

namespace ac
{

class StudyEditor;
class StudySession;
class TrainingView;

/**
 * What the study tree's run menu does (issue 14, items 1, 3 and 4): make a run its cell's active
 * run, rename it, edit its note, show its properties and hyper-parameters (RunPropertiesDialog),
 * resume a cancelled or interrupted training (TrainingView::resumeRun), and delete it after a
 * confirmation. Every change is one atomic StudyEditor::apply on the open study; afterwards
 * studyChanged() asks the window to reload it.
 *
 * The dialogs are in showMenu()'s handlers; the changes themselves (makeActive(), rename(),
 * setNote(), remove(), resume()) take their input as arguments, return false with `error`
 * (naming the study and the run) and change nothing on failure.
 *
 * GUI thread only. Does not own the session, the training view or the window (all outlive it).
 */
class RunActions : public QObject
{
    Q_OBJECT
public:
    RunActions(QWidget* window, StudySession* session, TrainingView* training);

    /// The menu for run `runId` (caller owns it): Make active, Rename…, Edit note…,
    /// Properties…, Resume training, Delete…; each enabled when it applies.
    QMenu* createMenu(const QString& runId, QWidget* parent);
    /// Pops createMenu() at `globalPos`.
    void showMenu(const QString& runId, const QPoint& globalPos);

    bool makeActive(const QString& runId, QString* error);
    /// An empty `name` gives the run its id back as name.
    bool rename(const QString& runId, const QString& name, QString* error);
    bool setNote(const QString& runId, const QString& note, QString* error);
    /// Deletes the run (weights, results, validations). When it was the active run, its cell
    /// falls back to the rule (the best complete run by validation AUROC).
    bool remove(const QString& runId, QString* error);
    /// Starts resuming the run in the training tab; false while a training runs or when the run
    /// cannot be resumed (canResume()).
    bool resume(const QString& runId, QString* error);
    /// Cancelled or interrupted ("running" in the study: the program was killed) with at least
    /// one finished epoch and fewer than planned.
    static bool canResume(const RunRecord& run);
    /// Asked before the window closes: true at once when no training runs (and
    /// `validationRunning` is false), else after the user agreed to stop it (the training is then
    /// cancelled; its run keeps its finished epochs as "cancelled" and can be resumed).
    bool confirmQuit(bool validationRunning);

Q_SIGNALS:
    /// The study file changed: reload it and show `showRun` (empty: keep the shown run).
    void studyChanged(const QString& showRun);
    void statusMessage(const QString& text, int timeoutMs);

private:
    bool readRun(const QString& runId, RunRecord* out, QString* error) const;
    bool edit(const QString& runId, const QString& showRun, const QString& done,
              const std::function<bool(StudyEditor&, const RunRecord&, QString*)>& change,
              QString* error);
    void report(bool ok, const QString& error);
    void askRename(const RunRecord& run);
    void askNote(const RunRecord& run);
    void askDelete(const RunRecord& run);

    QWidget* m_window;
    StudySession* m_session;
    TrainingView* m_training;
};

} // namespace ac
