#pragma once

#include "JobDialog.h"

class QLineEdit;

namespace ac
{

/**
 * File → Save a copy as one file…: writes the open study, of either form, as one
 * self-contained file to send to a colleague (StudyPacker::pack) in a worker thread, with
 * progress and Cancel. The study itself is not changed; the copy appears at once or not at all.
 *
 * GUI thread only; holds the study's path by value.
 */
class PackDialog : public JobDialog
{
    Q_OBJECT
public:
    PackDialog(const QString& studyPath, QWidget* parent);

    void setFile(const QString& path);
    QString file() const;
    /// Starts writing the copy; false (with the reason on the stage line) when it cannot start.
    bool startPack();

private:
    QString m_studyPath;
    QLineEdit* m_file;
};

} // namespace ac
