#include "PlotPalette.h"

#include "QcpInclude.h"

#include <iterator>

namespace ac
{

QColor PlotPalette::markColour(int mark)
{
    static const QColor colours[] = {QColor(0x1f, 0x77, 0xb4), QColor(0x2c, 0xa0, 0x2c),
                                     QColor(0xff, 0x7f, 0x0e), QColor(0xd6, 0x27, 0x28),
                                     QColor(0x94, 0x67, 0xbd)};
    return colours[(mark % 5 + 5) % 5];
}

QColor PlotPalette::seriesColour(int i)
{
    static const QColor colours[] = {QColor(0x1f, 0x77, 0xb4), QColor(0xd6, 0x27, 0x28),
                                     QColor(0x2c, 0xa0, 0x2c), QColor(0x94, 0x67, 0xbd),
                                     QColor(0xff, 0x7f, 0x0e), QColor(0x8c, 0x56, 0x4b),
                                     QColor(0xe3, 0x77, 0xc2), QColor(0x7f, 0x7f, 0x7f),
                                     QColor(0xbc, 0xbd, 0x22), QColor(0x17, 0xbe, 0xcf)};
    constexpr int n = int(std::size(colours));
    return colours[(i % n + n) % n];
}

QColor PlotPalette::onColour()
{
    return QColor(0xd6, 0x27, 0x28);
}

QColor PlotPalette::offColour()
{
    return QColor(0x1f, 0x77, 0xb4);
}

QColor PlotPalette::onLightColour()
{
    return QColor(0xf0, 0xa0, 0xa0);
}

QColor PlotPalette::betaColour()
{
    return QColor(0x4c, 0x72, 0xb0);
}

QColor PlotPalette::barOutlineColour()
{
    return QColor(40, 40, 40);
}

QColor PlotPalette::trackColour()
{
    return QColor(60, 60, 60);
}

QColor PlotPalette::tssLineColour()
{
    return QColor(120, 120, 120);
}

QStringList PlotPalette::gradientNames()
{
    return {QStringLiteral("Viridis"), QStringLiteral("Hot"), QStringLiteral("Thermal"),
            QStringLiteral("Jet"), QStringLiteral("Grayscale")};
}

QCPColorGradient PlotPalette::gradient(const QString& name, double aboveBand)
{
    QCPColorGradient g;
    if (name == QLatin1String("Hot")) {
        g = QCPColorGradient(QCPColorGradient::gpHot);
    } else if (name == QLatin1String("Grayscale")) {
        g = QCPColorGradient(QCPColorGradient::gpGrayscale);
    } else if (name == QLatin1String("Jet")) {
        g = QCPColorGradient(QCPColorGradient::gpJet);
    } else if (name == QLatin1String("Thermal")) {
        g = QCPColorGradient(QCPColorGradient::gpThermal);
    } else {
        // Viridis-like: perceptually ordered, readable in greyscale print.
        g.clearColorStops();
        g.setColorStopAt(0.0, QColor(68, 1, 84));
        g.setColorStopAt(0.25, QColor(59, 82, 139));
        g.setColorStopAt(0.5, QColor(33, 145, 140));
        g.setColorStopAt(0.75, QColor(94, 201, 98));
        g.setColorStopAt(1.0, QColor(253, 231, 37));
    }
    if (aboveBand > 0 && aboveBand < 1) {
        // The gradient's stops squeezed below the band; a hard edge at the band's start.
        QMap<double, QColor> stops;
        const QMap<double, QColor> old = g.colorStops();
        for (auto it = old.cbegin(); it != old.cend(); ++it)
            stops.insert(it.key() * (1 - aboveBand), it.value());
        stops.insert(1 - aboveBand + 1e-3, aboveRangeColour());
        stops.insert(1.0, aboveRangeColour());
        g.setColorStops(stops);
        g.setLevelCount(1000);
    }
    // Missing values (no run, wrong sizes) must not look like low attention.
    g.setNanHandling(QCPColorGradient::nhTransparent);
    return g;
}

QCPColorGradient PlotPalette::divergingGradient()
{
    QCPColorGradient g;
    g.clearColorStops();
    g.setColorStopAt(0.0, QColor(0x21, 0x66, 0xac));
    g.setColorStopAt(0.25, QColor(0x67, 0xa9, 0xcf));
    g.setColorStopAt(0.5, QColor(0xf7, 0xf7, 0xf7));
    g.setColorStopAt(0.75, QColor(0xef, 0x8a, 0x62));
    g.setColorStopAt(1.0, QColor(0xb2, 0x18, 0x2b));
    g.setNanHandling(QCPColorGradient::nhTransparent);
    return g;
}

QColor PlotPalette::aboveRangeColour()
{
    return QColor(0xff, 0x00, 0xff);
}

QBrush PlotPalette::noDataBrush()
{
    return QBrush(QColor(150, 150, 150), Qt::BDiagPattern);
}

} // namespace ac
