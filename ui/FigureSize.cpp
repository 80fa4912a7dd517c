#include "FigureSize.h"

#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace ac
{

namespace
{

constexpr double kPixelsPerInch = 96;

} // namespace

FigureSize FigureSize::fromPixels(QSize pixels, int dpi)
{
    FigureSize s;
    s.widthMm = pixels.width() * kMmPerInch / kPixelsPerInch;
    s.heightMm = pixels.height() * kMmPerInch / kPixelsPerInch;
    s.dpi = dpi;
    return s;
}

QSize FigureSize::pixels() const
{
    return QSize(std::max(1, int(std::lround(widthMm / kMmPerInch * kPixelsPerInch))),
                 std::max(1, int(std::lround(heightMm / kMmPerInch * kPixelsPerInch))));
}

FigureSize FigureSize::withWidth(double mm) const
{
    FigureSize s = *this;
    s.heightMm = widthMm > 0 ? heightMm * mm / widthMm : heightMm;
    s.widthMm = mm;
    return s;
}

bool FigureSize::parseLength(const QString& text, const QString& what, double* mm, QString* error)
{
    static const QRegularExpression re(
        QStringLiteral("^\\s*([0-9]+(?:\\.[0-9]*)?)\\s*(mm|cm|in)?\\s*$"));
    const QRegularExpressionMatch m = re.match(text);
    if (!m.hasMatch()) {
        *error = QStringLiteral("%1 '%2' is not a length such as 89mm or 3.5in").arg(what, text);
        return false;
    }
    const QString unit = m.captured(2);
    const double factor = unit == QLatin1String("in")   ? kMmPerInch
                          : unit == QLatin1String("cm") ? 10.0
                                                        : 1.0;
    *mm = m.captured(1).toDouble() * factor;
    if (*mm < 10 || *mm > 1000) {
        *error = QStringLiteral("%1 '%2' must be between 10 mm and 1 m").arg(what, text);
        return false;
    }
    return true;
}

} // namespace ac
