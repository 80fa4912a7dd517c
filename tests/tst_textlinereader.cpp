// TextLineReader (issue 5: gzip-compressed bedGraph): line endings, long lines, plain and gzip
// files, truncated gzip, unreadable files.
#include "TextFileFixture.h"
#include "data/TextLineReader.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <sys/stat.h>

using namespace ac;

using ac::testing::writeFile;
using ac::testing::writeGzip;

namespace
{

QList<QByteArray> readAll(const QString& path, QString* error, double* lastFraction = nullptr)
{
    TextLineReader reader;
    QList<QByteArray> lines;
    if (!reader.open(path, error))
        return lines;
    QByteArray line;
    while (reader.readLine(&line, error))
        lines << line;
    if (lastFraction)
        *lastFraction = reader.fraction();
    return lines;
}

// A mix of LF and CRLF endings, an empty line, a line longer than the reader's 4 KiB chunk and a
// last line without a newline.
QByteArray sampleText()
{
    return QByteArray("chr1\t0\t10\t1\r\n\nchr1\t10\t20\t2\n") + QByteArray(10000, 'x') +
           QByteArray("\nlast line");
}

const QList<QByteArray> kSampleLines{"chr1\t0\t10\t1", "", "chr1\t10\t20\t2",
                                     QByteArray(10000, 'x'), "last line"};

} // namespace

class TestTextLineReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void plainFile()
    {
        QTemporaryDir dir;
        QString error;
        double fraction = 0;
        const QString path = writeFile(dir, QStringLiteral("a.bedGraph"), sampleText());
        QCOMPARE(readAll(path, &error, &fraction), kSampleLines);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(fraction, 1.0);
        TextLineReader reader;
        QVERIFY(reader.open(path, &error));
        QVERIFY(!reader.isCompressed());
    }

    void gzipFileByContent()
    {
        // Compressed data is recognised by its bytes, whatever the name says.
        QTemporaryDir dir;
        QString error;
        const QString path = writeGzip(dir, QStringLiteral("named-plain.bedGraph"), sampleText());
        QVERIFY(!path.isEmpty());
        QCOMPARE(readAll(path, &error), kSampleLines);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        TextLineReader reader;
        QVERIFY(reader.open(path, &error));
        QVERIFY(reader.isCompressed());
    }

    void emptyFile()
    {
        QTemporaryDir dir;
        QString error;
        QVERIFY(readAll(writeFile(dir, QStringLiteral("empty.bg"), {}), &error).isEmpty());
        QVERIFY(error.isEmpty());
    }

    void truncatedGzipIsAnError()
    {
        QTemporaryDir dir;
        QString error;
        const QString whole = writeGzip(dir, QStringLiteral("whole.gz"), sampleText().repeated(50));
        QFile f(whole);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        const QString cut =
            writeFile(dir, QStringLiteral("cut.bedGraph.gz"), bytes.left(bytes.size() / 2));
        const QList<QByteArray> lines = readAll(cut, &error);
        // Issue 13, finding 12: the error names the line reached (the one after the last read).
        QVERIFY2(
            error.startsWith(
                QStringLiteral("cut.bedGraph.gz:%1: damaged gzip data: ").arg(lines.size() + 1)),
            qPrintable(error));
        QVERIFY(lines.size() > 10);
    }

    // Issue 13, finding 12: a FIFO, a link loop or /dev/zero was "missing"; a FIFO must not block
    // and /dev/zero must not be read forever.
    void specialFilesAreNamed()
    {
        QTemporaryDir dir;
        QString error;
        TextLineReader reader;
        const QString fifo = dir.filePath(QStringLiteral("pipe.bedGraph"));
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        QVERIFY(!reader.open(fifo, &error));
        QCOMPARE(error, fifo + QStringLiteral(": a named pipe (FIFO), not a regular file"));
        const QString loop = dir.filePath(QStringLiteral("loop.bedGraph"));
        QVERIFY(QFile::link(loop, loop));
        QVERIFY(!reader.open(loop, &error));
        QCOMPARE(error, loop + QStringLiteral(": symbolic link loop"));
        QVERIFY(!reader.open(QStringLiteral("/dev/zero"), &error));
        QCOMPARE(error, QStringLiteral("/dev/zero: a device, not a regular file"));
        const QString viaLink = dir.filePath(QStringLiteral("zero.bedGraph"));
        QVERIFY(QFile::link(QStringLiteral("/dev/zero"), viaLink));
        QVERIFY(!reader.open(viaLink, &error));
        QCOMPARE(error, viaLink + QStringLiteral(": a device, not a regular file"));
    }

    void unreadableFile()
    {
        QTemporaryDir dir;
        QString error;
        TextLineReader reader;
        QVERIFY(!reader.open(dir.filePath(QStringLiteral("absent.bedGraph")), &error));
        QVERIFY2(error.endsWith(QStringLiteral("absent.bedGraph: no such file")),
                 qPrintable(error));
        QVERIFY(!reader.open(dir.path(), &error)); // a folder
        QByteArray line;
        QVERIFY(!reader.readLine(&line, &error));
    }
};

QTEST_GUILESS_MAIN(TestTextLineReader)
#include "tst_textlinereader.moc"
