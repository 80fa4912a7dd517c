#pragma once

// Internal to core/store: the index file of an unpacked study (README "Study file").

#include <H5Cpp.h>
#include <QSet>
#include <QString>
#include <string>
#include <vector>

namespace ac
{

/**
 * What the index of an unpacked study holds: for each cell type (`/cells/<cell>`) and run
 * (`/runs/<id>`), the part file it is stored in, as an HDF5 external link to the part's
 * `/cell` or `/run` group. The order of the entries is the order the study lists them in. The
 * index also lists the parts it stopped naming (`/retired`, strings "<seconds> <part>").
 *
 * A plain value; read() and write() throw H5::Exception or std::runtime_error (naming the link)
 * and are called inside one try block per public operation of StudyFile / StudyEditor.
 */
class StudyIndex
{
public:
    struct Entry {
        std::string name; ///< the cell type or run id
        QString part;     ///< the part file, relative to the study's folder
    };
    /// One of the index's two lists: "cells" or "runs" (layout::kCells, layout::kRuns).
    using List = std::vector<Entry>;

    /// A part the index stopped naming, and since when (seconds since 1970, UTC): it is deleted
    /// once StudyParts::kGraceSeconds have passed (a reader may still open it).
    struct Retired {
        QString part;
        qint64 since = 0;
    };

    List cells;
    List runs;
    std::vector<Retired> retired;

    /// Whether `file` is the index of an unpacked study (its version attribute says 3).
    static bool isIndex(const H5::H5File& file);
    /// The index of the open study `file`.
    static StudyIndex read(const H5::H5File& file);
    /// Writes this index as a new file at `path` (which must not exist) and fsyncs it.
    void write(const QString& path) const;

    List& list(const std::string& group);
    const List& list(const std::string& group) const;
    /// The part of `name` in list `group`; empty when it has none.
    QString partOf(const std::string& group, const std::string& name) const;
    /// Points `name` at `part` (appended when new; keeps its place otherwise); an empty `part`
    /// removes it.
    void set(const std::string& group, const std::string& name, const QString& part);
    /// Every part the index names.
    QSet<QString> parts() const;

    /// The kind of part an entry of `group` is stored in: "cell" or "run", which also names the
    /// part's group the entry links to (`/cell`, `/run`) and starts the part's file name.
    static const char* kindOf(const std::string& group);
    /// Makes `name` in `list` (the index's group `group`) an external link to `part`'s group.
    static void link(const H5::Group& list, const std::string& group, const std::string& name,
                     const QString& part);
};

} // namespace ac
