#pragma once

// A simulated cell with planted attention for the heatmap tests (issue 15), and a study holding
// it with a run. Header-only helper of the tests, not a unit.

#include "data/Simulator.h"
#include "domain/RunResults.h"
#include "store/StudyEditor.h"

#include <QDateTime>

#include <cmath>
#include <random>

namespace ac::testing
{

/// The simulator's cell (X, labels, H3K27ac track) with planted results: genes of group B (a
/// seeded third of them) have α of H3K4me3 peaked at the TSS (bin 50), the others at bin 25
/// (every other mark at bin 50); p((g · 7919) mod n / n) is a known permutation of distinct values.
struct Planted {
    SimulatedCell sim;
    RunResults results;
    std::vector<bool> groupB;
};

inline Planted plantedCell(int genes)
{
    SimulationConfig cfg;
    cfg.cells = 1;
    cfg.genesPerCell = genes;
    cfg.seed = 5;
    Planted p;
    p.sim = Simulator(cfg).cell(0);
    RunResults& r = p.results;
    r.geneCount = genes;
    r.p.resize(std::size_t(genes));
    r.alpha.assign(std::size_t(genes) * 5 * 100, 0.0f);
    std::mt19937_64 rng(3);
    for (int g = 0; g < genes; ++g) {
        r.p[std::size_t(g)] = float((g * 7919) % genes) / float(genes);
        const bool b = rng() % 3 == 0;
        p.groupB.push_back(b);
        for (int m = 0; m < 5; ++m) {
            float* a = r.alpha.data() + (std::size_t(g) * 5 + std::size_t(m)) * 100;
            const double peak = m == 3 ? (b ? 50.0 : 25.0) : 50.0;
            double sum = 0;
            for (int bin = 0; bin < 100; ++bin) {
                const double noise = double(rng() % 1000) / 1000.0 * 0.01;
                a[bin] = float(std::exp(-std::pow((bin - peak) / 4.0, 2.0)) + 0.01 + noise);
                sum += a[bin];
            }
            for (int bin = 0; bin < 100; ++bin)
                a[bin] = float(a[bin] / sum);
        }
    }
    return p;
}

/// Writes `p`'s cell, its H3K27ac track and a complete run `runId` with its results into a new
/// study at `path`; returns the error or an empty string.
inline QString writePlantedStudy(const QString& path, const Planted& p, const QString& runId)
{
    QString error;
    auto editor = StudyEditor::begin(path, &error);
    RunRecord run;
    run.id = runId;
    run.cell = p.sim.cell.name;
    run.created = QDateTime::currentDateTimeUtc();
    run.status = QStringLiteral("complete");
    if (!editor || !editor->writeCell(p.sim.cell, &error) ||
        !editor->writeTrack(p.sim.cell.name, p.sim.h3k27ac, &error) ||
        !editor->writeRun(run, Weights(), Weights(), &error) ||
        !editor->writeResults(runId, p.results, &error) || !editor->commit(&error))
        return error;
    return QString();
}

} // namespace ac::testing
