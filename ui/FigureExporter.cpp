#include "FigureExporter.h"

#include "CompareView.h"
#include "EvaluationView.h"
#include "FigureSizeDialog.h"
#include "GeneFigure.h"
#include "GeneView.h"
#include "PlotExport.h"
#include "QcpInclude.h"
#include "TrainingView.h"
#include "ValidationTab.h"
#include "ValidationView.h"
#include "data/GeneListFile.h"
#include "session/StudySession.h"

#include <QDir>
#include <QFileDialog>
#include <QInputDialog>
#include <QMenu>
#include <QMessageBox>
#include <QRegularExpression>
#include <QTabWidget>

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

namespace
{

// A size for figures never laid out on screen (a tab not yet shown).
QSize shownPixels(const QWidget* plot, QSize fallback)
{
    return plot->width() >= 200 && plot->height() >= 150 ? plot->size() : fallback;
}

QString safeFileName(QString s)
{
    s.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]")), QStringLiteral("_"));
    return s;
}

} // namespace

bool FigureExporter::askSize(const QString& format, QSize shownPixels, bool askHeight,
                             FigureSize* size)
{
    const FigureSize shown = FigureSize::fromPixels(shownPixels, m_last.dpi);
    FigureSize initial = m_last.widthMm > 0 ? shown.withWidth(m_last.widthMm) : shown;
    initial.fontPt = m_last.fontPt;
    if (!FigureSizeDialog::ask(m_parent, format, shown, askHeight, &initial))
        return false;
    m_last = initial;
    *size = initial;
    return true;
}

QString FigureExporter::cellAndRun() const
{
    QStringList parts;
    if (!m_session->cell().isEmpty())
        parts << QStringLiteral("cell %1").arg(m_session->cell());
    if (!m_session->runId().isEmpty())
        parts << QStringLiteral("run %1").arg(m_session->runId());
    return parts.join(QStringLiteral(" · "));
}

QString FigureExporter::defaultStem(const QString& what) const
{
    QStringList parts{what};
    for (const QString& part : {m_session->cell(), m_session->runId()})
        if (!part.isEmpty())
            parts << part;
    return safeFileName(parts.join(QLatin1Char('_')));
}

void FigureExporter::exportGene(const QString& format)
{
    if (m_session->geneIndex() < 0) {
        QMessageBox::information(m_parent, QStringLiteral("Export"),
                                 QStringLiteral("Select a gene first."));
        return;
    }
    GeneView& view = *m_views.gene;
    FigureSize size;
    if (format != QLatin1String("tsv") &&
        !askSize(
            format,
            shownPixels(view.plot(), QSize(GeneFigure::kDefaultWidth, GeneFigure::kDefaultHeight)),
            true, &size))
        return;
    const QString stem = GeneFigure::fileStem(view.data());
    const QString file = QFileDialog::getSaveFileName(m_parent, QStringLiteral("Export"),
                                                      stem + QLatin1Char('.') + format,
                                                      QStringLiteral("*.%1").arg(format));
    if (file.isEmpty())
        return;
    QString err;
    const bool ok = format == QLatin1String("tsv")
                        ? GeneFigure::saveTsv(view.data(), file, &err)
                        : GeneFigure::save(view, format, file, size, &err);
    if (!ok)
        QMessageBox::critical(m_parent, QStringLiteral("Export"), err);
    else
        Q_EMIT statusMessage(QStringLiteral("Wrote %1").arg(file), 5000);
}

