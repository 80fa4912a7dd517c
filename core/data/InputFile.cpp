#include "data/InputFile.h"

#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstring>
#include <sys/stat.h>

namespace ac
{

namespace
{

/// What a file of `mode` is, when it is not a regular file.
QString kindOf(mode_t mode)
{
    if (S_ISDIR(mode))
        return QStringLiteral("a folder, not a file");
    if (S_ISFIFO(mode))
        return QStringLiteral("a named pipe (FIFO), not a regular file");
    if (S_ISCHR(mode) || S_ISBLK(mode))
        return QStringLiteral("a device, not a regular file");
    if (S_ISSOCK(mode))
        return QStringLiteral("a socket, not a regular file");
    return QStringLiteral("not a regular file");
}

} // namespace

bool checkInputFile(const QString& path, QString* error)
{
    const QByteArray local = QFile::encodeName(path);
    struct stat st {
    };
    if (::stat(local.constData(), &st) != 0) {
        const int code = errno;
        struct stat link {
        };
        if (code == ELOOP)
            *error = QStringLiteral("%1: symbolic link loop").arg(path);
        else if (code == ENOENT && ::lstat(local.constData(), &link) == 0)
            *error = QStringLiteral("%1: broken symbolic link (to %2)")
                         .arg(path, QFileInfo(path).symLinkTarget());
        else if (code == ENOENT || code == ENOTDIR)
            *error = QStringLiteral("%1: no such file").arg(path);
        else
            *error = QStringLiteral("%1: cannot open: %2")
                         .arg(path, QString::fromLocal8Bit(std::strerror(code)));
        return false;
    }
    if (!S_ISREG(st.st_mode)) {
        *error = QStringLiteral("%1: %2").arg(path, kindOf(st.st_mode));
        return false;
    }
    if (!QFileInfo(path).isReadable()) {
        *error = QStringLiteral("%1: cannot open: permission denied").arg(path);
        return false;
    }
    return true;
}

} // namespace ac
