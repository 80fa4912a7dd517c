#include "interpret/GenomeTrackExport.h"

#include "data/GenomeTrackWriter.h"
#include "interpret/Attributor.h"
#include "store/StudyFile.h"
#include "train/RunInference.h"

namespace ac
{

namespace
{

/// The maps of every gene of `cell` by `attributor`, reduced to genes × bins; false on cancel.
bool attributionValues(const CellData& cell, const TrackQuantity& quantity,
                       const Attributor& attributor, const ProgressCallback& progress,
                       std::vector<float>* out, QString* error)
{
    if (cell.values.size() !=
        static_cast<std::size_t>(cell.geneCount()) * cell.binCount * cell.markCount) {
        *error = QStringLiteral("cell %1: its values are not loaded").arg(cell.name);
        return false;
    }
    std::vector<float> maps;
    const ProgressCallback report = [&](const Progress& p) {
        return !progress ||
               progress({p.fraction * 0.9, QStringLiteral("%1: %2").arg(
                                               attributionMethodName(quantity.method), p.message)});
    };
    if (!attributor.attributeAll(cell, {}, quantity.method, &maps, nullptr, report)) {
        *error = QStringLiteral("cancelled");
        return false;
    }
    *out = quantity.fromMaps(maps, cell.geneCount(), attributor.markCount(),
                             attributor.mapBinCount(quantity.method));
    return true;
}

} // namespace

bool exportGenomeTrack(const QString& path, const CellData& cell, const RunResults& results,
                       const TrackQuantity& quantity, const Attributor* attributor,
                       const QString& trackName, const ProgressCallback& progress,
                       QStringList* warnings, QString* error)
{
    std::vector<float> values;
    QString problem;
    bool ok = false;
    if (!quantity.needsAttribution())
        ok = quantity.fromResults(results, &values, &problem);
    else if (!attributor)
        problem = QStringLiteral("no model to compute the attribution with");
    else
        ok = attributionValues(cell, quantity, *attributor, progress, &values, &problem);
    if (!ok) {
        *error = QStringLiteral("%1: %2").arg(path, problem);
        return false;
    }
    if (progress && !progress({0.9, QStringLiteral("Writing %1").arg(path)})) {
        *error = QStringLiteral("%1: cancelled").arg(path);
        return false;
    }
    const GenomeTrackWriter writer(cell.genes, cell.assembly, cell.binCount, cell.binSize,
                                   cell.windowStart);
    return writer.write(path, values, trackName, quantity.description(cell.markNames), warnings,
                        error);
}

bool exportRunTrack(const StudyFile& study, const QString& runId, const QString& which,
                    const QString& what, const QString& path, const ProgressCallback& progress,
                    QStringList* warnings, QString* error)
{
    RunRecord run;
    CellData cell;
    RunResults results;
    TrackQuantity quantity;
    const ProgressCallback inference = [&](const Progress& p) {
        return !progress || progress({0.0, p.message});
    };
    if (!GenomeTrackWriter::checkFileName(path, error) || !study.readRun(runId, &run, error) ||
        !study.readCell(run.cell, &cell, error) ||
        !runResults(study, runId, which, cell, &results, inference, error))
        return false;
    if (!TrackQuantity::parse(what, cell.markNames, &quantity, error)) {
        *error = QStringLiteral("%1: %2").arg(path, *error);
        return false;
    }
    std::unique_ptr<Attributor> attributor;
    if (quantity.needsAttribution()) {
        attributor = Attributor::load(study, runId, which, error);
        if (!attributor)
            return false;
    }
    const QString name =
        QStringLiteral("%1 %2 %3").arg(cell.name, runId, quantity.key(cell.markNames));
    return exportGenomeTrack(path, cell, results, quantity, attributor.get(), name, progress,
                             warnings, error);
}

} // namespace ac
