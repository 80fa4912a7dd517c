#pragma once

#include "data/Simulator.h"
#include "domain/Progress.h"

#include <QString>

namespace ac
{

/**
 * Simulates `config` and writes it as a REMC download would lay it out, so that pipelines
 * (the cluster workflow, a user's own scripts) can be tried end to end without real data:
 * `<root>/<cell>/classification/{train,valid,test}.csv` (DeepChrome columns, no header) and the
 * H3K27ac track as a binned CSV `<root>/<cell>/H3K27ac.csv` (`GeneID,BinID,value`).
 *
 * `root` and the cell folders are created when missing; each file is written through a temporary
 * file and renamed, so a file is either complete or absent. Returns false with `error` naming the
 * file on failure, or "cancelled" when `progress` returns false. Runs in the calling thread.
 */
bool writeSimulatedRemc(const QString& root, const SimulationConfig& config,
                        const ProgressCallback& progress, QString* error);

} // namespace ac
