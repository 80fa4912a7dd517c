#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;

namespace ac {

class ImportController;

/**
 * "Import REMC folder": picks a REMC folder (one cell folder or a folder of them) and the study to
 * add it to, then imports in a worker thread (ImportController) with progress and Cancel. The
 * study is changed atomically; on success imported() is emitted and the dialog stays open showing
 * the summary. Errors (bad CSV line, unwritable study) appear in the dialog, never as a crash.
 * GUI thread only; owns its controller (closing the dialog cancels a running import).
 */
class ImportDialog : public QDialog {
    Q_OBJECT
public:
    explicit ImportDialog(const QString& studyPath, QWidget* parent = nullptr);
    ~ImportDialog() override;

    void setFolder(const QString& folder);
    void setStudyPath(const QString& path);
    /// Starts the import with the fields' values; false (and the reason shown) when they are
    /// incomplete or an import already runs.
    bool startImport();
    void cancelImport();
    bool isRunning() const;
    /// The last outcome text shown (error or summary).
    QString resultText() const;

Q_SIGNALS:
    void imported(const QString& studyPath, const QStringList& cells);
    /// Emitted after every import attempt (success, error or cancel).
    void importFinished(bool ok);

protected:
    void reject() override;

private:
    void onFinished(bool ok, const QString& message, const QStringList& cells,
                    const QStringList& warnings);
    void setBusy(bool busy);

    ImportController* m_controller = nullptr;
    QLineEdit* m_folder = nullptr;
    QLineEdit* m_study = nullptr;
    QProgressBar* m_bar = nullptr;
    QLabel* m_stage = nullptr;
    QPlainTextEdit* m_log = nullptr;
    QPushButton* m_importButton = nullptr;
    QPushButton* m_cancelButton = nullptr;
    QPushButton* m_closeButton = nullptr;
    QPushButton* m_browseFolder = nullptr;
    QPushButton* m_browseStudy = nullptr;
};

} // namespace ac
