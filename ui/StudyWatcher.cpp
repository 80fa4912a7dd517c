#include "StudyWatcher.h"

#include "store/StudyFile.h"

#include <QFile>
#include <sys/stat.h>

namespace ac
{

StudyWatcher::StudyWatcher(QObject* parent) : QObject(parent)
{
    m_timer.setInterval(kPollMs);
    connect(&m_timer, &QTimer::timeout, this, &StudyWatcher::poll);
}

void StudyWatcher::watch(const QString& path)
{
    m_path = path;
    m_identity = identity();
    m_listing = listing();
    if (path.isEmpty())
        m_timer.stop();
    else
        m_timer.start();
}

void StudyWatcher::poll()
{
    const QString now = identity();
    if (m_path.isEmpty() || now == m_identity)
        return;
    m_identity = now;
    const QStringList current = listing();
    if (current.isEmpty() || current == m_listing)
        return; // unreadable for a moment, or a change of data only
    m_listing = current;
    Q_EMIT listingChanged();
}

QString StudyWatcher::identity() const
{
    struct stat st {
    };
    if (m_path.isEmpty() || ::stat(QFile::encodeName(m_path).constData(), &st) != 0)
        return {};
    return QStringLiteral("%1:%2:%3.%4")
        .arg(st.st_ino)
        .arg(st.st_size)
        .arg(st.st_mtim.tv_sec)
        .arg(st.st_mtim.tv_nsec);
}

QStringList StudyWatcher::listing() const
{
    QString error;
    const std::unique_ptr<StudyFile> study =
        m_path.isEmpty() ? nullptr : StudyFile::open(m_path, &error);
    if (!study)
        return {};
    // Per cell type what the views show of it (its data, tracks and chosen run), then the runs:
    // an import or a track import elsewhere reloads, another training's epoch save does not.
    QStringList listing;
    for (const QString& cell : study->cellNames())
        listing << cell << study->cellDigest(cell) << study->trackNames(cell)
                << study->activeRunChoice(cell) << QStringLiteral("|");
    return listing + study->runIds();
}

} // namespace ac
