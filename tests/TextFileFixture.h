#pragma once

#include <QFile>
#include <QTemporaryDir>
#include <zlib.h>

/// Input files written by the tests of text readers (link ZLIB::ZLIB): `bytes` as file `name` in
/// `dir`, plain or gzip-compressed. Each returns the path, or an empty string when it could not
/// be written.
namespace ac::testing
{

inline QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& bytes)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        return {};
    return path;
}

inline QString writeGzip(const QTemporaryDir& dir, const QString& name, const QByteArray& bytes)
{
    const QString path = dir.filePath(name);
    gzFile gz = gzopen(QFile::encodeName(path).constData(), "wb");
    if (!gz)
        return {};
    const bool ok = gzwrite(gz, bytes.constData(), unsigned(bytes.size())) == int(bytes.size());
    return gzclose(gz) == Z_OK && ok ? path : QString();
}

} // namespace ac::testing
