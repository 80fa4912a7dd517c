#pragma once

#include "domain/Progress.h"

#include <QString>
#include <QStringList>
#include <vector>

namespace ac
{

/// What to import: REMC cell folders into a study, new or existing. Plain value.
struct RemcImportRequest {
    QString folder;    ///< a cell folder (<CELL>/classification/…) or a folder of cell folders
    QString studyPath; ///< created when it does not exist; cells of the same name are replaced
    QStringList cells; ///< only these cells of `folder` (each must exist); empty: every cell
    /// Gene table (TSV, see GeneAnnotation) giving symbols and loci; it must load. Empty: the
    /// bundled table of `assembly`; should that fail, the cells are imported without symbols (a
    /// warning).
    QString annotationPath;
    /// Genome assembly of the loci ("hg19": the REMC data's; or "hg38"), recorded with each cell.
    QString assembly = QStringLiteral("hg19");
    int maxProblems = 5; ///< problems reported before the reading stops (RemcImporter)
};

/// One imported cell type. Plain value.
struct RemcImportedCell {
    QString name;
    int genes = 0;
    int trainGenes = 0;
    int validGenes = 0;
    int testGenes = 0;
    bool replaced = false; ///< the study had a cell of that name before
};

/// How an import ended. Plain value, safe to queue across threads.
struct RemcImportOutcome {
    bool ok = false;
    bool cancelled = false; ///< the progress callback returned false (then `ok` is false)
    QString error;          ///< the importer's "<file>:<line>: <what>" lines, or the study's
    QStringList warnings;   ///< accepted oddities, one sentence each
    std::vector<RemcImportedCell> cells; ///< written (committed only when `ok`), in order
    qint64 csvBytes = 0;                 ///< uncompressed CSV bytes parsed
    double seconds = 0;                  ///< reading the cells and writing the study, when `ok`

    QStringList cellNames() const;
};

/**
 * Imports REMC cells into a study: loads the gene annotation, reads each cell with RemcImporter
 * (one cell in memory at a time) and writes it through one StudyEditor, committed only when
 * every cell was read and written.
 *
 * Blocking: run it in a worker thread (or the CLI). `progress` (optional) receives the
 * importer's progress, then "writing <cell> to the study" before each cell is written and
 * "saving <study>" before the commit (both with fraction -1, i.e. busy); returning false cancels
 * until the commit. Failures are returned in the outcome; on error or cancel the study is
 * byte-for-byte unchanged (or still absent). Safe to call from any thread, for different
 * studies at once.
 */
RemcImportOutcome importRemc(const RemcImportRequest& request,
                             const ProgressCallback& progress = {});

} // namespace ac
