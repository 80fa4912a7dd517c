#include "RunActions.h"

#include "RunPropertiesDialog.h"
#include "TrainingView.h"
#include "session/StudySession.h"
#include "store/StudyEditor.h"
#include "store/StudyFile.h"

#include <QInputDialog>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QWidget>

namespace ac
{

RunActions::RunActions(QWidget* window, StudySession* session, TrainingView* training)
    : QObject(window), m_window(window), m_session(session), m_training(training)
{
}

bool RunActions::canResume(const RunRecord& run)
{
    const bool stopped =
        run.status == QLatin1String("cancelled") || run.status == QLatin1String("running");
    return stopped && !run.epochs.empty() && int(run.epochs.size()) < run.train.epochs;
}

bool RunActions::readRun(const QString& runId, RunRecord* out, QString* error) const
{
    if (!m_session->isOpen()) {
        *error = QStringLiteral("No study is open.");
        return false;
    }
    return m_session->study()->readRun(runId, out, error);
}

QMenu* RunActions::createMenu(const QString& runId, QWidget* parent)
{
    auto* menu = new QMenu(parent);
    RunRecord run;
    QString error;
    if (!readRun(runId, &run, &error)) {
        menu->addAction(error)->setEnabled(false);
        return menu;
    }
    const bool active = m_session->activeRun(run.cell) == run.id;
    const bool training = m_training->isRunning();
    const auto add = [this, menu](const QString& text, bool enabled, auto&& triggered) {
        QAction* a = menu->addAction(text);
        a->setEnabled(enabled);
        connect(a, &QAction::triggered, this, triggered);
        return a;
    };
    add(active ? QStringLiteral("Active run of %1").arg(run.cell) : QStringLiteral("Make active"),
        !active,
        [this, runId] {
            QString e;
            report(makeActive(runId, &e), e);
        })
        ->setToolTip(QStringLiteral("Show this run by default for %1 (also on the command line "
                                    "when no run is named)")
                         .arg(run.cell));
    add(QStringLiteral("Rename…"), true, [this, run] { askRename(run); });
    add(QStringLiteral("Edit note…"), true, [this, run] { askNote(run); });
    add(QStringLiteral("Properties and hyper-parameters…"), true, [this, run, active] {
        RunPropertiesDialog dialog(run, active, m_window);
        dialog.exec();
    });
    add(QStringLiteral("Resume training"), canResume(run) && !training, [this, runId] {
        QString e;
        report(resume(runId, &e), e);
    });
    menu->addSeparator();
    add(QStringLiteral("Delete…"), !training, [this, run] { askDelete(run); });
    menu->setToolTipsVisible(true);
    return menu;
}

void RunActions::showMenu(const QString& runId, const QPoint& globalPos)
{
    QMenu* menu = createMenu(runId, m_window);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->popup(globalPos);
}

void RunActions::report(bool ok, const QString& error)
{
    if (!ok && !error.isEmpty())
        QMessageBox::warning(m_window, QStringLiteral("Run"), error);
}

bool RunActions::edit(const QString& runId, const QString& showRun, const QString& done,
                      const std::function<bool(StudyEditor&, const RunRecord&, QString*)>& change,
                      QString* error)
{
    RunRecord run;
    if (!readRun(runId, &run, error))
        return false;
    const bool ok = StudyEditor::apply(
        m_session->path(),
        [&](StudyEditor& editor, QString* err) { return change(editor, run, err); }, error);
    if (!ok)
        return false;
    Q_EMIT studyChanged(showRun);
    Q_EMIT statusMessage(done, 8000);
    return true;
}

bool RunActions::makeActive(const QString& runId, QString* error)
{
    return edit(
        runId, runId, QStringLiteral("Run %1 is now the active run").arg(runId),
        [](StudyEditor& e, const RunRecord& run, QString* err) {
            return e.setActiveRun(run.cell, run.id, err);
        },
        error);
}

bool RunActions::rename(const QString& runId, const QString& name, QString* error)
{
    return edit(
        runId, QString(), QStringLiteral("Run %1 renamed").arg(runId),
        [name](StudyEditor& e, const RunRecord& run, QString* err) {
            return e.setRunName(run.id, name, err);
        },
        error);
}

bool RunActions::setNote(const QString& runId, const QString& note, QString* error)
{
    return edit(
        runId, QString(), QStringLiteral("Note of run %1 saved").arg(runId),
        [note](StudyEditor& e, const RunRecord& run, QString* err) {
            return e.setRunNote(run.id, note, err);
        },
        error);
}

bool RunActions::remove(const QString& runId, QString* error)
{
    if (m_training->isRunning()) {
        *error =
            QStringLiteral("A training is running: delete run %1 when it has ended.").arg(runId);
        return false;
    }
    return edit(
        runId, QString(), QStringLiteral("Run %1 deleted").arg(runId),
        [](StudyEditor& e, const RunRecord& run, QString* err) { return e.removeRun(run.id, err); },
        error);
}

bool RunActions::resume(const QString& runId, QString* error)
{
    RunRecord run;
    if (!readRun(runId, &run, error))
        return false;
    if (!canResume(run)) {
        *error = QStringLiteral("Run %1 (%2, %3 of %4 epochs) cannot be resumed: only a cancelled "
                                "or interrupted run with a finished epoch can.")
                     .arg(runId, run.status)
                     .arg(run.epochs.size())
                     .arg(run.train.epochs);
        return false;
    }
    if (!m_training->resumeRun(run)) {
        *error = m_training->statusText();
        return false;
    }
    Q_EMIT statusMessage(QStringLiteral("Resuming run %1 (Training tab)").arg(runId), 8000);
    return true;
}

bool RunActions::confirmQuit(bool validationRunning)
{
    const bool training = m_training->isRunning();
    if (!training && !validationRunning)
        return true;
    QStringList text;
    if (training)
        text << QStringLiteral("A training is running. Quitting stops it after the current "
                               "batch: the run keeps its finished epochs with status "
                               "\"cancelled\", and you can continue it later (right-click the "
                               "run in the study tree → Resume training).");
    if (validationRunning)
        text << QStringLiteral("A validation is running; quitting loses what it has computed.");
    QMessageBox box(QMessageBox::Question, QStringLiteral("Quit"),
                    text.join(QStringLiteral("\n\n")), QMessageBox::NoButton, m_window);
    QPushButton* quit = box.addButton(QStringLiteral("Quit"), QMessageBox::DestructiveRole);
    QPushButton* stay = box.addButton(QStringLiteral("Keep working"), QMessageBox::RejectRole);
    box.setDefaultButton(stay);
    box.setObjectName(QStringLiteral("confirmQuit"));
    box.exec();
    if (box.clickedButton() != quit)
        return false;
    m_training->cancelTraining();
    return true;
}

void RunActions::askRename(const RunRecord& run)
{
    bool ok = false;
    const QString name =
        QInputDialog::getText(m_window, QStringLiteral("Rename run"),
                              QStringLiteral("Name of run %1 (empty: its id):").arg(run.id),
                              QLineEdit::Normal, run.name, &ok);
    QString error;
    if (ok)
        report(rename(run.id, name, &error), error);
}

void RunActions::askNote(const RunRecord& run)
{
    bool ok = false;
    const QString note = QInputDialog::getMultiLineText(
        m_window, QStringLiteral("Note"), QStringLiteral("Note on run %1:").arg(run.displayName()),
        run.note, &ok);
    QString error;
    if (ok)
        report(setNote(run.id, note, &error), error);
}

void RunActions::askDelete(const RunRecord& run)
{
    const bool active = m_session->activeRun(run.cell) == run.id;
    const QString text =
        QStringLiteral("Delete run %1 of %2 (%3, %4 epochs) with its weights, cached results and "
                       "stored validations? This cannot be undone.%5")
            .arg(run.displayName(), run.cell, run.status)
            .arg(run.epochs.size())
            .arg(active ? QStringLiteral("\n\nIt is the active run of %1: the best complete run "
                                         "by validation AUROC becomes active instead.")
                              .arg(run.cell)
                        : QString());
    if (QMessageBox::question(m_window, QStringLiteral("Delete run"), text,
                              QMessageBox::Yes | QMessageBox::Cancel,
                              QMessageBox::Cancel) != QMessageBox::Yes)
        return;
    QString error;
    report(remove(run.id, &error), error);
}

} // namespace ac
