#pragma once

#include "domain/CellData.h"
#include "domain/Progress.h"

#include <QString>
#include <QStringList>
#include <functional>

namespace ac
{

class GeneAnnotation;
class RemcCsvParser;

/// Outcome of a REMC import. On failure `error` holds the first problems found, one per line,
/// each as "<file>:<line>: <what>" (or "<file>: <what>" for a whole-file problem).
struct RemcImportResult {
    bool ok = false;
    QString error;
    QStringList warnings; ///< accepted oddities: header line skipped, genes not in the annotation
    qint64 csvBytes = 0;  ///< uncompressed CSV bytes parsed (for speed reports)
    QStringList cells;    ///< cells imported, in order
};

/**
 * Reads the DeepChrome/REMC classification layout users download (zenodo record 2652278):
 * `<root>/<CELL>/classification/{train,valid,test}.csv` or `.csv.gz`, no header, 100 rows per
 * gene, `GeneID,BinID,H3K27me3,H3K36me3,H3K4me1,H3K4me3,H3K9me3,label`.
 *
 * Everything is validated: column count, numbers (non-negative), bins 1..100 in order with none
 * missing or duplicated, one label per gene, each gene once across the three splits, no empty
 * split. Windows line endings and a UTF-8 byte-order mark are accepted; a first line that is
 * exactly the DeepChrome header is skipped with a warning. Import stops after `maxProblems()`
 * problems and reports them.
 *
 * The files are read here and parsed by RemcCsvParser (one per cell).
 *
 * Genes keep the file order (train genes, then valid, then test). GeneIDs are mapped to Ensembl
 * ids ("000003" → "ENSG00000000003") and, through the annotation given to the constructor (not
 * owned; may be null), to symbol, chromosome, TSS and strand.
 *
 * Not thread-safe itself; run one importer per worker thread. The progress callback is called
 * from the calling thread; returning false cancels and the import fails with error "cancelled".
 */
class RemcImporter
{
public:
    /// Receives each imported cell of importFolder(); return false (with `error`) to stop.
    using CellSink = std::function<bool(CellData&& cell, QString* error)>;

    explicit RemcImporter(const GeneAnnotation* annotation = nullptr);

    void setProgressCallback(ProgressCallback callback) { m_progress = std::move(callback); }
    int maxProblems() const { return m_maxProblems; }
    void setMaxProblems(int count) { m_maxProblems = count < 1 ? 1 : count; }

    /// True when `dir` is a cell folder (has classification/train.csv[.gz]) or is itself the
    /// classification folder of one.
    static bool isCellFolder(const QString& dir);
    /// The cell folders directly under `root`, sorted by name.
    static QStringList cellFolders(const QString& root);

    /// Imports one cell folder into `out` (named after the folder). `out` is only written on
    /// success.
    RemcImportResult importCell(const QString& cellDir, CellData* out);

    /**
     * Imports `path`: a cell folder, or a root folder holding cell folders. `cells`, when not
     * empty, selects cells by name (each must exist). Each cell goes to `sink` as soon as it is
     * read, so only one cell is in memory at a time.
     */
    RemcImportResult importFolder(const QString& path, const QStringList& cells,
                                  const CellSink& sink);

private:
    struct Job;
    bool importCellFiles(const QString& cellDir, Job& job, CellData* out, RemcImportResult& result);
    bool parseSplitFiles(const QString& cellDir, const QString& name, Job& job,
                         RemcCsvParser& parser, RemcImportResult& result);
    CellData annotatedCell(const QString& name, RemcCsvParser& parser,
                           RemcImportResult& result) const;

    const GeneAnnotation* m_annotation;
    ProgressCallback m_progress;
    int m_maxProblems = 5;
};

} // namespace ac
