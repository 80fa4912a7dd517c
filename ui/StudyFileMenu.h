#pragma once

#include <QMenu>
#include <QString>
#include <QStringList>

class QAction;

namespace ac
{

class FigureExporter;
class StudySession;

/**
 * The window's File menu: open (dialog, recent studies, the bundled demo), open and save a session
 * file (SessionFile), save a copy of the study as one file (PackDialog), REMC and track import
 * (non-modal ImportDialog and TrackImportDialog, parented to the window), the export submenu and
 * quit. What the user opens or imports is reported by signal; the window opens or reloads.
 *
 * GUI thread only. Owns its actions and submenus; reads the open study's path and current cell
 * from the window's StudySession (not owned), so it must outlive neither.
 */
class StudyFileMenu : public QMenu
{
    Q_OBJECT
public:
    StudyFileMenu(QWidget* window, const StudySession* session, FigureExporter* exporter);

    /// Puts `path` first in the recent studies (remembered in QSettings) and in the submenu.
    void addRecent(const QString& path);
    /// Enables the actions that need an open study (after a study was opened or closed).
    void updateStudyActions();
    void showImportDialog();
    /// Without an open study only says one must be opened first.
    void showImportTrackDialog();
    QAction* importTrackAction() const { return m_importTrackAction; }
    /// File → Save a copy as one file… (PackDialog); without an open study only says one must be
    /// opened first.
    void showPackDialog();
    QAction* packAction() const { return m_packAction; }

    /// Finds `<prefix>/share/attentivechrome/demo-study.h5` (install::dataFile), copies it to
    /// AppDataLocation (once) and returns the copy's path; empty when there is no bundled demo.
    static QString prepareDemoStudy();

Q_SIGNALS:
    /// The user picked a study to open.
    void openRequested(const QString& path);
    /// The user picked a session file to open, or a file to save the session to.
    void openSessionRequested(const QString& path);
    void saveSessionRequested(const QString& path);
    /// An REMC import into `path` succeeded, adding `cells`.
    void studyImported(const QString& path, const QStringList& cells);
    /// A track import into `path` succeeded.
    void trackImported(const QString& path, const QString& cell, const QString& track);

private:
    void updateRecentMenu();
    void openDialog();
    void openDemo();
    void openSessionDialog();
    void saveSessionDialog();

    QWidget* m_window;
    const StudySession* m_session;
    QMenu* m_recentMenu = nullptr;
    QAction* m_importTrackAction = nullptr;
    QAction* m_saveSessionAction = nullptr;
    QAction* m_packAction = nullptr;
};

} // namespace ac
