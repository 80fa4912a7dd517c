#include "jobs/RemcImportJob.h"

#include "data/GeneAnnotation.h"
#include "data/RemcImporter.h"
#include "domain/GenomeAssembly.h"
#include "store/StudyEditor.h"
#include "store/StudyFile.h"

#include <QElapsedTimer>
#include <QFileInfo>

#include <memory>

namespace ac
{

namespace
{

/// The user's table (which must load), or the bundled one (whose failure is only a warning).
bool loadAnnotation(const RemcImportRequest& request, GeneAnnotation* annotation,
                    RemcImportOutcome* out)
{
    if (!GenomeAssembly::isKnown(request.assembly)) {
        out->error = QStringLiteral("unknown genome assembly '%1' (known: %2)")
                         .arg(request.assembly, GenomeAssembly::names().join(QLatin1String(", ")));
        return false;
    }
    if (!request.annotationPath.isEmpty())
        return annotation->loadFile(request.annotationPath, &out->error);
    QString error;
    if (!annotation->loadBundled(&error, request.assembly))
        out->warnings << error; // import still works without symbols; say so rather than fail
    return true;
}

/// The cells a study has now; none when it does not exist (or cannot be read: begin() says why).
QStringList existingCells(const QString& studyPath)
{
    QString error;
    if (QFileInfo::exists(studyPath))
        if (const std::unique_ptr<StudyFile> study = StudyFile::open(studyPath, &error))
            return study->cellNames();
    return {};
}

RemcImportedCell summary(const CellData& cell, const QStringList& existing)
{
    int counts[3] = {0, 0, 0};
    for (const Split split : cell.splits)
        ++counts[static_cast<int>(split)];
    RemcImportedCell s;
    s.name = cell.name;
    s.genes = cell.geneCount();
    s.trainGenes = counts[0];
    s.validGenes = counts[1];
    s.testGenes = counts[2];
    s.replaced = existing.contains(cell.name);
    return s;
}

} // namespace

QStringList RemcImportOutcome::cellNames() const
{
    QStringList names;
    for (const RemcImportedCell& c : cells)
        names << c.name;
    return names;
}

RemcImportOutcome importRemc(const RemcImportRequest& request, const ProgressCallback& progress)
{
    RemcImportOutcome out;
    const ProgressCallback relay = [&](const Progress& p) {
        if (!progress || progress(p))
            return true;
        out.cancelled = true;
        return false;
    };
    GeneAnnotation annotation;
    if (!loadAnnotation(request, &annotation, &out))
        return out;
    const QStringList existing = existingCells(request.studyPath);
    std::unique_ptr<StudyEditor> editor = StudyEditor::begin(request.studyPath, &out.error);
    if (!editor)
        return out;

    RemcImporter importer(annotation.isEmpty() ? nullptr : &annotation);
    importer.setMaxProblems(request.maxProblems);
    importer.setProgressCallback(relay);
    QElapsedTimer timer;
    timer.start();
    const RemcImportResult result =
        importer.importFolder(request.folder, request.cells, [&](CellData&& cell, QString* error) {
            if (!relay({-1, QStringLiteral("writing %1 to the study").arg(cell.name)})) {
                *error = QStringLiteral("cancelled");
                return false;
            }
            cell.assembly = request.assembly;
            if (!editor->writeCell(cell, error))
                return false;
            out.cells.push_back(summary(cell, existing));
            return true;
        });
    out.warnings << result.warnings;
    out.csvBytes = result.csvBytes;
    if (!result.ok) {
        out.error = result.error;
        return out;
    }
    const QString saving = QStringLiteral("saving %1").arg(QFileInfo(request.studyPath).fileName());
    if (!relay({-1, saving})) {
        out.error = QStringLiteral("cancelled");
        return out;
    }
    if (!editor->commit(&out.error))
        return out;
    out.seconds = double(timer.elapsed()) / 1000.0;
    out.ok = true;
    return out;
}

} // namespace ac
