#include "jobs/TrackImportJob.h"

#include "data/GeneAnnotation.h"
#include "store/StudyEditor.h"
#include "store/StudyFile.h"

#include <QFileInfo>

#include <memory>

namespace ac
{

namespace
{

// Gives each gene a locus from `annotation`: only genes without a stored one, unless the table
// was chosen by the user (then it wins for every gene it knows). Returns how many were placed.
int placeGenes(const GeneAnnotation& annotation, bool overrideStored,
               std::vector<GeneRecord>* genes)
{
    int placed = 0;
    for (GeneRecord& g : *genes) {
        const bool known = !g.chrom.isEmpty() && g.tss > 0 && g.strand != '.';
        if (known && !overrideStored)
            continue;
        bool found = false;
        const GeneRecord a = annotation.annotateRemcId(g.remcId, &found);
        if (!found)
            continue;
        g.chrom = a.chrom;
        g.tss = a.tss;
        g.strand = a.strand;
        ++placed;
    }
    return placed;
}

} // namespace

TrackImportOutcome importTrack(const TrackImportRequest& request, const ProgressCallback& progress)
{
    TrackImportOutcome out;
    bool cancelled = false;
    const ProgressCallback relay = [&](const Progress& p) {
        if (!progress || progress(p))
            return true;
        cancelled = true;
        return false;
    };

    CellData cell;
    {
        std::unique_ptr<StudyFile> study = StudyFile::open(request.studyPath, &out.error);
        if (!study)
            return out;
        if (!study->cellNames().contains(request.cell)) {
            out.error = QStringLiteral("%1: no cell '%2' (cells: %3)")
                            .arg(request.studyPath, request.cell,
                                 study->cellNames().join(QLatin1String(", ")));
            return out;
        }
        if (!study->readCellIndex(request.cell, &cell, &out.error))
            return out;
    }
    out.genes = cell.geneCount();

    std::vector<GeneRecord> genes = cell.genes;
    if (request.format != TrackFormat::BinnedCsv) {
        GeneAnnotation annotation;
        const bool custom = !request.annotationPath.isEmpty();
        if (custom ? !annotation.loadFile(request.annotationPath, &out.error)
                   : !annotation.loadBundled(&out.error))
            return out;
        out.annotationSource = annotation.source();
        out.genesPlaced = placeGenes(annotation, custom, &genes);
    }

    TrackImporter importer(std::move(genes));
    importer.setTrackName(request.trackName);
    TrackImportResult result = importer.importFile(request.format, request.file, relay);
    if (result.ok) {
        out.warnings = result.warnings;
        out.missingGenes = result.missingGenes;
    }
    if (result.ok && !relay({1.0, QStringLiteral("writing track %1 of %2 to %3")
                                      .arg(result.track.name, request.cell,
                                           QFileInfo(request.studyPath).fileName())})) {
        result.ok = false;
        result.error =
            QStringLiteral("%1: import cancelled").arg(QFileInfo(request.file).fileName());
    }
    if (!result.ok) {
        out.cancelled = cancelled;
        out.error = result.error;
        return out;
    }

    std::unique_ptr<StudyEditor> editor = StudyEditor::begin(request.studyPath, &out.error);
    if (!editor || !editor->writeTrack(request.cell, result.track, &out.error) ||
        !editor->commit(&out.error))
        return out;
    out.ok = true;
    return out;
}

} // namespace ac
