// libFuzzer target: the bedGraph track reader and its binning (BedGraphTrackReader,
// TrackBinner), plain or gzip-compressed, read from a scratch file.
#include "FuzzSupport.h"
#include "data/BedGraphTrackReader.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const std::vector<ac::GeneRecord> genes = ac::fuzz::genes();
    const QString path = ac::fuzz::inputFile(data, size, ".bedGraph");
    ac::BedGraphTrackReader reader(genes, QStringLiteral("H3K27ac"));
    const ac::TrackImportResult result = reader.read(path, {});
    if (result.ok && result.track.values.size() != genes.size() * 100)
        std::abort();
    return 0;
}
