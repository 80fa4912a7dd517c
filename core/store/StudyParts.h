#pragma once

#include <QSet>
#include <QString>

namespace ac
{

class StudyIndex;

/**
 * The folder of part files beside an unpacked study (README "Study file"): `<study>.parts/`, one
 * HDF5 file per cell type and per run, each written once and never changed afterwards (a change
 * writes a new part and points the index at it).
 *
 * Part names are `<kind>-<name>-<16 hex digits>.<writer>.h5` (writer: WriterProcess's tag of the
 * process that wrote it), relative to the study's folder in the index (so the study and its
 * folder can move together). Stateless; the functions may be called from any thread.
 * collectGarbage() must be called with the study's lock held.
 */
class StudyParts
{
public:
    /// A part no index names is removed only once it has been unchanged this long: a reader
    /// that opened the study before the change may still open it, and a writer that has not
    /// committed yet is still writing it.
    static constexpr int kGraceSeconds = 600;
    /// A part no index names nor retired, of a writer that may still run (another host's), is
    /// removed once it is this old: no change takes a day.
    static constexpr int kOrphanSeconds = 24 * 3600;

    /// "<study file name>.parts", the folder's name relative to the study's folder.
    static QString folderName(const QString& study);
    /// A new, unique part name for `kind` ("cell" or "run") `name`, relative to the study's
    /// folder, e.g. "s.h5.parts/run-E003-1-3f2a9c0d11e4b7a2.h5". Creates the parts folder when
    /// missing; throws std::runtime_error (naming it) when it cannot.
    static QString newPart(const QString& study, const char* kind, const QString& name);
    /// The absolute path of part `part` (as the index names it) of `study`.
    static QString absolutePath(const QString& study, const QString& part);
    /// Removes the part files `index` (about to become the study's index) no longer needs: its
    /// retired parts kGraceSeconds after their retirement (dropping them from its list), and
    /// files it neither names nor lists whose writer no longer runs (a killed writer's) or that
    /// are kOrphanSeconds old. A part a live writer is still writing is kept, and so is one that
    /// another index in the study's folder names (a copy made with cp). Returns how many files
    /// were removed.
    static int collectGarbage(const QString& study, StudyIndex* index);
};

} // namespace ac
