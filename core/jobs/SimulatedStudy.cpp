#include "jobs/SimulatedStudy.h"

#include "domain/GenomeAssembly.h"
#include "store/StudyEditor.h"

namespace ac
{

bool writeSimulatedStudy(const QString& path, const SimulationConfig& config,
                         const ProgressCallback& progress, QString* error, StudyEditor::Form form)
{
    if (const QString invalid = config.validate(); !invalid.isEmpty()) {
        *error = invalid;
        return false;
    }
    const std::unique_ptr<StudyEditor> editor = StudyEditor::begin(path, error, form);
    if (!editor)
        return false;
    const Simulator simulator(config);
    for (int c = 0; c < config.cells; ++c) {
        if (progress) {
            const Progress p{double(c) / config.cells,
                             QStringLiteral("simulating %1").arg(Simulator::cellName(c))};
            if (!progress(p)) {
                *error = QStringLiteral("cancelled");
                return false;
            }
        }
        SimulatedCell cell = simulator.cell(c);
        // Simulated loci are placed on hg19 chromosomes.
        cell.cell.assembly = GenomeAssembly::defaultName();
        cell.h3k27ac.assembly = cell.cell.assembly;
        if (!editor->writeCell(cell.cell, error) ||
            !editor->writeTrack(cell.cell.name, cell.h3k27ac, error))
            return false;
    }
    if (progress && !progress(Progress{1.0, QStringLiteral("writing %1").arg(path)})) {
        *error = QStringLiteral("cancelled");
        return false;
    }
    return editor->commit(error);
}

} // namespace ac
