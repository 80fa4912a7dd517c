#include "JobDialog.h"

#include "JobController.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace ac
{

namespace
{
constexpr int kShownWarnings = 20;
}

JobDialog::JobDialog(const QString& title, const QString& actionLabel, QWidget* parent)
    : QDialog(parent), m_controller(new JobController(this)), m_actionLabel(actionLabel)
{
    setWindowTitle(title);
    m_inputs = new QWidget(this);
    m_form = new QFormLayout(m_inputs);
    m_form->setContentsMargins(0, 0, 0, 0);

    m_bar = new QProgressBar(this);
    m_bar->setRange(0, 1000);
    m_bar->setValue(0);
    m_stage = new QLabel(this);
    m_stage->setWordWrap(true);
    m_stage->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_log = new QPlainTextEdit(this);
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(200);
    m_log->setMinimumHeight(110);

    auto* buttons = new QDialogButtonBox(this);
    m_actionButton = buttons->addButton(actionLabel, QDialogButtonBox::AcceptRole);
    m_actionButton->setDefault(true); // Return in a field starts the job
    m_cancelButton = buttons->addButton(QStringLiteral("Cancel %1").arg(actionLabel.toLower()),
                                        QDialogButtonBox::ActionRole);
    QPushButton* close = buttons->addButton(QDialogButtonBox::Close);
    connect(m_cancelButton, &QPushButton::clicked, this, &JobDialog::cancelJob);
    connect(close, &QPushButton::clicked, this, &JobDialog::reject);

    auto* lay = new QVBoxLayout(this);
    lay->addWidget(m_inputs);
    lay->addWidget(m_bar);
    lay->addWidget(m_stage);
    lay->addWidget(m_log, 1);
    lay->addWidget(buttons);

    connect(m_controller, &JobController::progress, this, [this](double f, const QString& msg) {
        if (f < 0) {
            m_bar->setRange(0, 0); // busy, e.g. writing the study
        } else {
            m_bar->setRange(0, 1000);
            m_bar->setValue(int(f * 1000));
        }
        m_stage->setText(msg);
    });
    connect(m_controller, &JobController::finished, this, &JobDialog::onFinished);
    setBusy(false);
    resize(640, 360);
}

JobDialog::~JobDialog() = default;

bool JobDialog::isRunning() const
{
    return m_controller->isRunning();
}
QString JobDialog::resultText() const
{
    return m_stage->text();
}
QString JobDialog::logText() const
{
    return m_log->toPlainText();
}
void JobDialog::setStageText(const QString& text)
{
    m_stage->setText(text);
}
void JobDialog::jobSucceeded(const JobResult&) {}

bool JobDialog::runJob(const QString& logLine, const QString& errorContext, const Job& job)
{
    if (!m_controller->start(errorContext, job))
        return false;
    m_log->appendPlainText(logLine);
    m_bar->setRange(0, 1000);
    m_bar->setValue(0);
    setBusy(true);
    return true;
}

void JobDialog::cancelJob()
{
    if (!m_controller->isRunning())
        return;
    m_controller->cancel();
    m_stage->setText(QStringLiteral("Cancelling…"));
}

void JobDialog::onFinished(const JobResult& result)
{
    setBusy(false);
    m_bar->setRange(0, 1000);
    m_bar->setValue(result.ok ? 1000 : 0);
    for (const QString& w : result.warnings.mid(0, kShownWarnings))
        m_log->appendPlainText(QStringLiteral("warning: ") + w);
    if (result.warnings.size() > kShownWarnings)
        m_log->appendPlainText(
            QStringLiteral("… and %1 more warnings").arg(result.warnings.size() - kShownWarnings));
    const QString text = result.ok ? result.message
                         : result.cancelled
                             ? QStringLiteral("Cancelled; the study was not changed.")
                             : QStringLiteral("%1 failed; the study was not changed.\n%2")
                                   .arg(m_actionLabel, result.message);
    m_stage->setText(text);
    m_log->appendPlainText(text);
    if (result.ok)
        jobSucceeded(result);
    Q_EMIT jobFinished(result.ok);
}

void JobDialog::setBusy(bool busy)
{
    m_inputs->setEnabled(!busy);
    m_actionButton->setEnabled(!busy);
    m_cancelButton->setEnabled(busy);
}

void JobDialog::reject()
{
    // Closing while a job runs cancels it; the study stays as it was.
    if (m_controller->isRunning())
        m_controller->cancel();
    QDialog::reject();
}

} // namespace ac
