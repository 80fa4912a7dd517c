#pragma once

#include <QSize>
#include <QString>

namespace ac
{

/**
 * The physical size of an exported figure, the same for PNG, SVG and PDF: width and height in
 * millimetres, the font size in points (0 keeps the fonts as drawn on screen) and the PNG
 * resolution. Figures are laid out in logical pixels of 1/96 inch; a PNG has width × dpi / 25.4
 * pixels, an SVG and a PDF page the width in mm.
 *
 * Plain value; any thread; never throws.
 */
struct FigureSize {
    static constexpr double kMmPerInch = 25.4;
    static constexpr double kOneColumnMm = 89;  ///< one journal column (Nature, Cell: 85–89 mm)
    static constexpr double kTwoColumnMm = 183; ///< the full page width of two columns

    double widthMm = 0;
    double heightMm = 0;
    double fontPt = 0; ///< 0: fonts as on screen
    int dpi = 300;     ///< PNG only

    /// A figure of `width` × `height` logical pixels (96 per inch).
    static FigureSize fromPixels(QSize pixels, int dpi = 300);
    /// Logical pixels (96 per inch), at least 1 × 1.
    QSize pixels() const;
    /// The same proportions at width `mm`.
    FigureSize withWidth(double mm) const;
    /// Parses a length "89mm", "3.5in", "8.9cm" or a bare number of mm; false (and `error`
    /// naming `what`) when unreadable or not within 10 … 1000 mm.
    static bool parseLength(const QString& text, const QString& what, double* mm, QString* error);
};

} // namespace ac
