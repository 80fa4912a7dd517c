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

bool GeneFigure::savePng(GeneView& view, const QString& file, int dpi, QString* error, int width,
                         int height)
{
    QString err;
    const bool ok = PlotExport::savePng(view.plot(), file, width, height, dpi, &err);
    if (!ok && error)
        *error = err;
    return ok;
}

bool GeneFigure::saveSvg(GeneView& view, const QString& file, QString* error, int width, int height)
{
    QString err;
    const bool ok = PlotExport::saveSvg(view.plot(), file, width, height,
                                        QStringLiteral("AttentiveChrome gene figure"), &err);
    if (!ok && error)
        *error = err;
    return ok;
}

bool GeneFigure::savePdf(GeneView& view, const QString& file, QString* error, int width, int height)
{
    QString err;
    const bool ok = PlotExport::savePdf(view.plot(), file, width, height, &err);
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
        if (d.track.size() == std::size_t(d.binCount))
            out << '\t' << QString::number(d.track[b], 'g', 7);
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

bool GeneFigure::save(const GeneViewData& data, const QString& format, const QString& file, int dpi,
                      QString* error, const QString& gradient)
{
    const QString fmt = format.toLower();
    if (fmt == QLatin1String("tsv"))
        return saveTsv(data, file, error);
    GeneView view;
    view.resize(kDefaultWidth, kDefaultHeight);
    if (!gradient.isEmpty())
        view.setGradient(gradient);
    view.setData(data);
    if (fmt == QLatin1String("png"))
        return savePng(view, file, dpi, error);
    if (fmt == QLatin1String("svg"))
        return saveSvg(view, file, error);
    if (fmt == QLatin1String("pdf"))
        return savePdf(view, file, error);
    if (error)
        *error = QStringLiteral("unknown export format '%1' (png, svg, pdf, tsv)").arg(format);
    return false;
}

QString GeneFigure::fileStem(const GeneViewData& d)
{
    QString s = !d.gene.symbol.isEmpty()      ? d.gene.symbol
                : !d.gene.ensemblId.isEmpty() ? d.gene.ensemblId
                                              : d.gene.remcId;
    s.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]")), QStringLiteral("_"));
    return s.isEmpty() ? QStringLiteral("gene") : s;
}

} // namespace ac
