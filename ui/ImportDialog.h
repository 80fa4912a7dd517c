#pragma once

#include "JobDialog.h"

class QLineEdit;

namespace ac
{

/**
 * "Import REMC folder": picks a REMC folder (one cell folder or a folder of them) and the study to
 * add it to, then imports in a worker thread (JobDialog) with progress and Cancel. The study is
 * changed atomically; on success imported() is emitted and the dialog stays open showing the
 * summary. Errors (bad CSV line, unwritable study) appear in the dialog, never as a crash.
 * GUI thread only; closing the dialog cancels a running import.
 */
class ImportDialog : public JobDialog
{
    Q_OBJECT
public:
    explicit ImportDialog(const QString& studyPath, QWidget* parent = nullptr);

    void setFolder(const QString& folder);
    void setStudyPath(const QString& path);
    /// Starts the import with the fields' values; false (and the reason shown) when they are
    /// incomplete or an import already runs.
    bool startImport();

Q_SIGNALS:
    void imported(const QString& studyPath, const QStringList& cells);

protected:
    void jobSucceeded(const JobResult& result) override;

private:
    QLineEdit* m_folder = nullptr;
    QLineEdit* m_study = nullptr;
    QString m_runningStudy;
};

} // namespace ac
