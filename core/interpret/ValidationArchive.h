#pragma once

#include "domain/ArrayBundle.h"
#include "interpret/Validator.h"

#include <QString>

namespace ac
{

class StudyFile;

/**
 * Validation results kept in the study with their run (issue 14, item 2), so that minutes of
 * computing are not lost when another run is selected. A ValidationReport is stored as an
 * ArrayBundle under /runs/<id>/validation/<track>-<split>: its genes and the data it compared
 * (`track_values`, `p` and every map: `map_0`, `map_1`, ... with `map_keys`/`map_names`), and
 * when it had them integrated gradients' completeness (`ig_sum`, `ig_delta`, `ig_steps`,
 * `ig_baseline`) and the class optima (`class_opt_on`, `class_opt_off`, their objective traces,
 * scores, steps and settings; issue 15), and for a validation of a gene list its REMC ids and
 * name (`listed_genes`, `gene_list_name`: stored apart from the whole split's, under a name
 * ending in a hash of the ids, so each list keeps its own); the
 * agreement is computed again on reading (Agreement::compute, milliseconds), so a stored
 * validation shows exactly the numbers of the one that was run. A new validation of the same
 * run, track and split replaces the stored one; new weights of the run (a resumed training)
 * drop it (StudyEditor::writeRun).
 *
 * Stateless and thread-safe (store() writes through StudyEditor::apply, atomically; load() uses
 * a StudyFile from one thread). Failures return false with `error` naming the study, the run
 * and the stored object.
 */
class ValidationArchive
{
public:
    /// The stored validation's name for a track, a split and a gene list (ValidationReport::
    /// listedGenes; empty: the whole split), e.g. "H3K27ac-test" or "H3K27ac-test-list-1f0c9a2e"
    /// (the first 8 hex digits of the SHA-256 of the ids, one per line).
    static QString entryName(const QString& track, const QString& split,
                             const QStringList& listedGenes = {});
    static ArrayBundle toArrays(const ValidationReport& report);
    /// Rebuilds a report (with its agreement) from toArrays(); false when arrays are missing or
    /// do not fit each other.
    static bool fromArrays(const ArrayBundle& arrays, ValidationReport* out, QString* error);

    /// Stores `report` with its run in `report.studyPath`.
    static bool store(const ValidationReport& report, QString* error);
    /// True when `runId` has a stored validation against `track` on `split` (of the genes
    /// `listedGenes` only, sorted REMC ids, when not empty).
    static bool has(const StudyFile& study, const QString& runId, const QString& track,
                    const QString& split, const QStringList& listedGenes = {});
    /// Reads the stored validation of `runId` against `track` on `split` (and `listedGenes`).
    static bool load(const StudyFile& study, const QString& runId, const QString& track,
                     const QString& split, const QStringList& listedGenes, ValidationReport* out,
                     QString* error);
};

} // namespace ac
