#include "PlotExport.h"

#include "QcpInclude.h"

#include <QFile>
#include <QFileInfo>
#include <QPageSize>
#include <QPdfWriter>
#include <QSvgGenerator>

#include <cmath>
#include <vector>

namespace ac
{

namespace
{

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
            painter->drawRect(QRectF(QPointF(std::min(px0, px1), std::min(py0, py1)),
                                     QPointF(std::max(px0, px1), std::max(py0, py1))));
        }
    }
    painter->restore();
}

/// Paints `plot` on a vector device at width × height, colour maps as rectangles.
bool renderVector(QCustomPlot* plot, QPaintDevice* device, int width, int height)
{
    std::vector<QCPColorMap*> maps;
    for (int i = 0; i < plot->plottableCount(); ++i)
        if (auto* m = qobject_cast<QCPColorMap*>(plot->plottable(i)); m && m->visible())
            maps.push_back(m);
    const QRect oldViewport = plot->viewport();
    for (QCPColorMap* m : maps)
        m->setVisible(false);
    QCPPainter painter;
    if (!painter.begin(device)) {
        for (QCPColorMap* m : maps)
            m->setVisible(true);
        return false;
    }
    painter.setMode(QCPPainter::pmVectorized);
    painter.setMode(QCPPainter::pmNoCaching);
    painter.setMode(QCPPainter::pmNonCosmetic);
    plot->setViewport(QRect(0, 0, width, height));
    plot->toPainter(&painter, width, height);
    // toPainter restored the viewport; lay out again at the figure's size so the cells land on
    // the axes as drawn.
    plot->setViewport(QRect(0, 0, width, height));
    plot->plotLayout()->update(QCPLayoutElement::upPreparation);
    plot->plotLayout()->update(QCPLayoutElement::upMargins);
    plot->plotLayout()->update(QCPLayoutElement::upLayout);
    for (QCPColorMap* m : maps)
        drawMapAsRects(&painter, m);
    painter.end();
    for (QCPColorMap* m : maps)
        m->setVisible(true);
    plot->setViewport(oldViewport);
    plot->replot(QCustomPlot::rpQueuedReplot);
    return true;
}

} // namespace

bool PlotExport::save(QCustomPlot* plot, const QString& format, const QString& file, int width,
                      int height, int dpi, QString* error)
{
    const QString f = format.toLower();
    if (f == QLatin1String("png"))
        return savePng(plot, file, width, height, dpi, error);
    if (f == QLatin1String("svg"))
        return saveSvg(plot, file, width, height, QString(), error);
    if (f == QLatin1String("pdf"))
        return savePdf(plot, file, width, height, error);
    *error = QStringLiteral("%1: unknown figure format '%2' (png, svg, pdf)").arg(file, format);
    return false;
}

bool PlotExport::savePng(QCustomPlot* plot, const QString& file, int width, int height, int dpi,
                         QString* error)
{
    if (dpi < 30 || dpi > 2400) {
        *error = QStringLiteral("%1: DPI %2 out of range (30-2400)").arg(file).arg(dpi);
        return false;
    }
    // Logical size is in 96-per-inch units; scale so the printed size stays the same at any DPI.
    if (!plot->savePng(file, width, height, dpi / 96.0, -1, dpi, QCP::ruDotsPerInch)) {
        *error = QStringLiteral("%1: cannot write PNG").arg(file);
        return false;
    }
    return true;
}

bool PlotExport::saveSvg(QCustomPlot* plot, const QString& file, int width, int height,
                         const QString& title, QString* error)
{
    QSvgGenerator gen;
    gen.setFileName(file);
    gen.setSize(QSize(width, height));
    gen.setViewBox(QRect(0, 0, width, height));
    gen.setTitle(title.isEmpty() ? QStringLiteral("AttentiveChrome Studio figure") : title);
    if (!renderVector(plot, &gen, width, height) || !QFileInfo(file).isFile() ||
        QFileInfo(file).size() == 0) {
        *error = QStringLiteral("%1: cannot write SVG").arg(file);
        return false;
    }
    return true;
}

bool PlotExport::savePdf(QCustomPlot* plot, const QString& file, int width, int height,
                         QString* error)
{
    {
        QFile probe(file);
        if (!probe.open(QIODevice::WriteOnly)) {
            *error = QStringLiteral("%1: cannot write PDF: %2").arg(file, probe.errorString());
            return false;
        }
    }
    QPdfWriter writer(file);
    writer.setResolution(96);
    writer.setPageSize(
        QPageSize(QSizeF(width * 72.0 / 96.0, height * 72.0 / 96.0), QPageSize::Point));
    writer.setPageMargins(QMarginsF(0, 0, 0, 0));
    writer.setCreator(QStringLiteral("AttentiveChrome Studio"));
    if (!renderVector(plot, &writer, width, height)) {
        *error = QStringLiteral("%1: cannot write PDF").arg(file);
        return false;
    }
    return true;
}

} // namespace ac
