#include "PlotExport.h"

#include "QcpInclude.h"

#include <QFile>
#include <QFileInfo>
#include <QImageWriter>
#include <QPageSize>
#include <QPdfWriter>
#include <QSvgGenerator>

#include <algorithm>
#include <cmath>
#include <vector>

namespace ac
{

namespace
{

// Cells overlap their neighbours by this much (logical px): renderers antialias the edges of
// abutting rectangles into light hairlines; the next cell covers the overlap.
constexpr double kCellOverlap = 0.5;

/// Draws every cell of `map` as a filled rectangle in the current viewport's pixel coordinates.
void drawMapAsRects(QCPPainter* painter, QCPColorMap* map)
{
    QCPColorMapData* d = map->data();
    const int nx = d->keySize(), ny = d->valueSize();
    if (nx < 2 || ny < 1)
        return;
    QCPAxis* kx = map->keyAxis();
    QCPAxis* vy = map->valueAxis();
    const double dx = (d->keyRange().upper - d->keyRange().lower) / (nx - 1);
    const double dy = ny > 1 ? (d->valueRange().upper - d->valueRange().lower) / (ny - 1) : 1.0;
    const QCPRange range = map->dataRange();
    QCPColorGradient grad = map->gradient();
    painter->save();
    painter->setClipRect(kx->axisRect()->rect());
    painter->setPen(Qt::NoPen);
    for (int j = 0; j < ny; ++j) {
        for (int i = 0; i < nx; ++i) {
            double key, value;
            d->cellToCoord(i, j, &key, &value);
            const double v = d->cell(i, j);
            if (std::isnan(v))
                continue;
            const double px0 = kx->coordToPixel(key - dx / 2), px1 = kx->coordToPixel(key + dx / 2);
            const double py0 = vy->coordToPixel(value - dy / 2),
                         py1 = vy->coordToPixel(value + dy / 2);
            QRgb c = 0;
            grad.colorize(&v, range, &c, 1);
            painter->setBrush(QColor::fromRgba(c));
            painter->drawRect(
                QRectF(QPointF(std::min(px0, px1), std::min(py0, py1)),
                       QPointF(std::max(px0, px1), std::max(py0, py1)))
                    .adjusted(-kCellOverlap, -kCellOverlap, kCellOverlap, kCellOverlap));
        }
    }
    painter->restore();
}

/// Paints `plot` on `painter` at `size` logical px: `title` (if any) in a row of its own on top,
/// then the plot with its colour maps drawn as rectangles. A font size `fontPt` (> 0) for the
/// tick labels lays the plot out on a canvas larger (or smaller) by (their size / fontPt) and
/// scales that down to `size`: every text and line shrinks alike and the layout stays the one
/// the plot was designed for.
void paintFigure(QCustomPlot* plot, QCPPainter* painter, QSize physical, const QString& title,
                 double fontPt)
{
    double reference = 0;
    if (plot->axisRectCount() > 0)
        reference = plot->axisRect()->axis(QCPAxis::atLeft)->tickLabelFont().pointSizeF();
    const double scale = fontPt > 0 && reference > 0 ? reference / fontPt : 1.0;
    const QSize size(std::max(1, int(std::lround(physical.width() * scale))),
                     std::max(1, int(std::lround(physical.height() * scale))));
    painter->scale(1 / scale, 1 / scale);
    int top = 0;
    if (!title.isEmpty()) {
        QFont f(QStringLiteral("sans"));
        f.setPointSizeF((reference > 0 ? reference : 9.0) * 1.15);
        f.setBold(true);
        top = QFontMetrics(f).height() * 3 / 2;
        painter->fillRect(QRect(0, 0, size.width(), top), Qt::white);
        painter->setFont(f);
        painter->setPen(Qt::black);
        painter->drawText(QRect(0, 0, size.width(), top), Qt::AlignCenter, title);
    }
    std::vector<QCPColorMap*> maps;
    for (int i = 0; i < plot->plottableCount(); ++i)
        if (auto* m = qobject_cast<QCPColorMap*>(plot->plottable(i)); m && m->visible())
            maps.push_back(m);
    for (QCPColorMap* m : maps)
        m->setVisible(false);
    const QRect oldViewport = plot->viewport();
    const QSize plotSize(size.width(), std::max(1, size.height() - top));
    painter->translate(0, top);
    plot->toPainter(painter, plotSize.width(), plotSize.height());
    // toPainter restored the viewport; lay out again at the figure's size so the cells land on
    // the axes as drawn.
    plot->setViewport(QRect(QPoint(0, 0), plotSize));
    plot->plotLayout()->update(QCPLayoutElement::upPreparation);
    plot->plotLayout()->update(QCPLayoutElement::upMargins);
    plot->plotLayout()->update(QCPLayoutElement::upLayout);
    for (QCPColorMap* m : maps)
        drawMapAsRects(painter, m);
    for (QCPColorMap* m : maps)
        m->setVisible(true);
    plot->setViewport(oldViewport);
}

/// Begins `painter` on `device` in the vector modes QCustomPlot needs for file output.
bool begin(QCPPainter* painter, QPaintDevice* device)
{
    if (!painter->begin(device))
        return false;
    painter->setMode(QCPPainter::pmVectorized);
    painter->setMode(QCPPainter::pmNoCaching);
    painter->setMode(QCPPainter::pmNonCosmetic);
    return true;
}

bool savePng(QCustomPlot* plot, const QString& file, const FigureSize& size, const QString& title,
             QString* error)
{
    if (size.dpi < 30 || size.dpi > 2400) {
        *error = QStringLiteral("%1: DPI %2 out of range (30-2400)").arg(file).arg(size.dpi);
        return false;
    }
    const QSize px = size.pixels();
    const double scale = size.dpi / 96.0;
    QImage image(QSize(int(std::lround(px.width() * scale)), int(std::lround(px.height() * scale))),
                 QImage::Format_RGB32);
    image.fill(Qt::white);
    QCPPainter painter;
    if (!begin(&painter, &image)) {
        *error = QStringLiteral("%1: cannot draw a %2 × %3 pixel image")
                     .arg(file)
                     .arg(image.width())
                     .arg(image.height());
        return false;
    }
    painter.setRenderHint(QPainter::Antialiasing);
    painter.scale(scale, scale);
    paintFigure(plot, &painter, px, title, size.fontPt);
    painter.end();
    // Set after drawing: the fonts' point sizes were laid out at 96 per inch like the plot.
    image.setDotsPerMeterX(int(std::lround(size.dpi / 0.0254)));
    image.setDotsPerMeterY(int(std::lround(size.dpi / 0.0254)));
    QImageWriter writer(file, "png");
    if (!writer.write(image)) {
        *error = QStringLiteral("%1: cannot write PNG: %2").arg(file, writer.errorString());
        return false;
    }
    return true;
}

bool saveSvg(QCustomPlot* plot, const QString& file, const FigureSize& size, const QString& title,
             QString* error)
{
    const QSize px = size.pixels();
    QSvgGenerator gen;
    gen.setFileName(file);
    // 96 per inch like the PNG and the PDF (the default, 72, makes the SVG a third wider).
    gen.setResolution(96);
    gen.setSize(px);
    gen.setViewBox(QRect(QPoint(0, 0), px));
    gen.setTitle(title.isEmpty() ? QStringLiteral("AttentiveChrome Studio figure") : title);
    QCPPainter painter;
    if (!begin(&painter, &gen)) {
        *error = QStringLiteral("%1: cannot write SVG").arg(file);
        return false;
    }
    paintFigure(plot, &painter, px, title, size.fontPt);
    painter.end();
    if (!QFileInfo(file).isFile() || QFileInfo(file).size() == 0) {
        *error = QStringLiteral("%1: cannot write SVG").arg(file);
        return false;
    }
    return true;
}

bool savePdf(QCustomPlot* plot, const QString& file, const FigureSize& size, const QString& title,
             QString* error)
{
    {
        QFile probe(file);
        if (!probe.open(QIODevice::WriteOnly)) {
            *error = QStringLiteral("%1: cannot write PDF: %2").arg(file, probe.errorString());
            return false;
        }
    }
    const QSize px = size.pixels();
    QPdfWriter writer(file);
    writer.setResolution(96);
    writer.setPageSize(QPageSize(QSizeF(size.widthMm, size.heightMm), QPageSize::Millimeter));
    writer.setPageMargins(QMarginsF(0, 0, 0, 0));
    writer.setCreator(QStringLiteral("AttentiveChrome Studio"));
    writer.setTitle(title);
    QCPPainter painter;
    if (!begin(&painter, &writer)) {
        *error = QStringLiteral("%1: cannot write PDF").arg(file);
        return false;
    }
    paintFigure(plot, &painter, px, title, size.fontPt);
    painter.end();
    return true;
}

} // namespace

bool PlotExport::save(QCustomPlot* plot, const QString& format, const QString& file,
                      const FigureSize& size, QString* error, const QString& title)
{
    const QString f = format.toLower();
    bool ok = false;
    if (f == QLatin1String("png"))
        ok = savePng(plot, file, size, title, error);
    else if (f == QLatin1String("svg"))
        ok = saveSvg(plot, file, size, title, error);
    else if (f == QLatin1String("pdf"))
        ok = savePdf(plot, file, size, title, error);
    else
        *error = QStringLiteral("%1: unknown figure format '%2' (png, svg, pdf)").arg(file, format);
    plot->replot(QCustomPlot::rpQueuedReplot);
    return ok;
}

} // namespace ac
