#include "data/Gunzip.h"

#include <zlib.h>

#include <algorithm>

namespace ac
{

bool isGzip(const QByteArray& data)
{
    return data.size() >= 2 && static_cast<unsigned char>(data[0]) == 0x1f &&
           static_cast<unsigned char>(data[1]) == 0x8b;
}

bool gunzip(const QByteArray& compressed, const QString& source, QByteArray* out, QString* error)
{
    z_stream zs{};
    // 16 + MAX_WBITS: expect a gzip header and trailer (not raw zlib).
    if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK) {
        *error = QStringLiteral("%1: cannot start gzip decompression").arg(source);
        return false;
    }
    QByteArray result;
    // Text compresses about 5-10x; start there and grow geometrically.
    result.resize(std::max<qsizetype>(compressed.size() * 6, 1 << 16));
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.constData()));
    zs.avail_in = static_cast<uInt>(compressed.size());
    qsizetype produced = 0;
    int rc = Z_OK;
    for (;;) {
        if (produced == result.size())
            result.resize(result.size() * 2);
        zs.next_out = reinterpret_cast<Bytef*>(result.data() + produced);
        zs.avail_out = static_cast<uInt>(std::min<qsizetype>(result.size() - produced, 1 << 30));
        const uInt before = zs.avail_out;
        rc = inflate(&zs, Z_NO_FLUSH);
        produced += before - zs.avail_out;
        if (rc == Z_STREAM_END) {
            if (zs.avail_in == 0)
                break;
            // Another gzip member follows (as written by `cat a.gz b.gz`).
            if (inflateReset(&zs) != Z_OK)
                break;
            continue;
        }
        if (rc != Z_OK && rc != Z_BUF_ERROR)
            break;
        if (rc == Z_BUF_ERROR && zs.avail_in == 0)
            break; // input ended before the stream did
    }
    const QString zlibMessage = QString::fromLatin1(zs.msg ? zs.msg : "corrupt stream");
    inflateEnd(&zs);
    if (rc != Z_STREAM_END) {
        // The line reached: the one the data broke off in (issue 13, finding 12).
        const qint64 line =
            std::count(result.constBegin(), result.constBegin() + produced, '\n') + 1;
        *error = rc == Z_BUF_ERROR
                     ? QStringLiteral("%1:%2: gzip data is truncated").arg(source).arg(line)
                     : QStringLiteral("%1:%2: damaged gzip data (%3)")
                           .arg(source)
                           .arg(line)
                           .arg(zlibMessage);
        return false;
    }
    result.resize(produced);
    *out = std::move(result);
    return true;
}

} // namespace ac
