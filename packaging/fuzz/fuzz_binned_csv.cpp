// libFuzzer target: the binned CSV track reader (BinnedCsvTrackReader), plain or gzip-compressed,
// read from a scratch file.
#include "FuzzSupport.h"
#include "data/BinnedCsvTrackReader.h"

#include <cmath>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const std::vector<ac::GeneRecord> genes = ac::fuzz::genes();
    const QString path = ac::fuzz::inputFile(data, size, ".csv");
    ac::BinnedCsvTrackReader reader(genes, QStringLiteral("H3K27ac"));
    const ac::TrackImportResult result = reader.read(path, {});
    // A successful read is one finite-or-NaN value per gene and bin; a failed one says why.
    if (result.ok && result.track.values.size() != genes.size() * 100)
        std::abort();
    for (float v : result.track.values)
        if (std::isinf(v))
            std::abort();
    return 0;
}
