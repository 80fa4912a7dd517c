#pragma once

#include "domain/EpochMetrics.h"
#include "domain/ModelConfig.h"
#include "domain/TrainConfig.h"

#include <QDateTime>
#include <QString>

#include <optional>
#include <vector>

namespace ac
{

/// Everything the study keeps about one training run except its weights and cached results.
struct RunRecord {
    QString id;   ///< unique in the study, e.g. "E123-attentivechrome-20261124-153000"
    QString cell; ///< cell type trained on
    ModelConfig model;
    TrainConfig train;
    QDateTime created;
    /// "running" (saved mid-training), "complete", "stopped-early", "cancelled", "failed",
    /// "imported"
    QString status;
    int bestEpoch = 0; ///< 1-based epoch of the best validation AUROC (the "best" weights)
    std::vector<EpochMetrics> epochs;
    QString name; ///< the user's name for the run; empty until renamed (the id names it)
    QString note; ///< the user's free-text note; may be empty
    /// The cell's data digest (StudyFile::cellDigest) when the run was trained or imported; empty
    /// in older studies.
    QString cellDigest;
    /// The process that last stored the run ("<pid>@<host>", StudyEditor sets it); empty in older
    /// studies.
    QString writer;

    // Found when the run is read (StudyFile::readRun), never stored:
    /// The cell was imported again since: metrics and cached results belong to its older data.
    bool stale = false;
    /// Stored as "running" by a process that no longer runs (killed, crashed, power loss).
    bool interrupted = false;

    /// Neither stale nor interrupted: a run whose numbers describe the cell's present data and
    /// whose training ended or is still going on.
    bool isCurrent() const { return !stale && !interrupted; }

    /// True when the run finished as planned (all epochs, early stopping, or imported weights) on
    /// the cell's present data: the only runs the active-run rule (ac::defaultRun) picks by
    /// itself. Cancelled, failed, still running (or killed) and stale runs are not complete.
    bool isComplete() const
    {
        return isCurrent() &&
               (status == QLatin1String("complete") || status == QLatin1String("stopped-early") ||
                status == QLatin1String("imported"));
    }
    /// The name when the user gave one, else the id.
    QString displayName() const { return name.isEmpty() ? id : name; }

    /// The status as shown to users: "interrupted" for an interrupted run, ", stale" appended to
    /// a stale one (e.g. "complete, stale").
    QString statusText() const
    {
        QString text = interrupted ? QStringLiteral("interrupted") : status;
        if (stale)
            text += QStringLiteral(", stale");
        return text;
    }

    /// The metrics of the best epoch (`bestEpoch`, 1-based), or nothing when the run has no
    /// such epoch (imported weights, or a run that stopped before its first epoch ended).
    std::optional<EpochMetrics> bestMetrics() const
    {
        if (bestEpoch < 1 || bestEpoch > static_cast<int>(epochs.size()))
            return std::nullopt;
        return epochs[static_cast<std::size_t>(bestEpoch - 1)];
    }
};

} // namespace ac
