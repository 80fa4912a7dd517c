#pragma once

#include "Job.h"

#include <QDialog>

class QFormLayout;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QWidget;

namespace ac
{

class JobController;

/**
 * Base of the dialogs that change a study in the background (Import REMC folder, Import track):
 * a form the subclass fills, then a progress bar, a stage line, a log, and the action, Cancel
 * and Close buttons. The job runs in a JobController thread; while it runs the form is disabled.
 * The log gets the warnings and the outcome; a failure or cancel says the study was not changed
 * (jobs change studies atomically). Closing the dialog cancels a running job.
 *
 * GUI thread only; owns its controller.
 */
class JobDialog : public QDialog
{
    Q_OBJECT
public:
    ~JobDialog() override;

    bool isRunning() const;
    /// Asks the running job to stop (the outcome follows as a cancel, or as done if it was).
    void cancelJob();
    /// The last outcome or refusal shown (error, summary or why the job cannot start).
    QString resultText() const;
    /// Everything the log shows.
    QString logText() const;

Q_SIGNALS:
    /// Emitted after every job (success, error or cancel).
    void jobFinished(bool ok);

protected:
    /// `actionLabel` names the action button and failures ("Import" → "Import failed; …").
    JobDialog(const QString& title, const QString& actionLabel, QWidget* parent);

    QFormLayout* form() const { return m_form; }
    QPushButton* actionButton() const { return m_actionButton; }
    /// Shows `text` on the stage line (a hint, or why the job cannot start).
    void setStageText(const QString& text);
    /// Starts `job`, writing `logLine` to the log; false when one already runs.
    bool runJob(const QString& logLine, const QString& errorContext, const Job& job);
    /// Called on the GUI thread after a successful job, before jobFinished().
    virtual void jobSucceeded(const JobResult& result);

    void reject() override;

private:
    void onFinished(const JobResult& result);
    void setBusy(bool busy);

    JobController* m_controller = nullptr;
    QString m_actionLabel;
    QWidget* m_inputs = nullptr;
    QFormLayout* m_form = nullptr;
    QProgressBar* m_bar = nullptr;
    QLabel* m_stage = nullptr;
    QPlainTextEdit* m_log = nullptr;
    QPushButton* m_actionButton = nullptr;
    QPushButton* m_cancelButton = nullptr;
};

} // namespace ac
