// libFuzzer target: the streaming line reader (TextLineReader, plain or gzip through zlib) from a
// scratch file, and the in-memory gunzip() on the same bytes.
#include "FuzzSupport.h"
#include "data/Gunzip.h"
#include "data/TextLineReader.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QString path = ac::fuzz::inputFile(data, size, ".txt.gz");
    ac::TextLineReader reader;
    QString error;
    if (reader.open(path, &error)) {
        QByteArray line;
        double last = 0;
        while (reader.readLine(&line, &error)) {
            if (line.endsWith('\n'))
                std::abort(); // lines come without their ending
            const double f = reader.fraction();
            if (f < last || f > 1)
                std::abort();
            last = f;
        }
    }
    const QByteArray bytes =
        QByteArray::fromRawData(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    if (ac::isGzip(bytes)) {
        QByteArray out;
        if (!ac::gunzip(bytes, QStringLiteral("fuzz.gz"), &out, &error) && error.isEmpty())
            std::abort(); // a failure always says why
    }
    return 0;
}
