#include "ImportWorker.h"

#include "data/GeneAnnotation.h"
#include "data/RemcImporter.h"
#include "store/StudyEditor.h"

#include <QElapsedTimer>

#include <exception>

namespace ac {

ImportWorker::ImportWorker(const std::atomic<bool>* cancel, QObject* parent)
    : QObject(parent), m_cancel(cancel)
{
}

void ImportWorker::run(const QString& folder, const QString& studyPath)
{
    try {
        QString error;
        GeneAnnotation annotation;
        QStringList warnings;
        if (!annotation.loadBundled(&error)) {
            // Import still works without symbols; say so rather than fail.
            warnings << error;
        }
        RemcImporter importer(annotation.isEmpty() ? nullptr : &annotation);
        // The importer ticks often; the GUI needs a few updates a second, not thousands.
        QElapsedTimer sinceEmit;
        sinceEmit.start();
        importer.setProgressCallback([this, &sinceEmit](const Progress& p) {
            if (sinceEmit.elapsed() >= 50 || p.fraction >= 1.0) {
                sinceEmit.restart();
                Q_EMIT progress(p.fraction, p.message);
            }
            return !m_cancel->load();
        });
        std::unique_ptr<StudyEditor> editor = StudyEditor::begin(studyPath, &error);
        if (!editor) {
            Q_EMIT finished(false, error, {}, warnings);
            return;
        }
        const RemcImportResult result = importer.importFolder(
            folder, {}, [&editor, this](CellData&& cell, QString* err) {
                if (m_cancel->load()) {
                    *err = QStringLiteral("cancelled");
                    return false;
                }
                Q_EMIT progress(-1, QStringLiteral("writing %1 to the study").arg(cell.name));
                return editor->writeCell(cell, err);
            });
        warnings << result.warnings;
        if (!result.ok) {
            Q_EMIT finished(false, m_cancel->load() ? QStringLiteral("cancelled") : result.error,
                            {}, warnings);
            return;
        }
        if (m_cancel->load()) {
            Q_EMIT finished(false, QStringLiteral("cancelled"), {}, warnings);
            return;
        }
        if (!editor->commit(&error)) {
            Q_EMIT finished(false, error, {}, warnings);
            return;
        }
        Q_EMIT finished(true, QStringLiteral("Imported %1 into %2")
                                  .arg(result.cells.join(QStringLiteral(", ")), studyPath),
                        result.cells, warnings);
    } catch (const std::exception& e) {
        Q_EMIT finished(false, QStringLiteral("%1: import failed: %2").arg(folder, QString::fromLocal8Bit(e.what())), {}, {});
    } catch (...) {
        Q_EMIT finished(false, QStringLiteral("%1: import failed (unknown error)").arg(folder), {}, {});
    }
}

} // namespace ac
