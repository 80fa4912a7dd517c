#include "FigureExporter.h"

#include "CompareView.h"
#include "EvaluationView.h"
#include "GeneFigure.h"
#include "GeneView.h"
#include "PlotExport.h"
#include "QcpInclude.h"
#include "TrainingView.h"
#include "ValidationTab.h"
#include "ValidationView.h"
#include "session/StudySession.h"

#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QInputDialog>
#include <QMenu>
#include <QMessageBox>
#include <QTabWidget>
#include <QTextStream>

namespace ac
{

FigureExporter::FigureExporter(QWidget* dialogParent, const ExportedViews& views,
                               StudySession* session)
    : QObject(dialogParent), m_parent(dialogParent), m_views(views), m_session(session)
{
}

void FigureExporter::addActions(QMenu* menu)
{
    const auto add = [this, menu](const QString& text, void (FigureExporter::*f)(const QString&),
                                  const QString& format) {
        menu->addAction(text, this, [this, f, format] { (this->*f)(format); });
    };
    add(QStringLiteral("Gene panel as &PNG…"), &FigureExporter::exportGene, QStringLiteral("png"));
    add(QStringLiteral("Gene panel as &SVG…"), &FigureExporter::exportGene, QStringLiteral("svg"));
    add(QStringLiteral("Gene panel as P&DF…"), &FigureExporter::exportGene, QStringLiteral("pdf"));
    add(QStringLiteral("Numbers behind the figure (&TSV)…"), &FigureExporter::exportGene,
        QStringLiteral("tsv"));
    menu->addSeparator();
    add(QStringLiteral("Current tab's figures as P&NG…"), &FigureExporter::exportTabDialog,
        QStringLiteral("png"));
    add(QStringLiteral("Current tab's figures as S&VG…"), &FigureExporter::exportTabDialog,
        QStringLiteral("svg"));
    add(QStringLiteral("Current tab's figures as PD&F…"), &FigureExporter::exportTabDialog,
        QStringLiteral("pdf"));
    menu->addSeparator();
    menu->addAction(QStringLiteral("&Batch export gene list…"), this, &FigureExporter::exportBatch);
}

bool FigureExporter::askDpi(const QString& format, int* dpi)
{
    *dpi = 300;
    if (format != QLatin1String("png"))
        return true;
    bool ok = false;
    *dpi = QInputDialog::getInt(m_parent, QStringLiteral("Export PNG"),
                                QStringLiteral("Resolution (DPI)"), 300, 30, 2400, 50, &ok);
    return ok;
}

void FigureExporter::exportGene(const QString& format)
{
    if (m_session->geneIndex() < 0) {
        QMessageBox::information(m_parent, QStringLiteral("Export"),
                                 QStringLiteral("Select a gene first."));
        return;
    }
    int dpi = 300;
    if (!askDpi(format, &dpi))
        return;
    GeneView& view = *m_views.gene;
    const QString stem = GeneFigure::fileStem(view.data());
    const QString file = QFileDialog::getSaveFileName(m_parent, QStringLiteral("Export"),
                                                      stem + QLatin1Char('.') + format,
                                                      QStringLiteral("*.%1").arg(format));
    if (file.isEmpty())
        return;
    QString err;
    bool ok = false;
    if (format == QLatin1String("png"))
        ok = GeneFigure::savePng(view, file, dpi, &err);
    else if (format == QLatin1String("svg"))
        ok = GeneFigure::saveSvg(view, file, &err);
    else if (format == QLatin1String("pdf"))
        ok = GeneFigure::savePdf(view, file, &err);
    else
        ok = GeneFigure::saveTsv(view.data(), file, &err);
    if (!ok)
        QMessageBox::critical(m_parent, QStringLiteral("Export"), err);
    else
        Q_EMIT statusMessage(QStringLiteral("Wrote %1").arg(file), 5000);
}

bool FigureExporter::exportTabFigures(const QString& format, const QString& base, int dpi,
                                      QStringList* written, QString* error) const
{
    QList<QPair<QString, QCustomPlot*>> figures;
    const ExportedViews& v = m_views;
    QWidget* tab = v.tabs->currentWidget();
    if (tab == v.gene)
        figures = {{QStringLiteral("gene"), v.gene->plot()}};
    else if (tab == v.compare)
        figures = {{QStringLiteral("compare"), v.compare->genePlot()},
                   {QStringLiteral("on-off"), v.compare->aggregatePlot()}};
    else if (tab == v.training)
        figures = {{QStringLiteral("loss"), v.training->lossPlot()},
                   {QStringLiteral("auroc"), v.training->aurocPlot()}};
    else if (tab == v.evaluation)
        figures = {{QStringLiteral("roc"), v.evaluation->rocPlot()},
                   {QStringLiteral("pr"), v.evaluation->prPlot()}};
    else if (tab == v.validation)
        figures = {{QStringLiteral("validation"), v.validation->view()->figure()},
                   {QStringLiteral("gene-overlay"), v.validation->view()->genePlot()}};
    for (const auto& [name, plot] : figures) {
        if (plot->isHidden())
            continue;
        // What the user sees; a plot never laid out on screen gets a page-like size.
        const bool laidOut = plot->width() >= 200 && plot->height() >= 150;
        const QString file = QStringLiteral("%1-%2.%3").arg(base, name, format);
        if (!PlotExport::save(plot, format, file, laidOut ? plot->width() : 900,
                              laidOut ? plot->height() : 600, dpi, error))
            return false;
        *written << file;
    }
    if (written->isEmpty()) {
        *error = QStringLiteral("The %1 tab shows no figure to export.")
                     .arg(v.tabs->tabText(v.tabs->currentIndex()));
        return false;
    }
    return true;
}

void FigureExporter::exportTabDialog(const QString& format)
{
    int dpi = 300;
    if (!askDpi(format, &dpi))
        return;
    const QString stem = m_views.tabs->tabText(m_views.tabs->currentIndex()).toLower();
    const QString file = QFileDialog::getSaveFileName(
        m_parent, QStringLiteral("Export the %1 tab's figures").arg(stem),
        QStringLiteral("%1.%2").arg(stem, format), QStringLiteral("*.%1").arg(format));
    if (file.isEmpty())
        return;
    QString base = file;
    if (base.endsWith(QLatin1Char('.') + format, Qt::CaseInsensitive))
        base.chop(format.size() + 1);
    QStringList written;
    QString err;
    if (!exportTabFigures(format, base, dpi, &written, &err))
        QMessageBox::critical(m_parent, QStringLiteral("Export"), err);
    else
        Q_EMIT statusMessage(QStringLiteral("Wrote %1").arg(written.join(QStringLiteral(", "))),
                             8000);
}

void FigureExporter::exportBatch()
{
    if (m_session->cell().isEmpty())
        return;
    const QString list = QFileDialog::getOpenFileName(
        m_parent, QStringLiteral("Gene list (one symbol or Ensembl id per line)"), QString(),
        QStringLiteral("Text (*.txt *.tsv);;All files (*)"));
    if (list.isEmpty())
        return;
    bool ok = false;
    const QString format =
        QInputDialog::getItem(m_parent, QStringLiteral("Batch export"), QStringLiteral("Format"),
                              {QStringLiteral("png"), QStringLiteral("svg"), QStringLiteral("pdf"),
                               QStringLiteral("tsv")},
                              1, false, &ok);
    if (!ok)
        return;
    const QString dir =
        QFileDialog::getExistingDirectory(m_parent, QStringLiteral("Output folder"));
    if (dir.isEmpty())
        return;
    QFile f(list);
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text)) {
        QMessageBox::critical(m_parent, QStringLiteral("Batch export"),
                              QStringLiteral("%1: %2").arg(list, f.errorString()));
        return;
    }
    QTextStream in(&f);
    QStringList problems;
    const int written = writeBatch(in, list, format, dir, &problems);
    QString msg = QStringLiteral("Wrote %1 file(s) to %2.").arg(written).arg(dir);
    if (!problems.isEmpty())
        msg += QLatin1Char('\n') + problems.mid(0, 10).join(QLatin1Char('\n'));
    QMessageBox::information(m_parent, QStringLiteral("Batch export"), msg);
}

int FigureExporter::writeBatch(QTextStream& in, const QString& list, const QString& format,
                               const QString& dir, QStringList* problems)
{
    int written = 0, lineNo = 0;
    while (!in.atEnd()) {
        const QString name = in.readLine().section(QLatin1Char('\t'), 0, 0).trimmed();
        ++lineNo;
        if (name.isEmpty() || name.startsWith(QLatin1Char('#')))
            continue;
        const int g = m_session->findGene(name);
        if (g < 0) {
            *problems << QStringLiteral("%1:%2: unknown gene '%3'").arg(list).arg(lineNo).arg(name);
            continue;
        }
        QString err;
        const GeneViewData d = m_session->geneData(g, &err);
        if (!err.isEmpty())
            Q_EMIT statusMessage(err, 10000);
        err.clear();
        const QString out = QDir(dir).filePath(GeneFigure::fileStem(d) + QLatin1Char('.') + format);
        if (GeneFigure::save(d, format, out, 300, &err, m_views.gene->gradient()))
            ++written;
        else
            *problems << err;
    }
    return written;
}

} // namespace ac

#include "moc_FigureExporter.cpp"
