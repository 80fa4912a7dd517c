#include "store/StudyTempFiles.h"

#include <QDir>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSysInfo>
#include <cerrno>
#include <climits>
#include <csignal>
#include <sys/stat.h>
#include <unistd.h>

namespace ac
{

namespace
{

/// Whether process `pid` of this host runs (a process of another user counts as running).
bool processRuns(qint64 pid)
{
    if (pid <= 0 || pid > INT_MAX)
        return true; // cannot be ours: keep its file
    return ::kill(pid_t(pid), 0) == 0 || errno == EPERM;
}

} // namespace

QString StudyTempFiles::hostTag()
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

QString StudyTempFiles::newPath(const QString& study)
{
    const QFileInfo info(study);
    return QStringLiteral("%1/.%2.%3.%4@%5.tmp")
        .arg(info.absolutePath(), info.fileName())
        .arg(QRandomGenerator::system()->generate64(), 16, 16, QLatin1Char('0'))
        .arg(qint64(::getpid()))
        .arg(hostTag());
}

int StudyTempFiles::removeAbandoned(const QString& study)
{
    const QFileInfo info(study);
    const QRegularExpression name(
        QStringLiteral("^\\.%1\\.[0-9a-f]{16}\\.([0-9]{1,10})@(.+)\\.tmp$")
            .arg(QRegularExpression::escape(info.fileName())));
    const QString host = hostTag();
    QDir folder(info.absolutePath());
    int removed = 0;
    const QStringList entries =
        folder.entryList({QStringLiteral(".*.tmp")}, QDir::Files | QDir::Hidden | QDir::System);
    for (const QString& entry : entries) {
        const QRegularExpressionMatch m = name.match(entry);
        if (!m.hasMatch() || m.captured(2) != host || processRuns(m.captured(1).toLongLong()))
            continue;
        if (folder.remove(entry))
            ++removed;
    }
    return removed;
}

} // namespace ac
