#include "GeneMenu.h"

#include "GenomeBrowserLinks.h"
#include "IgvClient.h"
#include "TrackExportDialog.h"
#include "domain/GeneLocus.h"
#include "session/StudySession.h"

#include <QDesktopServices>

namespace ac
{

GeneMenu::GeneMenu(QWidget* window, const StudySession* session)
    : QMenu(QStringLiteral("G&ene"), window), m_window(window), m_session(session),
      m_igv(new IgvClient(this))
{
    m_igvAction = addAction(QStringLiteral("Open in &IGV"), this, &GeneMenu::openInIgv);
    m_igvAction->setObjectName(QStringLiteral("openInIgvAction"));
    m_ensemblAction =
        addAction(QStringLiteral("View in &Ensembl"), this, [this] { openLink(true); });
    m_ucscAction = addAction(QStringLiteral("View in the &UCSC Genome Browser"), this,
                             [this] { openLink(false); });
    addSeparator();
    m_exportAction = addAction(QStringLiteral("Export genome &track (bigWig, bedGraph)…"), this,
                               &GeneMenu::showExportDialog);
    m_exportAction->setObjectName(QStringLiteral("exportTrackAction"));
    connect(m_igv, &IgvClient::finished, this,
            [this](bool, const QString& message) { Q_EMIT statusMessage(message, 8000); });
    connect(this, &QMenu::aboutToShow, this, &GeneMenu::updateActions);
    updateActions();
}

bool GeneMenu::selectedLocus(GeneLocus* out) const
{
    const int g = m_session->geneIndex();
    const CellData& cell = m_session->cellIndex();
    return g >= 0 && g < cell.geneCount() &&
           GeneLocus::ofWindow(cell.genes[static_cast<std::size_t>(g)], cell.binCount, cell.binSize,
                               cell.windowStart, out);
}

void GeneMenu::updateActions()
{
    GeneLocus locus;
    const bool located = selectedLocus(&locus);
    m_igvAction->setEnabled(located);
    m_ensemblAction->setEnabled(located);
    m_ucscAction->setEnabled(located);
    m_exportAction->setEnabled(m_session->isOpen() && !m_session->runId().isEmpty());
}

void GeneMenu::openInIgv()
{
    GeneLocus locus;
    if (!selectedLocus(&locus)) {
        Q_EMIT statusMessage(QStringLiteral("The gene has no locus to show"), 5000);
        return;
    }
    Q_EMIT statusMessage(QStringLiteral("Sending %1 to IGV…").arg(locus.text()), 3000);
    m_igv->goTo(locus.text());
}

void GeneMenu::openLink(bool ensembl)
{
    GeneLocus locus;
    if (!selectedLocus(&locus))
        return;
    const QString assembly = m_session->cellIndex().assembly;
    const QUrl url = ensembl ? GenomeBrowserLinks::ensembl(assembly, locus)
                             : GenomeBrowserLinks::ucsc(assembly, locus);
    if (!QDesktopServices::openUrl(url))
        Q_EMIT statusMessage(QStringLiteral("No web browser to open %1").arg(url.toString()), 8000);
}

void GeneMenu::showExportDialog()
{
    if (!m_session->isOpen() || m_session->runId().isEmpty()) {
        Q_EMIT statusMessage(QStringLiteral("Select a run to export its attention"), 5000);
        return;
    }
    auto* dialog = new TrackExportDialog(m_session->path(), m_session->cell(), m_session->runId(),
                                         m_session->cellIndex().markNames, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

} // namespace ac
