#include "jobs/TrackImportJob.h"

#include "data/BigWigTrackReader.h"
#include "data/ChromosomeLengthCheck.h"
#include "data/GeneAnnotation.h"
#include "store/StudyEditor.h"
#include "store/StudyFile.h"

#include <QFileInfo>

#include <memory>

namespace ac
{

namespace
{

// How stored loci meet the annotation: kept (only genes without one are placed), overridden by
// a table the user chose (genes it lacks keep theirs), or dropped (another assembly: a stored
// locus of a gene the table lacks would be in the wrong coordinates).
enum class StoredLoci { Keep, Override, Drop };

// Gives each gene a locus from `annotation` as `stored` says. Returns how many were placed.
int placeGenes(const GeneAnnotation& annotation, StoredLoci stored, std::vector<GeneRecord>* genes)
{
    int placed = 0;
    for (GeneRecord& g : *genes) {
        const bool known = !g.chrom.isEmpty() && g.tss > 0 && g.strand != '.';
        if (known && stored == StoredLoci::Keep)
            continue;
        bool found = false;
        const GeneRecord a = annotation.annotateRemcId(g.remcId, &found);
        if (!found) {
            if (stored == StoredLoci::Drop)
                g = GeneRecord{g.remcId, g.ensemblId, g.symbol, QString(), 0, '.'};
            continue;
        }
        g.chrom = a.chrom;
        g.tss = a.tss;
        g.strand = a.strand;
        ++placed;
    }
    return placed;
}

// The assembly of the import and the loci of `genes` in it (bedGraph/bigWig); warns when the
// cell records no assembly or a bigWig's chromosome lengths are another assembly's.
bool placeLoci(const TrackImportRequest& request, const CellData& cell,
               std::vector<GeneRecord>* genes, TrackImportOutcome* out)
{
    const QString stored = cell.assembly.isEmpty() ? GenomeAssembly::defaultName() : cell.assembly;
    out->assembly = request.assembly.isEmpty() ? stored : request.assembly;
    if (!GenomeAssembly::isKnown(out->assembly)) {
        out->error = QStringLiteral("unknown genome assembly '%1' (known: %2)")
                         .arg(out->assembly, GenomeAssembly::names().join(QLatin1String(", ")));
        return false;
    }
    if (request.format == TrackFormat::BigWig) {
        std::vector<GenomeAssembly::Chromosome> lengths;
        QString unreadable; // the importer reports it
        if (BigWigTrackReader::chromosomeLengths(request.file, &lengths, &unreadable))
            if (const QString w = chromosomeLengthMismatch(QFileInfo(request.file).fileName(),
                                                           lengths, out->assembly);
                !w.isEmpty())
                out->warnings << w;
    }
    if (cell.assembly.isEmpty())
        out->warnings << QStringLiteral("%1: cell %2 does not record its genome assembly (a study "
                                        "written before it was recorded): its gene loci are "
                                        "taken as %3, the assembly of the REMC data")
                             .arg(QFileInfo(request.studyPath).fileName(), cell.name, stored);
    GeneAnnotation annotation;
    const bool custom = !request.annotationPath.isEmpty();
    if (custom ? !annotation.loadFile(request.annotationPath, &out->error)
               : !annotation.loadBundled(&out->error, out->assembly))
        return false;
    out->annotationSource = annotation.source();
    const StoredLoci mode = out->assembly != stored ? StoredLoci::Drop
                            : custom                ? StoredLoci::Override
                                                    : StoredLoci::Keep;
    out->genesPlaced = placeGenes(annotation, mode, genes);
    return true;
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
    if (request.format != TrackFormat::BinnedCsv && !placeLoci(request, cell, &genes, &out))
        return out;

    TrackImporter importer(std::move(genes));
    importer.setTrackName(request.trackName);
    TrackImportResult result = importer.importFile(request.format, request.file, relay);
    if (result.ok) {
        out.warnings << result.warnings;
        out.coverage = TrackCoverage::of(result.track);
        result.track.assembly = out.assembly;
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
