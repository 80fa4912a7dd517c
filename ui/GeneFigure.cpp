#include "GeneFigure.h"

#include "GeneView.h"

#include "QcpInclude.h"

#include <QFile>
#include <QPageSize>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QSvgGenerator>
#include <QTextStream>

#include <cmath>

namespace ac {

namespace {

/// Draws every cell of `map` as a filled rectangle in the current viewport's pixel coordinates.
void drawMapAsRects(QCPPainter* painter, QCPColorMap* map)
{
    if (!map) return;
    QCPColorMapData* d = map->data();
    const int nx = d->keySize(), ny = d->valueSize();
    if (nx < 2 || ny < 1) return;
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
            if (std::isnan(v)) continue;
            const double px0 = kx->coordToPixel(key - dx / 2), px1 = kx->coordToPixel(key + dx / 2);
            const double py0 = vy->coordToPixel(value - dy / 2), py1 = vy->coordToPixel(value + dy / 2);
            QRgb c = 0;
            grad.colorize(&v, range, &c, 1);
            painter->setBrush(QColor::fromRgba(c));
            painter->drawRect(QRectF(QPointF(std::min(px0, px1), std::min(py0, py1)),
                                     QPointF(std::max(px0, px1), std::max(py0, py1))));
        }
    }
    painter->restore();
}

} // namespace

bool GeneFigure::renderVector(GeneView& view, QPaintDevice* device, int width, int height)
{
    QCustomPlot* plot = view.plot();
    const QRect oldViewport = plot->viewport();
    QCPColorMap* maps[] = {view.alphaMap(), view.attributionMap()};
    // QCPColorMap paints a bitmap; hide it and draw its cells as rectangles so SVG/PDF stay vector.
    for (QCPColorMap* m : maps)
        if (m) m->setVisible(false);
    QCPPainter painter;
    if (!painter.begin(device)) {
        for (QCPColorMap* m : maps)
            if (m) m->setVisible(true);
        return false;
    }
    painter.setMode(QCPPainter::pmVectorized);
    painter.setMode(QCPPainter::pmNoCaching);
    painter.setMode(QCPPainter::pmNonCosmetic);
    plot->setViewport(QRect(0, 0, width, height));
    plot->toPainter(&painter, width, height);
    // toPainter restored the viewport we set, so axis pixel coordinates match the drawing.
    plot->setViewport(QRect(0, 0, width, height));
    plot->plotLayout()->update(QCPLayoutElement::upPreparation);
    plot->plotLayout()->update(QCPLayoutElement::upMargins);
    plot->plotLayout()->update(QCPLayoutElement::upLayout);
    for (QCPColorMap* m : maps) drawMapAsRects(&painter, m);
    painter.end();
    for (QCPColorMap* m : maps)
        if (m) m->setVisible(true);
    plot->setViewport(oldViewport);
    plot->replot(QCustomPlot::rpQueuedReplot);
    return true;
}

bool GeneFigure::savePng(GeneView& view, const QString& file, int dpi, QString* error, int width,
                         int height)
{
    if (dpi < 30 || dpi > 2400) {
        if (error) *error = QStringLiteral("%1: DPI %2 out of range (30-2400)").arg(file).arg(dpi);
        return false;
    }
    // Logical size is in 96-per-inch units; scale so the printed size stays the same at any DPI.
    if (!view.plot()->savePng(file, width, height, dpi / 96.0, -1, dpi, QCP::ruDotsPerInch)) {
        if (error) *error = QStringLiteral("%1: cannot write PNG").arg(file);
        return false;
    }
    return true;
}

bool GeneFigure::saveSvg(GeneView& view, const QString& file, QString* error, int width, int height)
{
    QSvgGenerator gen;
    gen.setFileName(file);
    gen.setSize(QSize(width, height));
    gen.setViewBox(QRect(0, 0, width, height));
    gen.setTitle(QStringLiteral("AttentiveChrome gene figure"));
    if (!renderVector(view, &gen, width, height) || !QFileInfo(file).isFile()) {
        if (error) *error = QStringLiteral("%1: cannot write SVG").arg(file);
        return false;
    }
    return true;
}

