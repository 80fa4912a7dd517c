#include "ImportDialog.h"

#include "ImportController.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace ac {

namespace {
QWidget* withButton(QLineEdit* edit, QPushButton* button, QWidget* parent)
{
    auto* w = new QWidget(parent);
    auto* l = new QHBoxLayout(w);
    l->setContentsMargins(0, 0, 0, 0);
    l->addWidget(edit, 1);
    l->addWidget(button);
    return w;
}
} // namespace

ImportDialog::ImportDialog(const QString& studyPath, QWidget* parent)
    : QDialog(parent), m_controller(new ImportController(this))
{
    setWindowTitle(QStringLiteral("Import REMC folder"));
    m_folder = new QLineEdit(this);
    m_folder->setPlaceholderText(QStringLiteral("…/E123 (with classification/train.csv) or a folder of cell folders"));
    m_study = new QLineEdit(studyPath, this);
    m_study->setPlaceholderText(QStringLiteral("study file (.h5); created when it does not exist"));
    m_browseFolder = new QPushButton(QStringLiteral("Browse…"), this);
    m_browseStudy = new QPushButton(QStringLiteral("Browse…"), this);
    connect(m_browseFolder, &QPushButton::clicked, this, [this] {
        const QString d = QFileDialog::getExistingDirectory(this, QStringLiteral("REMC folder"), m_folder->text());
        if (!d.isEmpty()) m_folder->setText(d);
    });
    connect(m_browseStudy, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getSaveFileName(this, QStringLiteral("Study file"), m_study->text(),
                                                       QStringLiteral("Studies (*.h5)"), nullptr,
                                                       QFileDialog::DontConfirmOverwrite);
        if (!f.isEmpty()) m_study->setText(f);
    });

    auto* form = new QFormLayout;
    form->addRow(QStringLiteral("REMC folder"), withButton(m_folder, m_browseFolder, this));
    form->addRow(QStringLiteral("Into study"), withButton(m_study, m_browseStudy, this));

    m_bar = new QProgressBar(this);
    m_bar->setRange(0, 1000);
    m_bar->setValue(0);
    m_stage = new QLabel(QStringLiteral("Cells already in the study with the same name are replaced."), this);
    m_stage->setWordWrap(true);
    m_log = new QPlainTextEdit(this);
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(200);
    m_log->setMinimumHeight(110);

    auto* buttons = new QDialogButtonBox(this);
    m_importButton = buttons->addButton(QStringLiteral("Import"), QDialogButtonBox::AcceptRole);
    m_cancelButton = buttons->addButton(QStringLiteral("Cancel import"), QDialogButtonBox::ActionRole);
    m_closeButton = buttons->addButton(QDialogButtonBox::Close);
    connect(m_importButton, &QPushButton::clicked, this, [this] { startImport(); });
    connect(m_cancelButton, &QPushButton::clicked, this, &ImportDialog::cancelImport);
    connect(m_closeButton, &QPushButton::clicked, this, &ImportDialog::reject);

    auto* lay = new QVBoxLayout(this);
    lay->addLayout(form);
    lay->addWidget(m_bar);
    lay->addWidget(m_stage);
    lay->addWidget(m_log, 1);
    lay->addWidget(buttons);

    connect(m_controller, &ImportController::progress, this, [this](double f, const QString& msg) {
        if (f < 0) m_bar->setRange(0, 0); // busy: writing the study
        else {
            m_bar->setRange(0, 1000);
            m_bar->setValue(int(f * 1000));
        }
        m_stage->setText(msg);
    });
    connect(m_controller, &ImportController::finished, this, &ImportDialog::onFinished);
    setBusy(false);
    resize(640, 360);
}

ImportDialog::~ImportDialog() = default;

void ImportDialog::setFolder(const QString& folder) { m_folder->setText(folder); }
void ImportDialog::setStudyPath(const QString& path) { m_study->setText(path); }
bool ImportDialog::isRunning() const { return m_controller->isRunning(); }
QString ImportDialog::resultText() const { return m_stage->text(); }

bool ImportDialog::startImport()
{
    const QString folder = m_folder->text().trimmed();
    const QString study = m_study->text().trimmed();
    if (folder.isEmpty() || !QFileInfo(folder).isDir()) {
        m_stage->setText(QStringLiteral("%1: not a folder").arg(folder.isEmpty() ? QStringLiteral("REMC folder") : folder));
        return false;
    }
    if (study.isEmpty()) {
        m_stage->setText(QStringLiteral("Choose the study file to import into."));
        return false;
    }
    if (!m_controller->start(folder, study)) return false;
    m_log->appendPlainText(QStringLiteral("Importing %1 into %2").arg(folder, study));
    m_bar->setRange(0, 1000);
    m_bar->setValue(0);
    setBusy(true);
    return true;
}

void ImportDialog::cancelImport()
{
    if (!m_controller->isRunning()) return;
    m_controller->cancel();
    m_stage->setText(QStringLiteral("Cancelling…"));
}

void ImportDialog::onFinished(bool ok, const QString& message, const QStringList& cells,
                              const QStringList& warnings)
{
    setBusy(false);
    m_bar->setRange(0, 1000);
    m_bar->setValue(ok ? 1000 : 0);
    for (const QString& w : warnings.mid(0, 20)) m_log->appendPlainText(QStringLiteral("warning: ") + w);
    if (warnings.size() > 20)
        m_log->appendPlainText(QStringLiteral("… and %1 more warnings").arg(warnings.size() - 20));
    const QString text = ok ? message
                            : message == QLatin1String("cancelled")
                                ? QStringLiteral("Cancelled; the study was not changed.")
                                : QStringLiteral("Import failed; the study was not changed.\n%1").arg(message);
    m_stage->setText(text);
    m_log->appendPlainText(text);
    if (ok) Q_EMIT imported(m_study->text().trimmed(), cells);
    Q_EMIT importFinished(ok);
}

void ImportDialog::setBusy(bool busy)
{
    m_importButton->setEnabled(!busy);
    m_cancelButton->setEnabled(busy);
    m_folder->setEnabled(!busy);
    m_study->setEnabled(!busy);
    m_browseFolder->setEnabled(!busy);
    m_browseStudy->setEnabled(!busy);
}

void ImportDialog::reject()
{
    // Closing while importing cancels first; the study stays as it was.
    if (m_controller->isRunning()) m_controller->cancel();
    QDialog::reject();
}

} // namespace ac
