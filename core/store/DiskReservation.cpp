#include "store/DiskReservation.h"

#include <QFile>
#include <QFileInfo>
#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

namespace ac
{

namespace
{

QString megabytes(std::uint64_t bytes)
{
    return QString::number(double(bytes) / (1024.0 * 1024.0), 'f', 1);
}

std::uint64_t freeBytes(const QString& path)
{
    struct statvfs vfs {
    };
    const QByteArray folder = QFile::encodeName(QFileInfo(path).absolutePath());
    if (::statvfs(folder.constData(), &vfs) != 0)
        return 0;
    return std::uint64_t(vfs.f_bavail) * vfs.f_frsize;
}

} // namespace

DiskReservation::~DiskReservation()
{
    release();
}

bool DiskReservation::attach(const QString& path, QString* error)
{
    release();
    m_path = path;
    m_fd = ::open(QFile::encodeName(path).constData(), O_RDWR | O_CLOEXEC);
    if (m_fd < 0) {
        *error = QStringLiteral("%1: cannot open it to reserve disk space").arg(path);
        return false;
    }
    m_reservedEnd = 0;
    return true;
}

bool DiskReservation::reserve(std::uint64_t bytes, QString* error)
{
    struct stat st {
    };
    if (m_fd < 0 || ::fstat(m_fd, &st) != 0) {
        *error = QStringLiteral("%1: cannot reserve disk space").arg(m_path);
        return false;
    }
    const std::uint64_t start = std::max<std::uint64_t>(m_reservedEnd, std::uint64_t(st.st_size));
    int rc = ::fallocate(m_fd, FALLOC_FL_KEEP_SIZE, off_t(start), off_t(bytes));
    if (rc != 0 && (errno == EOPNOTSUPP || errno == ENOSYS))
        rc = freeBytes(m_path) >= bytes ? 0 : (errno = ENOSPC, -1);
    if (rc != 0) {
        *error = QStringLiteral("not enough disk space in %1 (this change needs up to %2 MB, %3 "
                                "MB are free)")
                     .arg(QFileInfo(m_path).absolutePath(), megabytes(bytes),
                          megabytes(freeBytes(m_path)));
        return false;
    }
    m_reservedEnd = start + bytes;
    return true;
}

void DiskReservation::release()
{
    if (m_fd < 0)
        return;
    // Truncating to the file's own size frees the blocks reserved past its end.
    struct stat st {
    };
    if (::fstat(m_fd, &st) == 0)
        (void)::ftruncate(m_fd, st.st_size);
    ::close(m_fd);
    m_fd = -1;
}

} // namespace ac
