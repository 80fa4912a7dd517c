// libFuzzer target: reading a stand-alone weights file (readWeightsFile, HDF5) from a scratch
// file. HDF5 itself is not instrumented: only crashes inside it are seen there.
#include "FuzzSupport.h"
#include "store/WeightsFile.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QString path = ac::fuzz::inputFile(data, size, ".h5");
    ac::Weights weights;
    QString error;
    if (ac::readWeightsFile(path, &weights, &error)) {
        for (const ac::WeightArray& w : weights) {
            std::size_t n = 1;
            for (std::int64_t d : w.shape)
                n *= static_cast<std::size_t>(d);
            if (n != w.values.size())
                std::abort(); // a parameter's values must fill its shape
        }
    } else if (error.isEmpty()) {
        std::abort();
    }
    return 0;
}
