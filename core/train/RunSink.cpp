#include "train/RunSink.h"

#include "store/StudyEditor.h"

#include <algorithm>
#include <chrono>

namespace ac
{

namespace
{

/// Least time between two saves of a running training.
constexpr std::chrono::milliseconds kMinSaveInterval{30000};

/// A save may take at most this share of the training time (1 / kSaveTimeFactor).
constexpr qint64 kSaveTimeFactor = 20;

} // namespace

RunSink::RunSink(const QString& studyPath, bool holdsRun) : m_path(studyPath), m_holdsRun(holdsRun)
{
}

bool RunSink::saveDue(bool firstEpoch) const
{
    return firstEpoch || m_sinceSave.elapsed() >= std::max<qint64>(kMinSaveInterval.count(),
                                                                   kSaveTimeFactor * m_lastSaveMs);
}

bool RunSink::saveEpoch(const RunRecord& run, const Weights& best, const Weights& last,
                        QString* error)
{
    QElapsedTimer saveClock;
    saveClock.start();
    if (!store(run, best, last, nullptr, error))
        return false;
    m_lastSaveMs = saveClock.elapsed();
    m_sinceSave.start();
    return true;
}

bool RunSink::saveFinal(const RunRecord& run, const Weights& best, const Weights& last,
                        const RunResults& results, QString* error)
{
    return store(run, best, last, &results, error);
}

bool RunSink::saveStatus(const RunRecord& run, const Weights& best, const Weights& last,
                         QString* error)
{
    return store(run, best, last, nullptr, error);
}

bool RunSink::store(const RunRecord& run, const Weights& best, const Weights& last,
                    const RunResults* results, QString* error)
{
    const bool stored = StudyEditor::apply(
        m_path,
        [&](StudyEditor& editor, QString* err) {
            return editor.writeRun(run, best, last, err) &&
                   (!results || editor.writeResults(run.id, *results, err));
        },
        error);
    m_holdsRun = m_holdsRun || stored;
    return stored;
}

} // namespace ac
