#pragma once

#include "AlphaScale.h"
#include "FigureSize.h"
#include "domain/GeneViewData.h"

#include <QString>

class QCustomPlot;

namespace ac
{

class GeneView;

/**
 * Renders a gene figure to files without a window: PNG, SVG and PDF of one physical size (see
 * PlotExport; vector, the α and attribution heatmaps drawn as one rectangle per cell, not as an
 * embedded bitmap) and the numbers behind it as TSV.
 *
 * Needs a QApplication (offscreen platform is fine); GUI thread only. Every function returns
 * false and sets `error` (naming the file) on failure; nothing throws.
 */
class GeneFigure
{
public:
    static constexpr int kDefaultWidth = 900; ///< logical px (96 per inch): 238 × 265 mm
    static constexpr int kDefaultHeight = 1000;

    /// kDefaultWidth × kDefaultHeight at `dpi`, fonts as on screen.
    static FigureSize defaultSize(int dpi = 300);
    /// Exports what `view` shows (its data, colours, scale and zoom) as "png", "svg" or "pdf".
    static bool save(GeneView& view, const QString& format, const QString& file,
                     const FigureSize& size, QString* error);
    /// bins × marks signals, α and the track ("NA" where it has no data), then β per mark, p
    /// and label.
    static bool saveTsv(const GeneViewData& data, const QString& file, QString* error);

    /// Exports `data` in `format` ("png", "svg", "pdf", "tsv") using a temporary view with
    /// colour map `gradient` (empty: the default) and α colour scale `scale`.
    static bool save(const GeneViewData& data, const QString& format, const QString& file,
                     const FigureSize& size, QString* error, const QString& gradient = QString(),
                     const AlphaScale& scale = AlphaScale());

    /// File-name stem for a gene in a cell and run, e.g. "TP53_E123_run-3": symbol, else
    /// Ensembl id, else REMC id, then the cell and the run when known; unsafe chars replaced.
    static QString fileStem(const GeneViewData& data);
};

} // namespace ac
