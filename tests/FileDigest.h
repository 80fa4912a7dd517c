#pragma once

// SHA-256 of a file's bytes, for the tests that check a failed or abandoned write left a study
// byte-for-byte unchanged. Header-only helper of the tests, not a unit.

#include <QByteArray>
#include <QCryptographicHash>
#include <QFile>
#include <QString>

namespace ac::testing
{

/// Empty when the file cannot be read.
inline QByteArray fileDigest(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

} // namespace ac::testing