bool GeneFigure::savePdf(GeneView& view, const QString& file, QString* error, int width, int height)
{
    {
        QFile probe(file);
        if (!probe.open(QIODevice::WriteOnly)) {
            if (error) *error = QStringLiteral("%1: cannot write PDF: %2").arg(file, probe.errorString());
            return false;
        }
    }
    QPdfWriter writer(file);
    writer.setResolution(96);
    writer.setPageSize(QPageSize(QSizeF(width * 72.0 / 96.0, height * 72.0 / 96.0), QPageSize::Point));
    writer.setPageMargins(QMarginsF(0, 0, 0, 0));
    writer.setCreator(QStringLiteral("AttentiveChrome Studio"));
    if (!renderVector(view, &writer, width, height)) {
        if (error) *error = QStringLiteral("%1: cannot write PDF").arg(file);
        return false;
    }
    return true;
}

bool GeneFigure::saveTsv(const GeneViewData& d, const QString& file, QString* error)
{
    QFile f(file);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Text)) {
        if (error) *error = QStringLiteral("%1: cannot write TSV: %2").arg(file, f.errorString());
        return false;
    }
    QTextStream out(&f);
    const bool valuesOk = d.values.size() == std::size_t(d.binCount) * d.markCount;
    const bool alphaOk = d.alpha.size() == std::size_t(d.binCount) * d.markCount;
    out << "# gene\t" << d.gene.symbol << '\t' << d.gene.ensemblId << '\t' << d.gene.remcId << '\n';
    out << "# cell\t" << d.cell << "\trun\t" << d.runId << '\n';
    out << "# p_high\t" << (d.p >= 0 ? QString::number(d.p, 'g', 6) : QStringLiteral("NA"))
        << "\tlabel\t" << (d.label >= 0 ? QString::number(d.label) : QStringLiteral("NA")) << '\n';
    out << "bin\tstart_bp\tend_bp";
    for (const QString& m : d.markNames) out << '\t' << m;
    if (alphaOk)
        for (const QString& m : d.markNames) out << "\talpha_" << m;
    if (d.track.size() == std::size_t(d.binCount)) out << '\t' << d.trackName;
    out << '\n';
    for (int b = 0; b < d.binCount; ++b) {
        const int s = d.windowStart + b * d.binSize;
        out << b + 1 << '\t' << s << '\t' << s + d.binSize;
        for (int m = 0; m < d.markCount; ++m)
            out << '\t' << (valuesOk ? QString::number(d.value(b, m), 'g', 7) : QStringLiteral("NA"));
        if (alphaOk)
            for (int m = 0; m < d.markCount; ++m) out << '\t' << QString::number(d.alphaAt(m, b), 'g', 7);
        if (d.track.size() == std::size_t(d.binCount)) out << '\t' << QString::number(d.track[b], 'g', 7);
        out << '\n';
    }
    if (d.beta.size() == std::size_t(d.markCount)) {
        out << "\nmark\tbeta\n";
        for (int m = 0; m < d.markCount; ++m)
            out << d.markNames.value(m) << '\t' << QString::number(d.beta[m], 'g', 7) << '\n';
    }
    out.flush();
    if (f.error() != QFile::NoError) {
        if (error) *error = QStringLiteral("%1: write failed: %2").arg(file, f.errorString());
        return false;
    }
    return true;
}

bool GeneFigure::save(const GeneViewData& data, const QString& format, const QString& file, int dpi,
                      QString* error, const QString& gradient)
{
    const QString fmt = format.toLower();
    if (fmt == QLatin1String("tsv")) return saveTsv(data, file, error);
    GeneView view;
    view.resize(kDefaultWidth, kDefaultHeight);
    if (!gradient.isEmpty()) view.setGradient(gradient);
    view.setData(data);
    if (fmt == QLatin1String("png")) return savePng(view, file, dpi, error);
    if (fmt == QLatin1String("svg")) return saveSvg(view, file, error);
    if (fmt == QLatin1String("pdf")) return savePdf(view, file, error);
    if (error) *error = QStringLiteral("unknown export format '%1' (png, svg, pdf, tsv)").arg(format);
    return false;
}

QString GeneFigure::fileStem(const GeneViewData& d)
{
    QString s = !d.gene.symbol.isEmpty() ? d.gene.symbol
              : !d.gene.ensemblId.isEmpty() ? d.gene.ensemblId : d.gene.remcId;
    s.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]")), QStringLiteral("_"));
    return s.isEmpty() ? QStringLiteral("gene") : s;
}

} // namespace ac
