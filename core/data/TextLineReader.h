#pragma once

#include <QByteArray>
#include <QString>

#include <memory>

namespace ac
{

/**
 * Reads a text file line by line, plain or gzip-compressed (detected from the content, not the
 * name), streaming: memory stays at one buffer whatever the file size.
 *
 * Owns the open file; closes it on destruction. Use from one thread. open() and readLine() return
 * false and set `error` (naming the file) on failure; readLine() returns false without an error
 * at the end of the file. open() refuses what is not a regular file (checkInputFile()); a read
 * error names the line reached ("x.bedGraph.gz:1234: damaged gzip data: ...").
 */
class TextLineReader
{
public:
    TextLineReader();
    ~TextLineReader();
    TextLineReader(const TextLineReader&) = delete;
    TextLineReader& operator=(const TextLineReader&) = delete;

    bool open(const QString& path, QString* error);
    /// The next line without its line ending ("\n" or "\r\n"); false at the end or on error.
    bool readLine(QByteArray* line, QString* error);
    /// Share of the file (as stored, compressed or not) read so far, 0..1.
    double fraction() const;
    bool isCompressed() const { return m_compressed; }
    /// Lines returned so far.
    qint64 lineNumber() const { return m_lineNo; }

private:
    struct Handle; // zlib's gzFile, which reads plain files as they are
    std::unique_ptr<Handle> m_handle;
    QString m_path;
    double m_size = 1;
    bool m_compressed = false;
    qint64 m_lineNo = 0;
};

} // namespace ac
