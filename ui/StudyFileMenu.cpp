#include "StudyFileMenu.h"

#include "FigureExporter.h"
#include "ImportDialog.h"
#include "PackDialog.h"
#include "SavedSession.h"
#include "TrackImportDialog.h"
#include "domain/InstallLayout.h"
#include "session/StudySession.h"

#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QStandardPaths>

namespace ac
{

namespace
{
constexpr int kMaxRecent = 8;
} // namespace

StudyFileMenu::StudyFileMenu(QWidget* window, const StudySession* session, FigureExporter* exporter)
    : QMenu(QStringLiteral("&File"), window), m_window(window), m_session(session)
{
    addAction(QStringLiteral("&Open study…"), QKeySequence::Open, this, &StudyFileMenu::openDialog);
    m_recentMenu = addMenu(QStringLiteral("Open &recent"));
    updateRecentMenu();
    addAction(QStringLiteral("Open &demo study"), this, &StudyFileMenu::openDemo);
    addAction(QStringLiteral("Open &session…"), this, &StudyFileMenu::openSessionDialog);
    m_saveSessionAction =
        addAction(QStringLiteral("Save session…"), this, &StudyFileMenu::saveSessionDialog);
    m_saveSessionAction->setObjectName(QStringLiteral("saveSessionAction"));
    m_packAction = addAction(QStringLiteral("Save a copy as one &file…"), this,
                             &StudyFileMenu::showPackDialog);
    m_packAction->setObjectName(QStringLiteral("packAction"));
    addAction(QStringLiteral("&Import REMC folder…"), this, &StudyFileMenu::showImportDialog);
    m_importTrackAction =
        addAction(QStringLiteral("Import &track…"), this, &StudyFileMenu::showImportTrackDialog);
    // A disabled menu item cannot say why by itself: show its tool tip.
    setToolTipsVisible(true);
    updateStudyActions();
    exporter->addActions(addMenu(QStringLiteral("&Export")));
    addSeparator();
    addAction(QStringLiteral("&Quit"), QKeySequence::Quit, window, &QWidget::close);
}

void StudyFileMenu::updateRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = SavedSession::recentStudies();
    for (const QString& p : recent)
        m_recentMenu->addAction(p, this, [this, p] { Q_EMIT openRequested(p); });
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void StudyFileMenu::addRecent(const QString& path)
{
    SavedSession::addRecentStudy(path, kMaxRecent);
    updateRecentMenu();
}

void StudyFileMenu::openDialog()
{
    const QString f =
        QFileDialog::getOpenFileName(m_window, QStringLiteral("Open study"), QString(),
                                     QStringLiteral("Studies (*.h5);;All files (*)"));
    if (!f.isEmpty())
        Q_EMIT openRequested(f);
}

void StudyFileMenu::openDemo()
{
    const QString demo = prepareDemoStudy();
    if (demo.isEmpty())
        QMessageBox::warning(
            m_window, m_window->windowTitle(),
            QStringLiteral("No bundled demo study was found beside the application."));
    else
        Q_EMIT openRequested(demo);
}

void StudyFileMenu::openSessionDialog()
{
    const QString f = QFileDialog::getOpenFileName(
        m_window, QStringLiteral("Open session"), QString(),
        QStringLiteral("Sessions (*.acsession *.json);;All files (*)"));
    if (!f.isEmpty())
        Q_EMIT openSessionRequested(f);
}

void StudyFileMenu::saveSessionDialog()
{
    const QString start =
        QFileInfo(m_session->path()).absoluteDir().filePath(QStringLiteral("session.acsession"));
    const QString f = QFileDialog::getSaveFileName(m_window, QStringLiteral("Save session"), start,
                                                   QStringLiteral("Sessions (*.acsession)"));
    if (!f.isEmpty())
        Q_EMIT saveSessionRequested(f);
}

void StudyFileMenu::updateStudyActions()
{
    const bool open = m_session->isOpen();
    m_saveSessionAction->setEnabled(open);
    m_saveSessionAction->setToolTip(
        open ? QStringLiteral("Save the study, cell type, run, gene, gene list, tab and colour "
                              "settings as a file (paths relative to it)")
             : QStringLiteral("Open a study first"));
    m_importTrackAction->setEnabled(open);
    m_importTrackAction->setToolTip(
        open ? QStringLiteral(
                   "Add a validation track (e.g. H3K27ac; bedGraph, bigWig or binned CSV) "
                   "to a cell type of the open study")
             : QStringLiteral("Open a study first: a track is added to one of its cell types"));
    m_importTrackAction->setStatusTip(m_importTrackAction->toolTip());
    m_packAction->setEnabled(open);
    m_packAction->setToolTip(open ? QStringLiteral("Write the study as one self-contained file to "
                                                   "send to a colleague")
                                  : QStringLiteral("Open a study first"));
}

void StudyFileMenu::showPackDialog()
{
    if (!m_session->isOpen()) {
        QMessageBox::information(m_window, QStringLiteral("Save a copy as one file"),
                                 QStringLiteral("Open a study first."));
        return;
    }
    auto* dialog = new PackDialog(m_session->path(), m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void StudyFileMenu::showImportDialog()
{
    QString target = m_session->path();
    if (target.isEmpty())
        target = QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
                     .filePath(QStringLiteral("study.h5"));
    auto* dialog = new ImportDialog(target, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ImportDialog::imported, this, &StudyFileMenu::studyImported);
    dialog->show();
}

void StudyFileMenu::showImportTrackDialog()
{
    if (!m_session->isOpen()) {
        QMessageBox::information(m_window, QStringLiteral("Import track"),
                                 QStringLiteral("Open a study first: a track is added to one of "
                                                "its cell types."));
        return;
    }
    auto* dialog = new TrackImportDialog(m_session->path(), m_session->cell(), m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &TrackImportDialog::trackImported, this, &StudyFileMenu::trackImported);
    dialog->show();
}

QString StudyFileMenu::prepareDemoStudy()
{
    const QString bundled = install::dataFile(QStringLiteral("demo-study.h5"));
    if (!QFileInfo::exists(bundled))
        return {};
    const QString dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (dataDir.isEmpty() || !QDir().mkpath(dataDir))
        return {};
    const QString copy = QDir(dataDir).filePath(QStringLiteral("demo-study.h5"));
    // Copy once so the user's runs go into their own file and the bundle stays pristine.
    if (!QFileInfo::exists(copy) && !QFile::copy(bundled, copy))
        return {};
    QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup |
                                    QFile::ReadOther);
    return copy;
}

} // namespace ac

#include "moc_StudyFileMenu.cpp"
