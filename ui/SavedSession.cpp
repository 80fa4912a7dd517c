#include "SavedSession.h"

#include <QSettings>

namespace ac
{

namespace
{
const QString kRecent = QStringLiteral("recentStudies");
} // namespace

SavedSession SavedSession::load()
{
    QSettings s;
    SavedSession r;
    r.geometry = s.value(QStringLiteral("window/geometry")).toByteArray();
    r.state = s.value(QStringLiteral("window/state")).toByteArray();
    r.gradient = s.value(QStringLiteral("view/gradient")).toString();
    r.alphaScale = s.value(QStringLiteral("view/alpha-scale")).toString();
    r.attribution = s.value(QStringLiteral("view/attribution"), QStringLiteral("none")).toString();
    r.igBaseline = s.value(QStringLiteral("view/ig-baseline"), QStringLiteral("zero")).toString();
    r.zoomFrom = s.value(QStringLiteral("view/zoom-from"), 0.0).toDouble();
    r.zoomTo = s.value(QStringLiteral("view/zoom-to"), 0.0).toDouble();
    r.study = s.value(QStringLiteral("session/study")).toString();
    r.cell = s.value(QStringLiteral("session/cell")).toString();
    r.run = s.value(QStringLiteral("session/run")).toString();
    r.geneId = s.value(QStringLiteral("session/gene-id")).toString();
    r.geneList = s.value(QStringLiteral("session/gene-list")).toString();
    r.tab = s.value(QStringLiteral("session/tab"), 0).toInt();
    return r;
}

void SavedSession::save() const
{
    QSettings s;
    s.setValue(QStringLiteral("window/geometry"), geometry);
    s.setValue(QStringLiteral("window/state"), state);
    s.setValue(QStringLiteral("view/gradient"), gradient);
    s.setValue(QStringLiteral("view/alpha-scale"), alphaScale);
    s.setValue(QStringLiteral("view/attribution"), attribution);
    s.setValue(QStringLiteral("view/ig-baseline"), igBaseline);
    s.setValue(QStringLiteral("view/zoom-from"), zoomFrom);
    s.setValue(QStringLiteral("view/zoom-to"), zoomTo);
    s.setValue(QStringLiteral("session/study"), study);
    s.setValue(QStringLiteral("session/cell"), cell);
    s.setValue(QStringLiteral("session/run"), run);
    s.setValue(QStringLiteral("session/gene-id"), geneId);
    s.setValue(QStringLiteral("session/gene-list"), geneList);
    s.setValue(QStringLiteral("session/tab"), tab);
}

QStringList SavedSession::recentStudies()
{
    return QSettings().value(kRecent).toStringList();
}

void SavedSession::addRecentStudy(const QString& path, int max)
{
    QSettings s;
    QStringList recent = s.value(kRecent).toStringList();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > max)
        recent.removeLast();
    s.setValue(kRecent, recent);
}

} // namespace ac
