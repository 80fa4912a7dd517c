#pragma once

#include <QString>

namespace ac
{

/**
 * Names the process that writes a study, so that what it leaves behind (a temporary copy, a run
 * stored as "running") can later be told to belong to a live writer or to one that was killed.
 *
 * A tag is `<process id>@<host>`, where the host is the host name followed by `~<PID namespace>`
 * (containers may share a host name but not their process ids). Stateless; the functions may be
 * called from any thread and never fail.
 */
class WriterProcess
{
public:
    /// The tag of this process, e.g. "4711@lab-pc~4026531836".
    static QString currentTag();

    /// Whether `tag` names a process of this host (and PID namespace) that no longer runs. A tag
    /// of another host, of unknown form, or of a running process (of any user) is not gone: what
    /// it left may still be in use.
    static bool isGone(const QString& tag);

private:
    static QString hostTag();
};

} // namespace ac
