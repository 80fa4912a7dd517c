#pragma once

#include "domain/CellData.h"
#include "domain/TrackData.h"

#include <QString>
#include <cstdint>
#include <vector>

namespace ac
{

/// What to simulate. Plain value.
struct SimulationConfig {
    int cells = 3;
    int genesPerCell = 2000;
    std::uint64_t seed = 1;
    double trainFraction = 1.0 / 3.0; ///< REMC splits genes about evenly
    double validFraction = 1.0 / 3.0; ///< the test split gets the rest

    /// The bundled demo study: 3 cells × 2,000 genes, fixed seed.
    static SimulationConfig demo();
    /// Empty when valid, else a one-line reason.
    QString validate() const;
};

/// One simulated cell type: its input data, an H3K27ac-like track and the ground truth.
struct SimulatedCell {
    CellData cell;
    TrackData h3k27ac;            ///< "H3K27ac", genes × bins, same gene order as `cell`
    std::vector<float> activity;  ///< latent activity per gene (drives marks and labels)
    std::vector<int> promoterBin; ///< bin of the gene's promoter peak (0-based)
};

/**
 * Generates REMC-like studies with a known ground truth.
 *
 * Every gene has a latent activity per cell (a gene effect shared by the cells plus a cell
 * effect). Active genes carry a promoter H3K4me3 peak at a gene-specific offset near the TSS,
 * gene-body H3K36me3 downstream of it and H3K4me1 enhancer flanks; silent genes carry broad
 * H3K27me3; H3K9me3 is gene-specific background. Counts are overdispersed (gamma-Poisson,
 * i.e. negative binomial) at the read-count scale of the REMC files. Labels are a noisy
 * expression (activity + noise) above the cell's median, so even the latent activity only reaches
 * an AUROC of about 0.89 (the promoter H3K4me3 sum alone about 0.85), not 1. The H3K27ac track
 * peaks at the active promoter.
 *
 * Deterministic: the same config gives the same numbers with any standard library (own samplers
 * over std::mt19937_64, no std:: distributions; only exp/log/cos/pow come from libm). Cells are
 * independent of each other, so cell(i) can be generated alone. Const methods are thread-safe.
 */
class Simulator
{
public:
    explicit Simulator(const SimulationConfig& config);

    const SimulationConfig& config() const { return m_config; }
    /// "SimCell1", "SimCell2", ...
    static QString cellName(int index);
    /// Cell `index` (0-based, < config().cells).
    SimulatedCell cell(int index) const;

private:
    struct Gene {
        GeneRecord record;
        Split split = Split::Train;
        double baseActivity = 0;   ///< shared by all cells
        double promoterOffset = 0; ///< bp from the TSS, in gene orientation
        double heterochromatin = 1;
    };
    SimulationConfig m_config;
    std::vector<Gene> m_genes; ///< ordered train, valid, test (as REMC files come)
};

} // namespace ac
