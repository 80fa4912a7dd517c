// libFuzzer target: the REMC classification CSV parser (RemcCsvParser), in memory. The input is
// up to three split files (train, valid, test) separated by NUL bytes, so that checks across
// files (a gene given twice) are reached too.
#include "data/RemcCsvParser.h"

#include <cstdint>
#include <cstring>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const char* p = reinterpret_cast<const char*>(data);
    const char* const end = p + size;
    ac::RemcCsvParser parser(20);
    const ac::Split splits[] = {ac::Split::Train, ac::Split::Valid, ac::Split::Test};
    for (int file = 0; file < 3 && !parser.full(); ++file) {
        const char* nul = static_cast<const char*>(std::memchr(p, '\0', std::size_t(end - p)));
        const char* const e = file < 2 && nul ? nul : end;
        // A copy of exactly the file's bytes, so that ASan sees any read past its end.
        const QByteArray text(p, e - p);
        parser.parseFile(text.constData(), text.size(), QStringLiteral("split%1.csv").arg(file),
                         splits[file], [](qsizetype) { return true; });
        if (e == end)
            break;
        p = e + 1;
    }
    // What an import does next with the result.
    const std::size_t genes = parser.geneCount();
    const std::vector<float> values = parser.takeValues();
    const std::vector<std::uint8_t> labels = parser.takeLabels();
    const std::vector<ac::Split> taken = parser.takeSplits();
    if (values.size() != genes * 500 || labels.size() != genes || taken.size() != genes)
        std::abort();
    return 0;
}
