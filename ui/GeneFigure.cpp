#include "GeneFigure.h"

#include "GeneView.h"
#include "PlotExport.h"

#include "QcpInclude.h"

#include <QFile>
#include <QRegularExpression>
#include <QTextStream>

#include <cmath>

namespace ac
{

FigureSize GeneFigure::defaultSize(int dpi)
{
    return FigureSize::fromPixels(QSize(kDefaultWidth, kDefaultHeight), dpi);
}

bool GeneFigure::save(GeneView& view, const QString& format, const QString& file,
                      const FigureSize& size, QString* error)
{
    QString err;
    const bool ok = PlotExport::save(view.plot(), format, file, size, &err);
    if (!ok && error)
        *error = err;
    return ok;
}

bool GeneFigure::saveTsv(const GeneViewData& d, const QString& file, QString* error)
{
    QFile f(file);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Text)) {
        if (error)
            *error = QStringLiteral("%1: cannot write TSV: %2").arg(file, f.errorString());
        return false;
    }
    QTextStream out(&f);
    const bool valuesOk = d.values.size() == std::size_t(d.binCount) * d.markCount;
    const bool alphaOk = d.alpha.size() == std::size_t(d.binCount) * d.markCount;
    out << "# gene\t" << d.gene.symbol << '\t' << d.gene.ensemblId << '\t' << d.gene.remcId << '\n';
    out << "# cell\t" << d.cell << "\trun\t" << d.runId << '\n';
    const bool trackOk = d.track.size() == std::size_t(d.binCount);
    if (trackOk)
        out << "# " << d.trackName << ": NA marks bins without data\n";
    out << "# p_high\t" << (d.p >= 0 ? QString::number(d.p, 'g', 6) : QStringLiteral("NA"))
        << "\tlabel\t" << (d.label >= 0 ? QString::number(d.label) : QStringLiteral("NA")) << '\n';
    out << "bin\tstart_bp\tend_bp";
    for (const QString& m : d.markNames)
        out << '\t' << m;
    if (alphaOk)
        for (const QString& m : d.markNames)
            out << "\talpha_" << m;
    if (d.track.size() == std::size_t(d.binCount))
        out << '\t' << d.trackName;
    out << '\n';
    for (int b = 0; b < d.binCount; ++b) {
        const int s = d.windowStart + b * d.binSize;
        out << b + 1 << '\t' << s << '\t' << s + d.binSize;
        for (int m = 0; m < d.markCount; ++m)
            out << '\t'
                << (valuesOk ? QString::number(d.value(b, m), 'g', 7) : QStringLiteral("NA"));
        if (alphaOk)
            for (int m = 0; m < d.markCount; ++m)
                out << '\t' << QString::number(d.alphaAt(m, b), 'g', 7);
        if (trackOk)
            out << '\t'
                << (std::isnan(d.track[b]) ? QStringLiteral("NA")
                                           : QString::number(d.track[b], 'g', 7));
        out << '\n';
    }
    if (d.beta.size() == std::size_t(d.markCount)) {
        out << "\nmark\tbeta\n";
        for (int m = 0; m < d.markCount; ++m)
            out << d.markNames.value(m) << '\t' << QString::number(d.beta[m], 'g', 7) << '\n';
    }
    out.flush();
    if (f.error() != QFile::NoError) {
        if (error)
            *error = QStringLiteral("%1: write failed: %2").arg(file, f.errorString());
        return false;
    }
    return true;
}

bool GeneFigure::save(const GeneViewData& data, const QString& format, const QString& file,
                      const FigureSize& size, QString* error, const QString& gradient,
                      const AlphaScale& scale)
{
    const QString fmt = format.toLower();
    if (fmt == QLatin1String("tsv"))
        return saveTsv(data, file, error);
    if (fmt != QLatin1String("png") && fmt != QLatin1String("svg") && fmt != QLatin1String("pdf")) {
        if (error)
            *error = QStringLiteral("unknown export format '%1' (png, svg, pdf, tsv)").arg(format);
        return false;
    }
    GeneView view;
    view.resize(size.pixels());
    if (!gradient.isEmpty())
        view.setGradient(gradient);
    view.setAlphaScale(scale);
    view.setData(data);
    return save(view, fmt, file, size, error);
}

QString GeneFigure::fileStem(const GeneViewData& d)
{
    QString s = !d.gene.symbol.isEmpty()      ? d.gene.symbol
                : !d.gene.ensemblId.isEmpty() ? d.gene.ensemblId
                                              : d.gene.remcId;
    if (s.isEmpty())
        s = QStringLiteral("gene");
    // Cell and run in the name: one list exported for two cells or runs never overwrites.
    for (const QString& part : {d.cell, d.runId})
        if (!part.isEmpty())
            s += QLatin1Char('_') + part;
    s.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]")), QStringLiteral("_"));
    return s;
}

} // namespace ac
