#pragma once

#include <QSharedPointer>
#include <QString>
#include <QStringList>

#include <vector>

class QCPAxisRect;
class QCPAxisTickerText;
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
    /// Colours `map` (and its colour scale) with gradient `gradientName` from `lower` to `upper`.
    /// `markAbove`: values above `upper` get PlotPalette::aboveRangeColour(), shown as a band
    /// labelled "above" at the top of the colour bar. `uniform` > 0 adds a tick "uniform" there.
    static void applySequential(QCPColorMap* map, const QString& gradientName, double lower,
                                double upper, bool markAbove, double uniform = 0);
    /// Colours a signed `map` with PlotPalette::divergingGradient() over −m … +m, m the largest
    /// |value| of `values`: 0 is white whatever the gene.
    static void applyDiverging(QCPColorMap* map, const std::vector<float>& values);
    /// The colour bar's ticks for lower … upper: a few round values, "uniform" at `uniform`
    /// (when > 0 and inside) and "above" in the band of `bandTop` (when > upper). `stacked`: the
    /// uniform tick's value and word on two lines, for a horizontal bar, where the ticks beside
    /// it are closer than one line of text is wide.
    static QSharedPointer<QCPAxisTickerText> scaleTicker(double lower, double upper, double uniform,
                                                         double bandTop, bool stacked = false);
    /// Reserves room beside the bar of `scale` for its widest tick labels in its current fonts,
    /// so that changing values never moves the map (call after setting the fonts).
    static void keepWidthSteady(QCPColorScale* scale);
    /// Widens lo..hi to the finite entries of `values`.
    static void growRange(const std::vector<float>& values, double* lo, double* hi);
};

} // namespace ac
