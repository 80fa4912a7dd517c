#include "FigureOptions.h"

namespace ac::cli
{

void addFigureSizeOptions(QCommandLineParser& p, const FigureSize& defaults)
{
    const QString width = QString::number(defaults.widthMm, 'f', 0);
    const QString height = QString::number(defaults.heightMm, 'f', 0);
    p.addOption({QStringLiteral("dpi"),
                 QStringLiteral("PNG resolution (default %1).").arg(defaults.dpi),
                 QStringLiteral("DPI"), QString::number(defaults.dpi)});
    p.addOption({QStringLiteral("width"),
                 QStringLiteral("Figure width, e.g. 89mm (one journal column), 183mm (two) or "
                                "3.5in; the same for PNG, SVG and PDF (default %1mm).")
                     .arg(width),
                 QStringLiteral("LENGTH")});
    p.addOption({QStringLiteral("height"),
                 QStringLiteral("Figure height (default: the width's proportions, %1mm at %2mm).")
                     .arg(height, width),
                 QStringLiteral("LENGTH")});
    p.addOption({QStringLiteral("font-size"),
                 QStringLiteral("Font size in points of the tick labels; other texts in "
                                "proportion (default: as on screen)."),
                 QStringLiteral("PT")});
}

bool parseFigureSize(const QCommandLineParser& p, const FigureSize& defaults, FigureSize* size,
                     QString* error)
{
    bool ok = false;
    const int dpi = p.value(QStringLiteral("dpi")).toInt(&ok);
    if (!ok || dpi < 30 || dpi > 2400) {
        *error = QStringLiteral("--dpi must be 30..2400");
        return false;
    }
    *size = defaults;
    size->dpi = dpi;
    double mm = 0;
    if (p.isSet(QStringLiteral("width"))) {
        if (!FigureSize::parseLength(p.value(QStringLiteral("width")), QStringLiteral("--width"),
                                     &mm, error))
            return false;
        *size = size->withWidth(mm);
    }
    if (p.isSet(QStringLiteral("height"))) {
        if (!FigureSize::parseLength(p.value(QStringLiteral("height")), QStringLiteral("--height"),
                                     &mm, error))
            return false;
        size->heightMm = mm;
    }
    if (p.isSet(QStringLiteral("font-size"))) {
        size->fontPt = p.value(QStringLiteral("font-size")).toDouble(&ok);
        if (!ok || size->fontPt < 4 || size->fontPt > 30) {
            *error = QStringLiteral("--font-size must be 4..30 (points)");
            return false;
        }
    }
    return true;
}

} // namespace ac::cli
