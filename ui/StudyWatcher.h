#pragma once

#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>

namespace ac
{

/**
 * Tells the window when another program (a training on the cluster, a CLI import) added or
 * removed cell types or runs of the open study, imported a cell type or a track again, or chose
 * another active run.
 *
 * Every change of a study renames a new file (of an unpacked study: a new index) over it, so
 * the watcher looks at the file's identity (inode, size, time) every kPollMs: a poll, not
 * inotify, because a study on a cluster's network file system is changed by other hosts. When
 * the file changed, it reads the study's listing (cell types with their data digest, tracks and
 * active run; run ids) and emits listingChanged() when it differs from the last one seen. An
 * epoch save of a run changes no listing: the window keeps what it shows (the parts it read stay
 * open, StudyFile) until the run ends.
 *
 * GUI thread only; owns its timer.
 */
class StudyWatcher : public QObject
{
    Q_OBJECT
public:
    static constexpr int kPollMs = 2000;

    explicit StudyWatcher(QObject* parent = nullptr);

    /// Starts watching `path` from its present state; an empty path stops watching.
    void watch(const QString& path);
    /// Looks at the file now (the timer calls it).
    void poll();

Q_SIGNALS:
    /// Cell types, their data, tracks or active runs, or the runs changed since watch() or the
    /// last signal.
    void listingChanged();

private:
    QString identity() const;
    QStringList listing() const;

    QString m_path;
    QString m_identity;
    QStringList m_listing;
    QTimer m_timer;
};

} // namespace ac
