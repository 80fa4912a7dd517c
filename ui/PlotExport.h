#pragma once

#include <QString>

class QCustomPlot;

namespace ac
{

/**
 * Writes what a QCustomPlot shows to a file: "png" at a chosen DPI, "svg" and "pdf" as vectors.
 * Colour maps, which QCustomPlot paints as bitmaps, are drawn cell by cell as rectangles in SVG
 * and PDF, so heatmaps stay vector too. The figure has `width` × `height` logical pixels (96 per
 * inch) whatever the widget's size.
 *
 * Does not take ownership of the plot; it is redrawn at its own size afterwards. Needs a
 * QApplication (offscreen is fine); GUI thread only. Returns false and sets `error` (naming the
 * file) on failure.
 */
class PlotExport
{
public:
    static bool save(QCustomPlot* plot, const QString& format, const QString& file, int width,
                     int height, int dpi, QString* error);
    static bool savePng(QCustomPlot* plot, const QString& file, int width, int height, int dpi,
                        QString* error);
    static bool saveSvg(QCustomPlot* plot, const QString& file, int width, int height,
                        const QString& title, QString* error);
    static bool savePdf(QCustomPlot* plot, const QString& file, int width, int height,
                        QString* error);
};

} // namespace ac
