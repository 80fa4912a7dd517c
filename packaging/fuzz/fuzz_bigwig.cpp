// libFuzzer target: opening and reading a bigWig track (BigWigTrackReader over libBigWig) from a
// scratch file. libBigWig itself is not instrumented: only crashes inside it are seen there.
#include "FuzzSupport.h"
#include "data/BigWigTrackReader.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const std::vector<ac::GeneRecord> genes = ac::fuzz::genes();
    const QString path = ac::fuzz::inputFile(data, size, ".bw");
    const ac::BigWigTrackReader reader(genes, QStringLiteral("H3K27ac"));
    const ac::TrackImportResult result = reader.read(path, {});
    if (result.ok && result.track.values.size() != genes.size() * 100)
        std::abort();
    return 0;
}
