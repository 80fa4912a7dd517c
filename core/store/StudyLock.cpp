#include "store/StudyLock.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QFile>
#include <QFileInfo>
#include <algorithm>
#include <cstdlib>
#include <sys/stat.h>
#include <unistd.h>

namespace ac
{

namespace
{

constexpr int kPollMs = 250;

/// The lock's process id, or 0 when the file is empty, unreadable or garbled.
qint64 ownerOf(const QLockFile& lock)
{
    qint64 pid = 0;
    QString host;
    QString app;
    if (!lock.getLockInfo(&pid, &host, &app))
        return 0;
    return pid > 0 ? pid : 0;
}

bool lstatOf(const QString& path, struct stat* st)
{
    return ::lstat(QFile::encodeName(path).constData(), st) == 0;
}

} // namespace

StudyLock::StudyLock(const QString& studyPath)
    : m_study(studyPath), m_lockPath(studyPath + QStringLiteral(".lock")), m_lock(m_lockPath)
{
    // Imports copy and write without the lock, so a held lock is never "old": only a dead
    // owner (or a lock file without an owner, see takeOverGarbledLock) makes it stale.
    m_lock.setStaleLockTime(0);
}

StudyLock::~StudyLock() = default;

QString StudyLock::notWritableMessage(const QString& folder)
{
    return QStringLiteral("%1: cannot write here (read-only?) — nothing was changed").arg(folder);
}

bool StudyLock::acquire(QString* error, int timeoutMs)
{
    const QString folder = QFileInfo(m_study).absolutePath();
    if (::access(QFile::encodeName(folder).constData(), W_OK) != 0) {
        *error = notWritableMessage(folder);
        return false;
    }
    const QDeadlineTimer deadline(timeoutMs);
    for (;;) {
        if (!checkLockName(error))
            return false;
        if (m_lock.tryLock(std::min(kPollMs, timeoutMs)))
            return true;
        if (m_lock.error() == QLockFile::PermissionError) {
            *error = notWritableMessage(folder);
            return false;
        }
        if (m_lock.error() == QLockFile::UnknownError) {
            *error = QStringLiteral("%1: cannot create the lock file %2 — nothing was changed")
                         .arg(m_study, m_lockPath);
            return false;
        }
        if (takeOverGarbledLock())
            continue;
        if (deadline.hasExpired()) {
            *error = busyMessage();
            return false;
        }
    }
}

/// QLockFile waits forever on a name it cannot create nor read (a folder, a dangling link).
bool StudyLock::checkLockName(QString* error) const
{
    struct stat st {
    };
    if (!lstatOf(m_lockPath, &st) || S_ISREG(st.st_mode))
        return true;
    QString what = QStringLiteral("something that is not a lock file");
    if (S_ISDIR(st.st_mode)) {
        what = QStringLiteral("a folder, not a lock file");
    } else if (S_ISLNK(st.st_mode)) {
        const QString target = QFile::symLinkTarget(m_lockPath);
        what = QFileInfo::exists(m_lockPath)
                   ? QStringLiteral("a symbolic link (to %1), not a lock file").arg(target)
                   : QStringLiteral("a symbolic link to a missing file (%1), not a lock file")
                         .arg(target);
    }
    *error = QStringLiteral("%1: %2 is %3; remove %2 and try again — nothing was changed")
                 .arg(m_study, m_lockPath, what);
    return false;
}

/// A writer creates its lock file and writes its process id at once, so an empty or garbled
/// lock file some seconds old was left by a power loss or a foreign program: remove it, under
/// the same `.rmlock` QLockFile uses for stale locks, so two takers cannot remove a new lock.
bool StudyLock::takeOverGarbledLock()
{
    struct stat st {
    };
    if (ownerOf(m_lock) != 0 || !lstatOf(m_lockPath, &st) || !S_ISREG(st.st_mode))
        return false;
    const qint64 ageMs =
        std::llabs(QDateTime::currentMSecsSinceEpoch() - qint64(st.st_mtim.tv_sec) * 1000 -
                   st.st_mtim.tv_nsec / 1000000);
    if (ageMs < kGarbledLockAgeMs)
        return false;
    QLockFile remover(m_lockPath + QStringLiteral(".rmlock"));
    if (!remover.tryLock(0))
        return false;
    struct stat again {
    };
    if (!lstatOf(m_lockPath, &again) || again.st_ino != st.st_ino || again.st_dev != st.st_dev ||
        ownerOf(m_lock) != 0)
        return false;
    return ::unlink(QFile::encodeName(m_lockPath).constData()) == 0;
}

QString StudyLock::busyMessage() const
{
    qint64 pid = 0;
    QString host;
    QString app;
    m_lock.getLockInfo(&pid, &host, &app);
    return QStringLiteral("%1: the study is locked by %2 (process %3); try again when it is "
                          "done, or remove %4 if no such process runs")
        .arg(m_study, app.isEmpty() ? QStringLiteral("another program") : app)
        .arg(pid)
        .arg(m_lockPath);
}

} // namespace ac
