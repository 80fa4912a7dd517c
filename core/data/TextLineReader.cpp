#include "data/TextLineReader.h"

#include "data/InputFile.h"

#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cstring>
#include <zlib.h>

namespace ac
{

struct TextLineReader::Handle {
    gzFile file = nullptr;
    ~Handle()
    {
        if (file)
            gzclose(file);
    }
};

TextLineReader::TextLineReader() = default;
TextLineReader::~TextLineReader() = default;

bool TextLineReader::open(const QString& path, QString* error)
{
    m_path = path;
    m_lineNo = 0;
    if (!checkInputFile(path, error)) // never a FIFO or /dev/zero: they would block or never end
        return false;
    const QFileInfo info(path);
    m_handle = std::make_unique<Handle>();
    m_handle->file = gzopen(QFile::encodeName(path).constData(), "rb");
    if (!m_handle->file) {
        *error = QStringLiteral("%1: cannot open: %2")
                     .arg(path, QString::fromLocal8Bit(std::strerror(errno)));
        m_handle.reset();
        return false;
    }
    gzbuffer(m_handle->file, 1 << 18); // fewer, larger reads: these files run to gigabytes
    m_size = std::max<double>(1, double(info.size()));
    m_compressed = gzdirect(m_handle->file) == 0;
    return true;
}

bool TextLineReader::readLine(QByteArray* line, QString* error)
{
    line->clear();
    if (!m_handle)
        return false;
    char buffer[4096];
    for (;;) {
        if (!gzgets(m_handle->file, buffer, sizeof buffer)) {
            int code = Z_OK;
            const char* message = gzerror(m_handle->file, &code);
            if (code != Z_OK && code != Z_STREAM_END) {
                // zlib prefixes its message with the path it was given.
                QString what = QString::fromLocal8Bit(message);
                const QString prefix = m_path + QStringLiteral(": ");
                if (what.startsWith(prefix))
                    what = what.mid(prefix.size());
                *error = QStringLiteral("%1:%2: %3: %4")
                             .arg(QFileInfo(m_path).fileName())
                             .arg(m_lineNo + 1)
                             .arg(m_compressed ? QStringLiteral("damaged gzip data")
                                               : QStringLiteral("cannot read"),
                                  what);
                return false;
            }
            break; // end of file; a last line without "\n" is still a line
        }
        const std::size_t n = std::strlen(buffer);
        line->append(buffer, qsizetype(n));
        if (n > 0 && buffer[n - 1] == '\n')
            break;
    }
    if (line->isEmpty())
        return false;
    ++m_lineNo;
    while (line->endsWith('\n') || line->endsWith('\r'))
        line->chop(1);
    return true;
}

double TextLineReader::fraction() const
{
    if (!m_handle)
        return 0;
    const double done =
        m_compressed ? double(gzoffset(m_handle->file)) : double(gztell(m_handle->file));
    return std::clamp(done / m_size, 0.0, 1.0);
}

} // namespace ac
