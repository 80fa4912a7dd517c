#pragma once

#include "domain/ArrayBundle.h"
#include "domain/CellData.h"
#include "domain/RunRecord.h"
#include "domain/RunResults.h"
#include "domain/TrackData.h"
#include "domain/WeightArray.h"

#include <QString>
#include <QStringList>
#include <memory>

namespace ac
{

/**
 * Read access to one study file (HDF5; layout in the README, section "Study file").
 *
 * Created by open(); the object owns the open file handle (and those of the parts of an unpacked
 * study it has read) and closes them on destruction. A unpacked study whose index names a part
 * that is missing does not open: the error names the part. Reads
 * are serialised by HDF5's global lock; one StudyFile may be used from one thread at a time.
 * Every read returns false and sets `error` (naming the file and the HDF5 object) on failure,
 * leaving the output untouched. A study changed by a StudyEditor is not seen until reopened.
 */
class StudyFile
{
public:
    /// The newest format this program reads. 3: an unpacked study, an index whose cell types and
    /// runs are external links to part files (StudyIndex, StudyParts). 2: one file with
    /// fixed-length strings and HDF5 1.10 metadata (checksums). Version 1 (one file,
    /// variable-length strings) is still read; an edit turns it into version 2.
    static constexpr int kFormatVersion = 3;
    /// Part files a reader keeps open (HDF5's external link file cache).
    static constexpr int kPartCacheSize = 1024;

    /// Opens `path` read-only; nullptr and `error` when it is missing, not HDF5, not a study, or of
    /// a newer format version.
    static std::unique_ptr<StudyFile> open(const QString& path, QString* error);
    ~StudyFile();

    QString path() const;
    int formatVersion() const;
    /// Whether the study is one file (format version 1 or 2), not an index with parts (3).
    bool isPacked() const;

    QStringList cellNames() const;
    /// Everything of a cell including X.
    bool readCell(const QString& cell, CellData* out, QString* error) const;
    /// A cell without X (genes, labels, splits, layout); `out->values` stays empty. Fast.
    bool readCellIndex(const QString& cell, CellData* out, QString* error) const;
    /// The digest of the cell's data written by its last import (it changes when the cell is
    /// imported again with other data); empty for a cell of an older study or no such cell.
    QString cellDigest(const QString& cell) const;
    /// The bins × marks block of one gene (reads one chunk).
    bool readGeneValues(const QString& cell, int gene, std::vector<float>* out,
                        QString* error) const;

    QStringList trackNames(const QString& cell) const;
    bool readTrack(const QString& cell, const QString& track, TrackData* out, QString* error) const;

    /// All run ids, or those of one cell when `cell` is not empty; ordered by creation time.
    QStringList runIds(const QString& cell = QString()) const;
    /// Also finds whether the run is stale (the cell's digest differs from the run's) or
    /// interrupted (status "running", its writer process gone; see RunRecord).
    bool readRun(const QString& runId, RunRecord* out, QString* error) const;
    /// `which` is "best" or "last".
    bool readWeights(const QString& runId, const QString& which, Weights* out,
                     QString* error) const;
    bool hasResults(const QString& runId) const;
    bool readResults(const QString& runId, RunResults* out, QString* error) const;

    /// The run the user made active for `cell` (StudyEditor::setActiveRun); empty when none was
    /// chosen. The run to show is ac::activeRun(), which falls back to the rule.
    QString activeRunChoice(const QString& cell) const;
    /// Names of the validations stored with a run (StudyEditor::writeValidation), oldest first.
    QStringList validationNames(const QString& runId) const;
    /// One stored validation of a run, every array of its group.
    bool readValidation(const QString& runId, const QString& name, ArrayBundle* out,
                        QString* error) const;

private:
    StudyFile();
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace ac
