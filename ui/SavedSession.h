#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace ac
{

/**
 * What the window remembers between runs (QSettings of the application): window geometry and
 * dock state, the view's colour and attribution choices and zoom, and the study, cell, run, gene
 * and tab that were shown. The gene is kept by its REMC id, so a study re-imported in another gene
 * order restores the same gene. Also the list of recently opened studies. A session file
 * (SessionFile) holds the same view as JSON.
 *
 * Plain value; load() and save() use QSettings and so the GUI thread (or one thread at a time).
 */
struct SavedSession {
    QByteArray geometry;
    QByteArray state;
    QString gradient;   ///< empty: keep the current colour map
    QString alphaScale; ///< AlphaScale::key(); empty: the default scale
    QString attribution = QStringLiteral("none");
    QString igBaseline = QStringLiteral("zero"); ///< IgBaseline::key() of the gene view's IG
    /// The gene view's x range (bp from the TSS) when zoomed; zoomFrom == zoomTo: not zoomed.
    double zoomFrom = 0;
    double zoomTo = 0;
    QString study;
    QString cell;
    QString run;
    QString geneId;   ///< REMC id
    QString geneList; ///< the gene list file filtering the gene table; empty for none
    int tab = 0;

    static SavedSession load();
    void save() const;

    /// Recently opened studies, newest first.
    static QStringList recentStudies();
    /// Puts `path` first in the recent list (at most `max` entries).
    static void addRecentStudy(const QString& path, int max);
};

} // namespace ac
