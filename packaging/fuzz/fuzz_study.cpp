// libFuzzer target: opening a study file and reading all of it (StudyFile over HDF5) from a
// scratch file: every cell (index, X, one gene's block), track, run, weights and results.
// HDF5 itself is not instrumented: only crashes inside it are seen there.
#include "FuzzSupport.h"
#include "store/StudyFile.h"

#include <cstdint>

namespace
{

void readCells(const ac::StudyFile& study)
{
    QString error;
    for (const QString& cell : study.cellNames()) {
        ac::CellData index;
        ac::CellData all;
        std::vector<float> gene;
        if (study.readCellIndex(cell, &index, &error) && index.geneCount() > 0)
            study.readGeneValues(cell, index.geneCount() - 1, &gene, &error);
        study.readCell(cell, &all, &error);
        for (const QString& track : study.trackNames(cell)) {
            ac::TrackData data;
            study.readTrack(cell, track, &data, &error);
        }
    }
}

void readRuns(const ac::StudyFile& study)
{
    QString error;
    for (const QString& id : study.runIds()) {
        ac::RunRecord run;
        ac::Weights weights;
        ac::RunResults results;
        study.readRun(id, &run, &error);
        study.readWeights(id, QStringLiteral("best"), &weights, &error);
        study.readWeights(id, QStringLiteral("last"), &weights, &error);
        if (study.hasResults(id))
            study.readResults(id, &results, &error);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QString path = ac::fuzz::inputFile(data, size, ".h5");
    QString error;
    const std::unique_ptr<ac::StudyFile> study = ac::StudyFile::open(path, &error);
    if (!study) {
        if (error.isEmpty())
            std::abort(); // a failure always says why
        return 0;
    }
    readCells(*study);
    readRuns(*study);
    return 0;
}
