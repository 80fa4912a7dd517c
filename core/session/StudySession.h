#pragma once

#include "domain/CellData.h"
#include "domain/GeneViewData.h"
#include "domain/RunResults.h"
#include "domain/TrackData.h"
#include "session/StudyQueries.h"
#include "train/CellSummary.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <map>
#include <memory>
#include <vector>

namespace ac
{

class StudyFile;

/**
 * The open study as the views see it, without a widget: the study file, the selected cell, run
 * and gene, the caches (results per run, gene indexes per cell, the cell's track) and the
 * queries the views need (a gene's figure data, the compare columns, run summaries, test-split
 * scores).
 *
 * The selected gene is kept by its REMC id (the gene's identity, stable when a cell is
 * re-imported in another gene order); its index in the cell's gene order is only a way to name
 * it at the views' boundary. Each cell's gene index carries an id → index map, so finding a gene
 * in another cell is a lookup, not a scan.
 *
 * Owns its StudyFile (read-only) and every cache. Not thread-safe: use it from one thread (the
 * GUI thread in the window, the main thread in the CLI). Failures return false (or an empty
 * value) and set `error`/`warning` naming the file; nothing throws.
 */
class StudySession
{
public:
    StudySession();
    ~StudySession();
    StudySession(const StudySession&) = delete;
    StudySession& operator=(const StudySession&) = delete;

    /// Opens `path`, replacing the open study and clearing the selection and every cache; false
    /// and `error` when it cannot be read (the previous study stays open).
    bool open(const QString& path, QString* error);
    /// Closes the study (the selection and caches go with it).
    void close();
    bool isOpen() const { return m_study != nullptr; }
    QString path() const;
    /// nullptr when no study is open.
    const StudyFile* study() const { return m_study.get(); }
    QStringList cellNames() const;

    /// Selects `cell`: reads its gene index and its track (H3K27ac when present, else the first).
    /// Clears the run and gene. False and `error` when the cell is unknown or unreadable (the
    /// selection stays); a track that cannot be read or does not fit the genes is left out with
    /// `warning`.
    bool selectCell(const QString& cell, QString* error, QString* warning);
    QString cell() const { return m_cell; }
    /// Genes, labels and splits of the selected cell (no values); empty without a cell.
    const CellData& cellIndex() const;
    int geneCount() const { return cellIndex().geneCount(); }
    /// The track shown with the selected cell's genes; empty values when none.
    const TrackData& track() const { return m_track; }
    QStringList trackNames() const;

    /// The cell run `runId` belongs to; empty and `error` when the run cannot be read.
    QString runCell(const QString& runId, QString* error) const;
    /// Selects `runId` of the selected cell and loads its results (left empty when it has none or
    /// they do not fit the cell's genes; `warning` when they cannot be read). False and `error`
    /// when the run cannot be read or belongs to another cell.
    bool selectRun(const QString& runId, QString* error, QString* warning);
    QString runId() const { return m_runId; }
    /// Results of the selected run (geneCount 0 when none).
    const RunResults& results() const { return *m_results; }
    /// Results of any run, read once and cached; nullptr (and `error` when unreadable) when the
    /// run has none.
    std::shared_ptr<const RunResults> runResults(const QString& runId, QString* error);
    /// The active run of `cell` (ac::activeRun(): the user's choice, else the best complete run
    /// by validation AUROC), read once per opened study; empty when the cell has none.
    QString activeRun(const QString& cell) const;

    /// Selects gene `index` of the selected cell; false when out of range.
    bool selectGene(int index);
    /// Selects the gene with REMC id `remcId`; false when the cell has none.
    bool selectGeneById(const QString& remcId);
    /// REMC id of the selected gene; empty when none.
    QString geneId() const { return m_geneId; }
    /// Index of the selected gene in the selected cell's order; -1 when none.
    int geneIndex() const;
    /// Index of the gene with REMC id `remcId` in the selected cell; -1 when none.
    int indexOfGene(const QString& remcId) const;
    /// Index of the gene named `text` (symbol, Ensembl id or REMC id; see ac::findGene()); -1.
    int findGene(const QString& text) const;

    /// Everything the gene view shows for gene `index` of the selected cell with the selected
    /// run: values, p/α/β, label and the track. Values that cannot be read are left empty with
    /// `error`.
    GeneViewData geneData(int index, QString* error) const;
    /// The selected gene in each of `cells` that has it (matched by REMC id), with p/α/β of the
    /// selected run (for the selected cell) or the cell's active run; no values.
    /// Cells whose index cannot be read are skipped (`error` gets the first such error).
    std::vector<GeneViewData> compareColumns(const QStringList& cells, QString* error);
    /// P(high) and labels of the selected run's test genes; empty without a run with results.
    SplitScores testScores() const;
    /// Test AUROC at the best epoch per cell and model variant: of each cell's active run, and of
    /// the best complete run of the other variants (ac::bestTestAurocEntries()), with run ids.
    CellSummary runSummary() const;

private:
    /// A cell's genes (no values) and its id → index map.
    struct CellIndex {
        CellData data;
        QHash<QString, int> byId;
    };
    std::shared_ptr<const CellIndex> readIndex(const QString& cell, QString* error) const;
    std::shared_ptr<const CellIndex> cachedIndex(const QString& cell, QString* error);
    void readTrack(QString* warning);

    std::unique_ptr<StudyFile> m_study;
    QString m_cell;
    QString m_runId;
    QString m_geneId;
    std::shared_ptr<const CellIndex> m_index;                            ///< of m_cell; never null
    std::shared_ptr<const RunResults> m_results;                         ///< of m_runId; never null
    TrackData m_track;                                                   ///< of m_cell
    std::map<QString, std::shared_ptr<const RunResults>> m_resultsCache; ///< by run id
    std::map<QString, std::shared_ptr<const CellIndex>> m_indexCache;    ///< by cell
    mutable std::map<QString, QString> m_activeRuns;                     ///< by cell
};

} // namespace ac
