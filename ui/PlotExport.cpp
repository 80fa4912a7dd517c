#include "PlotExport.h"

#include "QcpInclude.h"

#include <QFile>
#include <QFileInfo>
#include <QImageWriter>
#include <QPageSize>
#include <QPdfWriter>
#include <QSvgGenerator>

#include <cmath>
#include <functional>
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

/// Sets every text of a plot to `pt` × (its size / the size of the plot's tick labels) until
/// destroyed, which restores the fonts.
class FontScaler
{
public:
    FontScaler(QCustomPlot* plot, double pt)
    {
        if (pt <= 0 || plot->axisRectCount() == 0)
            return;
        const double reference =
            plot->axisRect()->axis(QCPAxis::atLeft)->tickLabelFont().pointSizeF();
        const double factor = pt / (reference > 0 ? reference : 9.0);
        const auto scaled = [factor](QFont f) {
            if (f.pointSizeF() > 0)
                f.setPointSizeF(f.pointSizeF() * factor);
            return f;
        };
        std::vector<QCPAxis*> axes;
        for (QCPAxisRect* r : plot->axisRects())
            for (QCPAxis* a : r->axes())
                axes.push_back(a);
        for (QCPLayoutElement* e : plot->plotLayout()->elements(true)) {
            if (auto* s = qobject_cast<QCPColorScale*>(e))
                axes.push_back(s->axis());
            else if (auto* t = qobject_cast<QCPTextElement*>(e))
                keep(t, &QCPTextElement::font, &QCPTextElement::setFont, scaled);
            else if (auto* l = qobject_cast<QCPLegend*>(e)) {
                keep(l, &QCPLegend::font, &QCPLegend::setFont, scaled);
                for (int i = 0; i < l->itemCount(); ++i)
                    keep(l->item(i), &QCPAbstractLegendItem::font, &QCPAbstractLegendItem::setFont,
                         scaled);
            }
        }
        for (QCPAxis* a : axes) {
            keep(a, &QCPAxis::tickLabelFont, &QCPAxis::setTickLabelFont, scaled);
            keep(a, &QCPAxis::labelFont, &QCPAxis::setLabelFont, scaled);
        }
        for (int i = 0; i < plot->itemCount(); ++i)
            if (auto* t = qobject_cast<QCPItemText*>(plot->item(i)))
                keep(t, &QCPItemText::font, &QCPItemText::setFont, scaled);
    }
    ~FontScaler()
    {
        for (auto it = m_restore.rbegin(); it != m_restore.rend(); ++it)
            (*it)();
    }
    FontScaler(const FontScaler&) = delete;
    FontScaler& operator=(const FontScaler&) = delete;

private:
    template <class T, class Scale>
    void keep(T* object, QFont (T::*get)() const, void (T::*set)(const QFont&), Scale scaled)
    {
        const QFont old = (object->*get)();
        (object->*set)(scaled(old));
        m_restore.push_back([object, set, old] { (object->*set)(old); });
    }

    std::vector<std::function<void()>> m_restore;
};

/// Paints `plot` on `painter` at `size` logical px: `title` (if any) in a row of its own on top,
/// then the plot with its colour maps drawn as rectangles.
void paintFigure(QCustomPlot* plot, QCPPainter* painter, QSize size, const QString& title,
                 double fontPt)
{
    FontScaler fonts(plot, fontPt);
    int top = 0;
    if (!title.isEmpty()) {
        QFont f(QStringLiteral("sans"));
        f.setPointSizeF((fontPt > 0 ? fontPt : 9.0) * 1.15);
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
