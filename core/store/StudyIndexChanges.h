#pragma once

// Internal to core/store: what one StudyEditor changes in an unpacked study.

#include "store/StudyIndex.h"

#include <H5Cpp.h>
#include <QSet>
#include <QString>
#include <functional>
#include <string>
#include <vector>

namespace ac
{

/**
 * The changes one StudyEditor makes to an unpacked study (README "Study file"): the index entries
 * it points at part files it wrote, and those it removes.
 *
 * A part in use is never changed: open() copies it to a new part (or starts an empty one) and
 * points the editor's working copy of the index at the copy, so every write of the editor goes
 * there. commit() merges the changed entries into the index as it is at that moment, under the
 * study's lock, and replaces the index atomically: editors of different cell types and runs
 * never wait for each other's writes, and lose nothing. Two editors that changed the same entry
 * conflict: the later commit() refuses (its parts are removed; StudyEditor::apply retries).
 *
 * Owns the parts it wrote until commit() succeeds: the destructor removes them otherwise. Use
 * from one thread. open() and remove() throw (H5::Exception, std::runtime_error) like the
 * StudyEditor writes they serve.
 */
class StudyIndexChanges
{
public:
    /// `base` is the index `study` had when the editor copied it.
    StudyIndexChanges(QString study, StudyIndex base);
    ~StudyIndexChanges();
    StudyIndexChanges(const StudyIndexChanges&) = delete;
    StudyIndexChanges& operator=(const StudyIndexChanges&) = delete;

    /// The part group of `name` in list `group` of the working index `index`, ready for writing:
    /// a copy of its part (`fresh`: an empty part) unless this editor wrote it already. Sets
    /// `*partFile` to the part's absolute path.
    H5::Group open(H5::H5File& index, const char* group, const QString& name, bool fresh,
                   QString* partFile);
    /// Removes `name` from list `group` of the working index.
    void remove(H5::H5File& index, const char* group, const QString& name);

    /// Writes the parts to disk, then (holding the study's lock) merges the changes into the
    /// current index and renames a new index over the study. False, `error` set and the study
    /// unchanged on failure; `*conflict` set when another editor changed one of the same entries
    /// since begin. Removes parts that no index has named for StudyParts::kGraceSeconds. `pause`
    /// is called at "locked" (before the rename) and "renamed" (the crash-safety test stops
    /// there; see StudyEditor).
    bool commit(QString* error, bool* conflict, const std::function<void(const char*)>& pause);

private:
    struct Change {
        std::string group;
        std::string name;
        QString part; ///< empty: removed
    };
    Change* find(const std::string& group, const std::string& name);
    void forget(const QString& part);
    bool conflicts(const StudyIndex& current, QString* which) const;

    QString m_study;
    StudyIndex m_base;
    std::vector<Change> m_changes;
    QSet<QString> m_written; ///< parts written by this editor, relative to the study's folder
};

} // namespace ac
