#pragma once

#include "domain/GeneRecord.h"
#include "domain/RunRecord.h"
#include "domain/Split.h"
#include "train/CellSummary.h"

#include <QString>

#include <cstdint>
#include <vector>

namespace ac
{

class StudyFile;
struct CellData;

/**
 * The small questions the GUI and the CLI both ask of a study, each answered once here.
 * Free functions over plain values or a read-only StudyFile; reentrant (a StudyFile is used by
 * one thread at a time). None of them throws; a run that cannot be read is skipped.
 */

/// The active-run rule without the user's choice (issue 14, item 1): among the complete runs of
/// `runs` (RunRecord::isComplete()), of model variant `variant` (a model kind key) when not empty,
/// the one with the highest validation AUROC at its best epoch. Runs without that number
/// (imported weights) come after every run with one; on a tie the later run in `runs` (the
/// newer) wins. Empty when no run is complete: a cancelled, failed or unfinished run is never
/// picked by itself.
QString defaultRun(const std::vector<RunRecord>& runs, const QString& variant = QString());

/// Every run of `cell` that can be read, oldest first (`firstError`, when given, receives the
/// first error of a run that cannot be read).
std::vector<RunRecord> cellRuns(const StudyFile& study, const QString& cell,
                                QString* firstError = nullptr);

/// The active run of `cell`: the one the user made active (StudyFile::activeRunChoice()) while it
/// is a run of the cell, else defaultRun() over the cell's runs; empty when there is none. What
/// the GUI shows and the CLI uses when no run is named.
QString activeRun(const StudyFile& study, const QString& cell);

/// The index of the gene whose symbol or Ensembl id is `text` (case-insensitive) or whose REMC id
/// is `text` (exact), or -1. Surrounding white space in `text` is ignored.
int findGene(const std::vector<GeneRecord>& genes, const QString& text);

/// P(high) and true labels of the genes of one split, in the cell's gene order.
struct SplitScores {
    std::vector<float> p;
    std::vector<std::uint8_t> labels;
};

/// The genes of `cell` (its labels and splits; values not needed) in split `split`, with their
/// `p` from a run's results. Empty when `p`, labels or splits do not have one entry per gene.
SplitScores splitScores(const CellData& cell, const std::vector<float>& p, Split split);

/// The summary entries for summariseRuns(): per cell type (in the order of their first run) and
/// model variant one run with its test AUROC at the best epoch: the cell's active run for its
/// variant, defaultRun() of that variant for the others. Each entry names its run. Variants with
/// no complete run, runs without a best epoch and runs that cannot be read (`firstError`, when
/// given, receives the first such error) give no entry.
std::vector<CellSummary::Entry> bestTestAurocEntries(const StudyFile& study,
                                                     QString* firstError = nullptr);

/// One summary entry (test AUROC at the best epoch) for each of `runIds`, in that order. False
/// with `error` naming the study and the run when a run is missing, listed twice, unreadable or
/// has no finished epoch.
bool testAurocEntries(const StudyFile& study, const QStringList& runIds,
                      std::vector<CellSummary::Entry>* entries, QString* error);

} // namespace ac
