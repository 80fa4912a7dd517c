// attentivechrome-read-weights IN OUT: the child of WeightsReaderProcess. Reads the weights file
// IN (which may be damaged and may crash HDF5: that is why this runs in its own process) and
// writes its parameters to OUT with the project's own writer. Exit codes: 0 written, 2 usage,
// 3 IN cannot be read or OUT cannot be written (the reason, naming the file, on stderr).
#include "store/WeightsFile.h"

#include <QString>

#include <cstdio>

int main(int argc, char** argv)
{
    if (argc != 3) {
        std::fprintf(stderr, "usage: %s IN OUT (run by attentivechrome-cli import-weights)\n",
                     argv[0]);
        return 2;
    }
    const QString in = QString::fromLocal8Bit(argv[1]);
    const QString out = QString::fromLocal8Bit(argv[2]);
    ac::Weights weights;
    QString error;
    if (!ac::readWeightsFile(in, &weights, &error) || !ac::writeWeightsFile(out, weights, &error)) {
        std::fprintf(stderr, "%s\n", error.toUtf8().constData());
        return 3;
    }
    return 0;
}
