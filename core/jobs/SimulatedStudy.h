#pragma once

#include "data/Simulator.h"
#include "domain/Progress.h"
#include "store/StudyEditor.h"

#include <QString>

namespace ac
{

/**
 * Simulates `config` and writes every cell with its H3K27ac track into the study at `path`
 * through one StudyEditor: cells of the same name are replaced, other content is kept, and
 * nothing changes at `path` unless everything was written (atomic). A new study is created in
 * `form`. Returns false with `error` on failure or "cancelled" when `progress` returns false.
 * Runs in the calling thread.
 */
bool writeSimulatedStudy(const QString& path, const SimulationConfig& config,
                         const ProgressCallback& progress, QString* error,
                         StudyEditor::Form form = StudyEditor::Form::Unpacked);

} // namespace ac
