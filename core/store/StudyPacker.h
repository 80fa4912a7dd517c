#pragma once

#include <QString>
#include <functional>

namespace ac
{

/**
 * Converts a study between its two forms (README "Study file"): one self-contained file
 * (format version 2, what a colleague is sent) and an unpacked study (an index and a folder of
 * parts, format version 3, what scales to many cell types and concurrent writers).
 *
 * Both copy the HDF5 objects as they are (H5Ocopy), so every cell type, track, run, weight,
 * result, validation and attribute is kept. Both are atomic: the result appears at once, by
 * rename, or not at all. Stateless; the functions block (seconds for a large study) and may be
 * called from a worker thread, one conversion at a time per process (HDF5's global lock).
 * `progress(done, total)` is called after each cell type or run; returning false cancels,
 * leaving everything as it was. Every failure returns false with `error` naming the file.
 */
class StudyPacker
{
public:
    using Progress = std::function<bool(int done, int total)>;

    /// Writes `study` (of either form) as the one file `out`, replacing `out` if it exists; `out`
    /// may not be the study itself.
    static bool pack(const QString& study, const QString& out, QString* error,
                     const Progress& progress = {});
    /// Turns the one-file study `study` (version 1 or 2) into an unpacked study in place: `study`
    /// becomes its index, with the folder of parts beside it. Holds the study's lock meanwhile.
    static bool unpack(const QString& study, QString* error, const Progress& progress = {});
};

} // namespace ac
