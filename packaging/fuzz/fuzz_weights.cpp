// libFuzzer target: reading a stand-alone weights file the way import-weights does, through
// WeightsReaderProcess (the file is read by the child attentivechrome-read-weights, whose path
// CMake gives as AC_READ_WEIGHTS). HDF5 crashes on some damaged files (it is not instrumented);
// in the child that must become an error naming the file, never a crash of this process.
// The coverage fed back is this process's only: the mutations explore the reader's outcomes.
#include "FuzzSupport.h"
#include "store/WeightsReaderProcess.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QString path = ac::fuzz::inputFile(data, size, ".h5");
    ac::Weights weights;
    QString error;
    if (ac::WeightsReaderProcess(QStringLiteral(AC_READ_WEIGHTS)).read(path, &weights, &error)) {
        for (const ac::WeightArray& w : weights) {
            std::size_t n = 1;
            for (std::int64_t d : w.shape)
                n *= static_cast<std::size_t>(d);
            if (n != w.values.size())
                std::abort(); // a parameter's values must fill its shape
        }
    } else if (!error.startsWith(path)) {
        std::abort(); // every error names the file
    }
    return 0;
}
