#include "jobs/SimulatedRemc.h"

#include <QDir>
#include <QSaveFile>

namespace ac
{

namespace
{

/// Writes `text` to `path` atomically; false with `error` naming the file.
bool writeFile(const QString& path, const QByteArray& text, QString* error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size() || !file.commit()) {
        *error = QStringLiteral("%1: cannot write: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

/// The DeepChrome rows of the genes of `split`: GeneID, BinID (1-based), the marks, label.
QByteArray classificationCsv(const CellData& cell, Split split)
{
    QByteArray text;
    for (int g = 0; g < cell.geneCount(); ++g) {
        if (cell.splits[static_cast<std::size_t>(g)] != split)
            continue;
        const QByteArray id = cell.genes[static_cast<std::size_t>(g)].remcId.toUtf8();
        const QByteArray label = QByteArray::number(cell.labels[static_cast<std::size_t>(g)]);
        const float* v = cell.geneValues(g);
        for (int b = 0; b < cell.binCount; ++b) {
            text += id + ',' + QByteArray::number(b + 1);
            for (int m = 0; m < cell.markCount; ++m)
                text += ',' + QByteArray::number(v[b * cell.markCount + m], 'g', 9);
            text += ',' + label + '\n';
        }
    }
    return text;
}

/// The track as a binned CSV: GeneID, BinID (1-based), value.
QByteArray trackCsv(const CellData& cell, const TrackData& track)
{
    QByteArray text;
    for (int g = 0; g < cell.geneCount(); ++g) {
        const QByteArray id = cell.genes[static_cast<std::size_t>(g)].remcId.toUtf8();
        for (int b = 0; b < track.binCount; ++b)
            text += id + ',' + QByteArray::number(b + 1) + ',' +
                    QByteArray::number(
                        track.values[static_cast<std::size_t>(g) * track.binCount + b], 'g', 9) +
                    '\n';
    }
    return text;
}

bool writeCell(const QString& root, const SimulatedCell& simulated, QString* error)
{
    const CellData& cell = simulated.cell;
    const QString folder = QDir(root).filePath(cell.name + QStringLiteral("/classification"));
    if (!QDir().mkpath(folder)) {
        *error = QStringLiteral("%1: cannot create the folder").arg(folder);
        return false;
    }
    for (Split s : {Split::Train, Split::Valid, Split::Test})
        if (!writeFile(QDir(folder).filePath(splitName(s) + QStringLiteral(".csv")),
                       classificationCsv(cell, s), error))
            return false;
    return writeFile(QDir(root).filePath(cell.name + QStringLiteral("/H3K27ac.csv")),
                     trackCsv(cell, simulated.h3k27ac), error);
}

} // namespace

bool writeSimulatedRemc(const QString& root, const SimulationConfig& config,
                        const ProgressCallback& progress, QString* error)
{
    if (const QString invalid = config.validate(); !invalid.isEmpty()) {
        *error = invalid;
        return false;
    }
    if (!QDir().mkpath(root)) {
        *error = QStringLiteral("%1: cannot create the folder").arg(root);
        return false;
    }
    const Simulator simulator(config);
    for (int c = 0; c < config.cells; ++c) {
        if (progress &&
            !progress(Progress{double(c) / config.cells,
                               QStringLiteral("writing %1").arg(Simulator::cellName(c))})) {
            *error = QStringLiteral("cancelled");
            return false;
        }
        if (!writeCell(root, simulator.cell(c), error))
            return false;
    }
    return true;
}

} // namespace ac