bool FigureExporter::exportTabFigures(const QString& format, const QString& base,
                                      const FigureSize& size, QStringList* written,
                                      QString* error) const
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
                   {QStringLiteral("gene-overlay"), v.validation->view()->genePlot()},
                   {QStringLiteral("class-optimal"), v.validation->view()->classOptimumPlot()}};
    // The gene panel's header names the cell and the run already.
    const QString tabName = v.tabs->tabText(v.tabs->currentIndex()).remove(QLatin1Char('&'));
    const QString title =
        tab == v.gene ? QString() : QStringLiteral("%1 · %2").arg(tabName, cellAndRun());
    for (const auto& [name, plot] : figures) {
        if (plot->isHidden())
            continue;
        FigureSize own = FigureSize::fromPixels(shownPixels(plot, QSize(900, 600)), size.dpi);
        if (size.widthMm > 0)
            own = own.withWidth(size.widthMm);
        own.fontPt = size.fontPt;
        const QString file = QStringLiteral("%1-%2.%3").arg(base, name, format);
        if (!PlotExport::save(plot, format, file, own, error, title))
            return false;
        *written << file;
    }
    if (written->isEmpty()) {
        *error = QStringLiteral("The %1 tab shows no figure to export.").arg(tabName);
        return false;
    }
    return true;
}

void FigureExporter::exportTabDialog(const QString& format)
{
    const ExportedViews& v = m_views;
    QWidget* first = v.tabs->currentWidget() == v.gene ? static_cast<QWidget*>(v.gene->plot())
                                                       : v.tabs->currentWidget();
    FigureSize size;
    if (!askSize(format, shownPixels(first, QSize(900, 600)), false, &size))
        return;
    const QString stem =
        defaultStem(v.tabs->tabText(v.tabs->currentIndex()).remove(QLatin1Char('&')).toLower());
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
    if (!exportTabFigures(format, base, size, &written, &err))
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
        m_parent,
        QStringLiteral("Gene list (one symbol, Ensembl id or REMC id a line, or a BED of TSSs)"),
        QString(), QStringLiteral("Gene lists (*.txt *.list *.tsv *.bed *.gz);;All files (*)"));
    if (list.isEmpty())
        return;
    GeneListFile genes;
    QString err;
    if (!genes.load(list, &err)) {
        QMessageBox::critical(m_parent, QStringLiteral("Batch export"), err);
        return;
    }
    const GeneListFile::Resolution listed = genes.resolve(m_session->cellIndex().genes);
    bool ok = false;
    const QString format =
        QInputDialog::getItem(m_parent, QStringLiteral("Batch export"), QStringLiteral("Format"),
                              {QStringLiteral("png"), QStringLiteral("svg"), QStringLiteral("pdf"),
                               QStringLiteral("tsv")},
                              1, false, &ok);
    FigureSize size = GeneFigure::defaultSize();
    if (!ok || (format != QLatin1String("tsv") &&
                !askSize(format,
                         shownPixels(m_views.gene->plot(),
                                     QSize(GeneFigure::kDefaultWidth, GeneFigure::kDefaultHeight)),
                         true, &size)))
        return;
    const QString dir =
        QFileDialog::getExistingDirectory(m_parent, QStringLiteral("Output folder"));
    if (dir.isEmpty())
        return;
    QStringList problems;
    if (!listed.notFound.isEmpty())
        problems << genes.notFoundSummary(listed);
    const int written = writeBatch(listed.genes, format, size, dir, &problems);
    QString msg = QStringLiteral("Wrote %1 file(s) to %2.").arg(written).arg(dir);
    if (!problems.isEmpty())
        msg += QLatin1Char('\n') + problems.mid(0, 10).join(QLatin1Char('\n'));
    QMessageBox::information(m_parent, QStringLiteral("Batch export"), msg);
}

int FigureExporter::writeBatch(const std::vector<int>& genes, const QString& format,
                               const FigureSize& size, const QString& dir, QStringList* problems)
{
    int written = 0;
    for (const int g : genes) {
        QString err;
        const GeneViewData d = m_session->geneData(g, &err);
        if (!err.isEmpty())
            Q_EMIT statusMessage(err, 10000);
        err.clear();
        const QString out = QDir(dir).filePath(GeneFigure::fileStem(d) + QLatin1Char('.') + format);
        if (GeneFigure::save(d, format, out, size, &err, m_views.gene->gradient(),
                             m_views.gene->alphaScale()))
            ++written;
        else
            *problems << err;
    }
    return written;
}

} // namespace ac

#include "moc_FigureExporter.cpp"
