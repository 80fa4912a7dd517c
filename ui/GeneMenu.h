#pragma once

#include <QMenu>
#include <QString>

class QAction;

namespace ac
{

class IgvClient;
class StudySession;
struct GeneLocus;

/**
 * The window's Gene menu, also shown when the gene view's header is clicked (issue 15): Open in
 * IGV (the gene's window sent to a running IGV through its batch port, IgvClient), the gene's
 * locus in Ensembl and in the UCSC Genome Browser (GenomeBrowserLinks, with the assembly the
 * study records for the cell), and Export genome track… (TrackExportDialog, for the shown run).
 * Outcomes and refusals go to statusMessage().
 *
 * GUI thread only. Owns its actions and IGV client; reads the selection from the window's
 * StudySession (not owned), which must outlive it. Call updateActions() after the selection
 * changed.
 */
class GeneMenu : public QMenu
{
    Q_OBJECT
public:
    GeneMenu(QWidget* window, const StudySession* session);

    /// Enables the actions that apply to the selected gene and run.
    void updateActions();
    /// Sends the selected gene's window to IGV (the outcome follows as statusMessage()).
    void openInIgv();
    IgvClient* igv() const { return m_igv; }
    QAction* igvAction() const { return m_igvAction; }
    QAction* exportAction() const { return m_exportAction; }

Q_SIGNALS:
    void statusMessage(const QString& text, int timeoutMs);

private:
    bool selectedLocus(GeneLocus* out) const;
    void openLink(bool ensembl);
    void showExportDialog();

    QWidget* m_window;
    const StudySession* m_session;
    IgvClient* m_igv;
    QAction* m_igvAction = nullptr;
    QAction* m_ensemblAction = nullptr;
    QAction* m_ucscAction = nullptr;
    QAction* m_exportAction = nullptr;
};

} // namespace ac
