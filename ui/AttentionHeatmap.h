#pragma once

#include <QString>
#include <QStringList>

#include <vector>

class QCPAxisRect;
class QCPColorMap;
class QCPColorScale;
class QCPMarginGroup;

namespace ac
{

/**
 * The attention heatmap of the gene, compare and validation figures: a QCPColorMap of marks
 * (rows, mark 0 on top, named) × bins over the TSS-relative axis (bp), filled from a marks × bins
 * vector, and the QCPColorScale beside it whose top and bottom line up with the map's axis rect
 * through a QCPMarginGroup.
 *
 * The QCustomPlot owns everything created here (the functions return non-owning pointers). GUI
 * thread only. Values of the wrong size never crash: the map shows transparent NaN cells.
 */
class AttentionHeatmap
{
public:
    /// A map in `rect`: y = the marks (`markNames`, `markCount` rows), x = windowStart ..
    /// windowStart + binCount × binSize bp; no grid, no interpolation.
    static QCPColorMap* create(QCPAxisRect* rect, const QStringList& markNames, int markCount,
                               int binCount, int windowStart, int binSize);
    /// Sets the cell grid of `map`: `binCount` × `markCount` cells centred on the bins.
    static void setShape(QCPColorMap* map, int markCount, int binCount, int windowStart,
                         int binSize);
    /// Fills `map` (in its shape) from marks × bins `values`; false and all NaN when the size
    /// does not match.
    static bool fill(QCPColorMap* map, const std::vector<float>& values);
    /// A colour scale on the right labelled `label`, in `group` (made when null) together with
    /// `rect`, the axis rect of its map. The caller places it in a layout and attaches maps.
    static QCPColorScale* createScale(QCPAxisRect* rect, const QString& label,
                                      QCPMarginGroup* group = nullptr);
    /// Widens lo..hi to the finite entries of `values`.
    static void growRange(const std::vector<float>& values, double* lo, double* hi);
};

} // namespace ac
