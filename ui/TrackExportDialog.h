#pragma once

#include "JobDialog.h"

#include <QStringList>

class QComboBox;
class QLineEdit;

namespace ac
{

/**
 * "Export genome track" (issue 15): α of a mark, α summed over the marks, β-weighted α or an
 * attribution map of every gene of a run, as a bigWig or bedGraph file for IGV or the UCSC
 * browser, with exportRunTrack() in a worker thread (JobDialog: progress, Cancel, log). The
 * format follows the file's extension. The study is only read.
 *
 * GUI thread only; closing the dialog cancels a running export.
 */
class TrackExportDialog : public JobDialog
{
    Q_OBJECT
public:
    /// Exports from run `runId` (of cell `cell`, whose marks are `markNames`) of the study at
    /// `studyPath`; the file name is proposed beside the study.
    TrackExportDialog(const QString& studyPath, const QString& cell, const QString& runId,
                      const QStringList& markNames, QWidget* parent = nullptr);

    /// The TrackQuantity keys offered, in the order of the list.
    QStringList keys() const;
    /// Selects what to export by key; false when it is not offered.
    bool setKey(const QString& key);
    QString key() const;
    void setFile(const QString& path);
    QString file() const;
    /// Starts the export; false (and the reason shown) when the file is missing or its extension
    /// names no track format, or an export already runs.
    bool startExport();

private:
    QString proposedFile() const;

    QString m_studyPath;
    QString m_cell;
    QString m_runId;
    QComboBox* m_what = nullptr;
    QLineEdit* m_file = nullptr;
    bool m_fileEdited = false;
};

} // namespace ac
