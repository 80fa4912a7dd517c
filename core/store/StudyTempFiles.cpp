#include "store/StudyTempFiles.h"

#include "store/WriterProcess.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QRegularExpression>

#include <fcntl.h>
#include <unistd.h>

namespace ac
{

QString StudyTempFiles::newPath(const QString& study)
{
    const QFileInfo info(study);
    return QStringLiteral("%1/.%2.%3.%4.tmp")
        .arg(info.absolutePath(), info.fileName())
        .arg(QRandomGenerator::system()->generate64(), 16, 16, QLatin1Char('0'))
        .arg(WriterProcess::currentTag());
}

int StudyTempFiles::removeAbandoned(const QString& study)
{
    const QFileInfo info(study);
    const QRegularExpression name(QStringLiteral("^\\.%1\\.[0-9a-f]{16}\\.([0-9]{1,10}@.+)\\.tmp$")
                                      .arg(QRegularExpression::escape(info.fileName())));
    QDir folder(info.absolutePath());
    int removed = 0;
    const QStringList entries =
        folder.entryList({QStringLiteral(".*.tmp")}, QDir::Files | QDir::Hidden | QDir::System);
    for (const QString& entry : entries) {
        const QRegularExpressionMatch m = name.match(entry);
        if (!m.hasMatch() || !WriterProcess::isGone(m.captured(1)))
            continue;
        if (folder.remove(entry))
            ++removed;
    }
    return removed;
}

bool StudyTempFiles::sync(const QString& path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool ok = ::fsync(fd) == 0;
    ::close(fd);
    return ok;
}

} // namespace ac
