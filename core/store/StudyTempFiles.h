#pragma once

#include <QString>

namespace ac
{

/**
 * Names and clean-up of the temporary copies StudyEditor writes beside a study.
 *
 * A copy is named `.<study>.<16 hex digits>.<writer's process id>@<host>.tmp` (host: the host
 * name and the PID namespace; WriterProcess), so a copy left by a writer that was killed can be
 * told from one still being written. Stateless; the functions
 * may be called from any thread.
 */
class StudyTempFiles
{
public:
    /// A new, unique temporary path beside `study` for this process.
    static QString newPath(const QString& study);

    /// Removes the temporary copies of `study` left by processes of this host that no longer
    /// run; keeps those of live processes (and of other hosts, and of unknown form). Call with
    /// the study's lock held. Returns how many were removed.
    static int removeAbandoned(const QString& study);

    /// fsyncs the file or folder `path`; false when it cannot be opened or synced.
    static bool sync(const QString& path);
};

} // namespace ac
