#include "domain/InstallLayout.h"
#include "domain/RuntimeEnvironment.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace ac::install
{

QString prefix()
{
    const QString dir = QFileInfo(QStringLiteral("/proc/self/exe")).canonicalPath();
    const bool inLibexec = dir.endsWith(QLatin1String("/libexec/attentivechrome"));
    return QDir::cleanPath(dir + (inLibexec ? QStringLiteral("/../..") : QStringLiteral("/..")));
}

QString binProgram(const QString& name)
{
    return prefix() + QStringLiteral("/bin/") + name;
}

QString libexecProgram(const QString& name)
{
    return prefix() + QStringLiteral("/libexec/attentivechrome/") + name;
}

QString dataFile(const QString& name)
{
    return prefix() + QStringLiteral("/share/attentivechrome/") + name;
}

QString execLibexecProgram(const QString& name, char** argv)
{
    setRuntimeEnvironment();
    const QString program = libexecProgram(name);
    ::execv(QFile::encodeName(program).constData(), argv);
    return QStringLiteral("cannot start %1: %2")
        .arg(program, QString::fromLocal8Bit(std::strerror(errno)));
}

} // namespace ac::install
