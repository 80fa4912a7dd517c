#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

#include <atomic>

namespace ac {

/**
 * Imports a REMC classification folder into a study; lives in the ImportController's thread.
 *
 * run() reads the folder with RemcImporter (bundled hg19 annotation) and writes every cell
 * through one StudyEditor, so the study changes only when everything was read (atomic); a cancel
 * or an error leaves it byte-for-byte as it was. Progress, results and errors leave by signal as
 * plain values. The cancel flag is owned by the controller and outlives the worker's slot.
 */
class ImportWorker : public QObject {
    Q_OBJECT
public:
    explicit ImportWorker(const std::atomic<bool>* cancel, QObject* parent = nullptr);

public Q_SLOTS:
    /// Imports `folder` (a cell folder or a folder of cell folders) into `studyPath`.
    void run(const QString& folder, const QString& studyPath);

Q_SIGNALS:
    void progress(double fraction, const QString& message);
    /// `ok` false: `message` is the error ("cancelled" after Cancel). `warnings` are the
    /// importer's accepted oddities.
    void finished(bool ok, const QString& message, const QStringList& cells,
                  const QStringList& warnings);

private:
    const std::atomic<bool>* m_cancel;
};

} // namespace ac
