#pragma once

#include <QBrush>
#include <QColor>
#include <QString>
#include <QStringList>

class QCPColorGradient;

namespace ac
{

/**
 * The colours every figure draws with (gene, compare and validation views, and their exported
 * figures): one colour per histone mark, ON/OFF (label high/low), β bars, the cycle of series
 * colours for profiles, and the named colour gradients of the attention maps.
 *
 * Plain functions of constant data; any thread (QCPColorGradient is a value). Unknown gradient
 * names give Viridis.
 */
class PlotPalette
{
public:
    /// Colour of mark `mark` (0-based; cycles after the five REMC marks).
    static QColor markColour(int mark);
    /// The `i`-th colour of a series of curves (profiles of the validation and heatmap figures):
    /// ten distinct colours (Tableau 10), then again from the first.
    static constexpr int kSeriesColours = 10;
    static QColor seriesColour(int i);
    /// Genes labelled high (ON) and low (OFF).
    static QColor onColour();
    static QColor offColour();
    /// A lighter ON, for a second series beside onColour() bars.
    static QColor onLightColour();
    /// β bars of one gene, and the outline of bars.
    static QColor betaColour();
    static QColor barOutlineColour();
    /// A genome track (e.g. H3K27ac) drawn as a filled step line; the TSS marker line.
    static QColor trackColour();
    static QColor tssLineColour();

    /// Names of the attention maps' colour gradients, the default (Viridis) first.
    static QStringList gradientNames();
    /// The gradient called `name`; NaN cells are transparent (missing must not look like low).
    /// `aboveBand` > 0 squeezes it into 0 … 1 − aboveBand and fills the rest with
    /// aboveRangeColour(), for values above a fixed range.
    static QCPColorGradient gradient(const QString& name, double aboveBand = 0);
    /// Blue – white – red, for signed maps centred at 0 (input × gradient, integrated
    /// gradients, occlusion); NaN transparent.
    static QCPColorGradient divergingGradient();
    /// Cells above a fixed colour range: a magenta found in none of the gradients.
    static QColor aboveRangeColour();
    /// Bins of a genome track without data (NaN): a grey hatch, never the look of zero signal.
    static QBrush noDataBrush();
};

} // namespace ac
