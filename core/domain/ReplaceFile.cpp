#include "domain/ReplaceFile.h"

#include <QFile>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace ac
{

bool replaceFile(const QString& temp, const QString& path, QString* error)
{
    if (std::rename(QFile::encodeName(temp).constData(), QFile::encodeName(path).constData()) == 0)
        return true;
    *error = QStringLiteral("%1: cannot replace the file (%2)")
                 .arg(path, QString::fromLocal8Bit(std::strerror(errno)));
    QFile::remove(temp);
    return false;
}

} // namespace ac
