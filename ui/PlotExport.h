#pragma once

#include "FigureSize.h"

#include <QString>

class QCustomPlot;

namespace ac
{

/**
 * Writes what a QCustomPlot shows to a file, "png", "svg" or "pdf", at one physical size
 * (FigureSize) whatever the format: the PNG has width × dpi / 25.4 pixels and that DPI, the SVG
 * the width in mm, the PDF page the same width. Colour maps, which QCustomPlot paints as bitmaps,
 * are drawn cell by cell as rectangles that overlap by half a pixel, so heatmaps stay vector and
 * show no hairline seams between cells. An optional title (e.g. naming the cell and the run) is
 * drawn above the plot; an optional font size (of the tick labels) lays the plot out on a
 * proportionally larger or smaller canvas scaled to the size, so all texts shrink or grow alike.
 *
 * Does not take ownership of the plot; it is redrawn at its own size and fonts afterwards. Needs
 * a QApplication (offscreen is fine); GUI thread only. Returns false and sets `error` (naming the
 * file) on failure.
 */
class PlotExport
{
public:
    static bool save(QCustomPlot* plot, const QString& format, const QString& file,
                     const FigureSize& size, QString* error, const QString& title = QString());
};

} // namespace ac
