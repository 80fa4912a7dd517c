#pragma once

#include <QByteArray>
#include <QString>

namespace ac
{

/// True when `data` starts with the gzip magic bytes (1f 8b).
bool isGzip(const QByteArray& data);

/**
 * Decompresses a whole gzip stream (also several concatenated members) held in memory.
 * Returns false and sets `error` ("<source>:<line>: ...", the line the data broke off in) when
 * the data is not valid gzip or is truncated. Reentrant.
 */
bool gunzip(const QByteArray& compressed, const QString& source, QByteArray* out, QString* error);

} // namespace ac
