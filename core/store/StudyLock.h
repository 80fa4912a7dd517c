#pragma once

#include <QLockFile>
#include <QString>

namespace ac
{

/**
 * The lock `<study>.lock` that StudyEditor holds around a study's copy and rename, shared with
 * other threads and processes.
 *
 * acquire() waits for another writer to finish (up to `timeoutMs`). It takes over a lock whose
 * process died (QLockFile) and an empty or unreadable lock file older than a few seconds (a
 * power loss between creating the lock file and writing its process id), so such leftovers never
 * block a change. It fails at once, naming the path and saying what to remove, when something
 * other than a plain file has the lock's name (a folder, a symbolic link), and when the study's
 * folder cannot be written. The lock is released by the destructor. Use one object from one
 * thread; every failure sets `error` and changes nothing.
 */
class StudyLock
{
public:
    /// An empty or unreadable lock file this old (ms) cannot belong to a live writer.
    static constexpr int kGarbledLockAgeMs = 5000;

    explicit StudyLock(const QString& studyPath);
    ~StudyLock();

    bool acquire(QString* error, int timeoutMs = 60000);

    /// "<folder>: cannot write here (read-only?) — nothing was changed"
    static QString notWritableMessage(const QString& folder);

private:
    bool checkLockName(QString* error) const;
    bool takeOverGarbledLock();
    QString busyMessage() const;

    QString m_study;
    QString m_lockPath;
    QLockFile m_lock;
};

} // namespace ac
