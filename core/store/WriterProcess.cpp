#include "store/WriterProcess.h"

#include <QRegularExpression>
#include <QSysInfo>
#include <cerrno>
#include <climits>
#include <csignal>
#include <sys/stat.h>
#include <unistd.h>

namespace ac
{

QString WriterProcess::hostTag()
{
    QString host = QSysInfo::machineHostName();
    host.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9.-]")), QStringLiteral("_"));
    if (host.isEmpty())
        host = QStringLiteral("localhost");
    // Containers may share a host name but not their process ids: add the PID namespace.
    struct stat ns {
    };
    if (::stat("/proc/self/ns/pid", &ns) == 0)
        host += QStringLiteral("~%1").arg(quint64(ns.st_ino));
    return host;
}

QString WriterProcess::currentTag()
{
    return QStringLiteral("%1@%2").arg(qint64(::getpid())).arg(hostTag());
}

bool WriterProcess::isGone(const QString& tag)
{
    const int at = tag.indexOf(QLatin1Char('@'));
    if (at <= 0 || tag.mid(at + 1) != hostTag())
        return false;
    bool ok = false;
    const qint64 pid = tag.left(at).toLongLong(&ok);
    if (!ok || pid <= 0 || pid > INT_MAX)
        return false; // cannot be a process of ours
    // A process of another user counts as running (EPERM).
    return ::kill(pid_t(pid), 0) != 0 && errno == ESRCH;
}

} // namespace ac
