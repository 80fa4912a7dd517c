#pragma once

#include "domain/GeneViewData.h"

#include <QString>

class QCustomPlot;

namespace ac
{

class GeneView;

/**
 * Renders a gene figure to files without a window: PNG (with DPI), SVG and PDF (vector; the α and
 * attribution heatmaps are drawn as one rectangle per cell, not as an embedded bitmap) and the
 * numbers behind it as TSV.
 *
 * Needs a QApplication (offscreen platform is fine); GUI thread only. Every function returns
 * false and sets `error` (naming the file) on failure; nothing throws.
 */
class GeneFigure
{
public:
    static constexpr int kDefaultWidth = 900; ///< logical px (96 per inch)
    static constexpr int kDefaultHeight = 1000;

    /// Exports what `view` shows (its data, colours and zoom).
    static bool savePng(GeneView& view, const QString& file, int dpi, QString* error,
                        int width = kDefaultWidth, int height = kDefaultHeight);
    static bool saveSvg(GeneView& view, const QString& file, QString* error,
                        int width = kDefaultWidth, int height = kDefaultHeight);
    static bool savePdf(GeneView& view, const QString& file, QString* error,
                        int width = kDefaultWidth, int height = kDefaultHeight);
    /// bins × marks signals and α, then β per mark, p and label.
    static bool saveTsv(const GeneViewData& data, const QString& file, QString* error);

    /// Exports `data` in `format` ("png", "svg", "pdf", "tsv") using a temporary view.
    static bool save(const GeneViewData& data, const QString& format, const QString& file, int dpi,
                     QString* error, const QString& gradient = QString());

    /// File-name stem for a gene: symbol, else Ensembl id, else REMC id; unsafe chars replaced.
    static QString fileStem(const GeneViewData& data);
};

} // namespace ac
