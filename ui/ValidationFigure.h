#pragma once

#include "FigureSize.h"
#include "interpret/Agreement.h"

#include <QString>

class QCustomPlot;

namespace ac
{

/**
 * The validation figure of one mark: on top, the average profiles over genes predicted ON of the
 * track and of every map of that mark along the TSS-relative axis, each scaled to 0..1 so their
 * shapes compare (the track and α also over genes predicted OFF, dashed, on a scale shared with
 * their ON profile); below, for genes predicted ON, each map's Pearson r with the track per gene
 * (averaged over genes) and of its average map with the average track.
 *
 * Takes the plain AgreementReport; knows nothing of models. Needs a QApplication (offscreen is
 * fine); GUI thread only. save() returns false and sets `error` (naming the file) on failure.
 */
class ValidationFigure
{
public:
    static constexpr int kWidth = 900; ///< logical px (96 per inch)
    static constexpr int kHeight = 700;

    /// Replaces what `plot` shows with the figure of `mark` (e.g. "H3K4me3" or "sum").
    static void draw(QCustomPlot* plot, const AgreementReport& report, const QString& trackName,
                     const QString& mark);
    /// kWidth × kHeight at `dpi`.
    static FigureSize defaultSize(int dpi = 300);
    /// Writes the figure as "svg", "pdf" (vector) or "png" at `size` (see PlotExport).
    static bool save(const AgreementReport& report, const QString& trackName, const QString& mark,
                     const QString& format, const QString& file, const FigureSize& size,
                     QString* error);
};

} // namespace ac
