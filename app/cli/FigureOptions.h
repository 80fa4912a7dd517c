#pragma once

#include "FigureSize.h"

#include <QCommandLineParser>
#include <QString>

namespace ac::cli
{

/// Adds --dpi, --width, --height and --font-size: a figure's physical size, the same for PNG,
/// SVG and PDF, as the GUI's figure-size dialog sets it. The help names `defaults`.
void addFigureSizeOptions(QCommandLineParser& parser, const FigureSize& defaults);

/// The size those options give, from `defaults` (--width alone keeps their proportions); false
/// with `error` naming the option when a value is unreadable or out of range.
bool parseFigureSize(const QCommandLineParser& parser, const FigureSize& defaults, FigureSize* size,
                     QString* error);

} // namespace ac::cli
