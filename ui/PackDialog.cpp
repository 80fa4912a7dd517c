#include "PackDialog.h"

#include "FormRow.h"
#include "store/StudyPacker.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>

namespace ac
{

PackDialog::PackDialog(const QString& studyPath, QWidget* parent)
    : JobDialog(QStringLiteral("Save a copy as one file"), QStringLiteral("Save"), parent),
      m_studyPath(studyPath), m_file(new QLineEdit(this))
{
    const QFileInfo info(studyPath);
    m_file->setText(
        info.absoluteDir().filePath(info.completeBaseName() + QStringLiteral("-packed.h5")));
    auto* browse = new QPushButton(QStringLiteral("Browse…"), this);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getSaveFileName(this, QStringLiteral("Save a copy as"),
                                                       file(), QStringLiteral("Study (*.h5)"));
        if (!f.isEmpty())
            setFile(f);
    });
    form()->addRow(QStringLiteral("Study"),
                   new QLabel(QDir::toNativeSeparators(info.absoluteFilePath()), this));
    form()->addRow(QStringLiteral("Copy"), formRow(m_file, browse));
    connect(actionButton(), &QPushButton::clicked, this, [this] { startPack(); });
    setStageText(QStringLiteral("One HDF5 file with every cell type, track, run, result and "
                                "validation of the study, for a colleague or an archive (it "
                                "opens in AttentiveChrome Studio, h5py and h5dump)."));
}

void PackDialog::setFile(const QString& path)
{
    m_file->setText(path);
}

QString PackDialog::file() const
{
    return m_file->text().trimmed();
}

bool PackDialog::startPack()
{
    const QString out = file();
    if (out.isEmpty()) {
        setStageText(QStringLiteral("Choose the file to write."));
        return false;
    }
    const QString study = m_studyPath;
    return runJob(
        QStringLiteral("Writing %1 as one file: %2").arg(study, out),
        QStringLiteral("%1: save a copy").arg(QFileInfo(out).fileName()),
        [study, out](const ProgressCallback& progress) {
            JobResult r;
            r.ok = StudyPacker::pack(study, out, &r.message, [&progress](int done, int total) {
                return progress(Progress{
                    double(done) / std::max(total, 1),
                    QStringLiteral("copied %1 of %2 cell types and runs").arg(done).arg(total)});
            });
            if (r.ok)
                r.message = QStringLiteral("Wrote %1 (%2).")
                                .arg(QDir::toNativeSeparators(out),
                                     QLocale().formattedDataSize(QFileInfo(out).size()));
            return r;
        });
}

} // namespace ac
