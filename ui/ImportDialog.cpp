#include "ImportDialog.h"

#include "FormRow.h"
#include "jobs/RemcImportJob.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QLineEdit>
#include <QPushButton>

namespace ac
{

namespace
{

// The REMC import job (bundled hg19 annotation) as a dialog job.
JobResult importRemcFolder(const QString& folder, const QString& studyPath,
                           const ProgressCallback& progress)
{
    RemcImportRequest request;
    request.folder = folder;
    request.studyPath = studyPath;
    const RemcImportOutcome outcome = importRemc(request, progress);
    JobResult out;
    out.ok = outcome.ok;
    out.warnings = outcome.warnings;
    if (!outcome.ok) {
        out.message = outcome.error;
        return out;
    }
    out.items = outcome.cellNames();
    out.message =
        QStringLiteral("Imported %1 into %2").arg(out.items.join(QStringLiteral(", ")), studyPath);
    return out;
}

} // namespace

ImportDialog::ImportDialog(const QString& studyPath, QWidget* parent)
    : JobDialog(QStringLiteral("Import REMC folder"), QStringLiteral("Import"), parent)
{
    m_folder = new QLineEdit(this);
    m_folder->setPlaceholderText(
        QStringLiteral("…/E123 (with classification/train.csv) or a folder of cell folders"));
    m_study = new QLineEdit(studyPath, this);
    m_study->setPlaceholderText(QStringLiteral("study file (.h5); created when it does not exist"));
    auto* browseFolder = new QPushButton(QStringLiteral("Browse…"), this);
    auto* browseStudy = new QPushButton(QStringLiteral("Browse…"), this);
    connect(browseFolder, &QPushButton::clicked, this, [this] {
        const QString d = QFileDialog::getExistingDirectory(this, QStringLiteral("REMC folder"),
                                                            m_folder->text());
        if (!d.isEmpty())
            m_folder->setText(d);
    });
    connect(browseStudy, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getSaveFileName(
            this, QStringLiteral("Study file"), m_study->text(), QStringLiteral("Studies (*.h5)"),
            nullptr, QFileDialog::DontConfirmOverwrite);
        if (!f.isEmpty())
            m_study->setText(f);
    });
    form()->addRow(QStringLiteral("REMC folder"), formRow(m_folder, browseFolder));
    form()->addRow(QStringLiteral("Into study"), formRow(m_study, browseStudy));
    setStageText(QStringLiteral("Cells already in the study with the same name are replaced."));
    connect(actionButton(), &QPushButton::clicked, this, [this] { startImport(); });
}

void ImportDialog::setFolder(const QString& folder)
{
    m_folder->setText(folder);
}
void ImportDialog::setStudyPath(const QString& path)
{
    m_study->setText(path);
}

bool ImportDialog::startImport()
{
    const QString folder = m_folder->text().trimmed();
    const QString study = m_study->text().trimmed();
    if (folder.isEmpty() || !QFileInfo(folder).isDir()) {
        setStageText(QStringLiteral("%1: not a folder")
                         .arg(folder.isEmpty() ? QStringLiteral("REMC folder") : folder));
        return false;
    }
    if (study.isEmpty()) {
        setStageText(QStringLiteral("Choose the study file to import into."));
        return false;
    }
    if (!runJob(QStringLiteral("Importing %1 into %2").arg(folder, study),
                QStringLiteral("%1: import").arg(folder),
                [folder, study](const ProgressCallback& progress) {
                    return importRemcFolder(folder, study, progress);
                }))
        return false;
    m_runningStudy = study;
    return true;
}

void ImportDialog::jobSucceeded(const JobResult& result)
{
    Q_EMIT imported(m_runningStudy, result.items);
}

} // namespace ac
