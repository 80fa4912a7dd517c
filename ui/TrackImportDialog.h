#pragma once

#include "JobDialog.h"
#include "jobs/TrackImportJob.h"

#include <QHash>
#include <QStringList>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace ac
{

/**
 * "Import track": adds a validation track (e.g. H3K27ac) from a bedGraph, bigWig or binned CSV
 * file to one cell type of a study, with importTrack() in a worker thread (JobDialog: progress,
 * Cancel, log). The format follows the file's extension unless the user picks another; the
 * genome assembly is the one the study records for the cell (hg19 when it records none, said
 * beside it) unless the user picks another; gene loci are those stored with the cell, completed
 * from the bundled table of the assembly, or a table the user gives. The study changes atomically
 * (a track of the same name is replaced); on success trackImported() is emitted and the dialog
 * stays open showing the summary; an error names the file and line and leaves the study as it was.
 *
 * Reads the study's cells and track names once, when constructed. GUI thread only; closing the
 * dialog cancels a running import.
 */
class TrackImportDialog : public JobDialog
{
    Q_OBJECT
public:
    /// `currentCell` is preselected when the study has it.
    TrackImportDialog(const QString& studyPath, const QString& currentCell,
                      QWidget* parent = nullptr);

    /// Selects a cell type of the study; false when it has none of that name.
    bool setCell(const QString& cell);
    /// Sets the track file; the format follows its extension when that names one.
    void setFile(const QString& path);
    void setFormat(TrackFormat format);
    void setTrackName(const QString& name);
    /// Gene table (TSV); empty: the loci stored with the cell, completed from the bundled table.
    void setAnnotationPath(const QString& path);
    /// Genome assembly of the file ("hg19", "hg38"); false when unknown. Choosing a cell selects
    /// the assembly the study records for it (hg19 when none, said in the hint).
    bool setAssembly(const QString& assembly);
    /// What the dialog says beside the assembly (recorded, assumed, or differing from the cell's).
    QString assemblyHint() const;
    /// The import the fields describe.
    TrackImportRequest request() const;
    /// Starts the import; false (and the reason shown) when a field is missing or wrong, the
    /// study could not be read, or an import already runs.
    bool startImport();

Q_SIGNALS:
    void trackImported(const QString& studyPath, const QString& cell, const QString& track);

protected:
    void jobSucceeded(const JobResult& result) override;

private:
    void onFileEdited(const QString& path);
    void updateHints();
    void selectCellAssembly();
    QWidget* buildAssemblyRow();

    QString m_studyPath;
    QString m_studyError;                 ///< why the study could not be read, if it could not
    QHash<QString, QStringList> m_tracks; ///< track names of every cell
    QHash<QString, QString> m_assemblies; ///< the assembly each cell records ("" when none)
    TrackImportRequest m_running;
    QComboBox* m_cell = nullptr;
    QLineEdit* m_file = nullptr;
    QComboBox* m_format = nullptr;
    QLabel* m_formatHint = nullptr;
    QLineEdit* m_name = nullptr;
    QLabel* m_nameHint = nullptr;
    QComboBox* m_assembly = nullptr;
    QLabel* m_assemblyHint = nullptr;
    QLineEdit* m_annotation = nullptr;
    QPushButton* m_browseAnnotation = nullptr;
};

} // namespace ac
