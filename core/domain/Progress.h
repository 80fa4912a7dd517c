#pragma once

#include <QString>
#include <functional>

namespace ac
{

/// A progress report from long core work (import, training, batch inference).
struct Progress {
    double fraction = 0.0; ///< 0..1 of the whole job
    QString message;       ///< short human text, e.g. "train.csv: 12,000 genes"
};

/// Called from the worker thread; return false to cancel. Must be cheap and thread-safe for the
/// caller (the GUI forwards it by queued signal).
using ProgressCallback = std::function<bool(const Progress&)>;

} // namespace ac
