#pragma once

#include "interpret/ClassOptimum.h"

#include <QStringList>
#include <vector>

class QCustomPlot;

namespace ac
{

/**
 * The class-optimal inputs of a run (issue 15, item 4): the ON and the OFF map (marks × bins
 * over the TSS-relative axis, AttentionHeatmap) side by side on one colour scale in reads per
 * bin, each titled with its class, steps, convergence and score.
 *
 * Takes plain ClassOptimum values; knows nothing of models. GUI thread only. An empty list
 * removes the maps (the caller hides the plot).
 */
class ClassOptimumFigure
{
public:
    /// Replaces what `plot` shows with `optima` (ON first, then OFF).
    static void draw(QCustomPlot* plot, const std::vector<ClassOptimum>& optima,
                     const QStringList& markNames);
};

} // namespace ac
