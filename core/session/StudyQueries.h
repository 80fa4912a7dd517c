#pragma once

#include "domain/GeneRecord.h"
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

/// The newest run of `cell` (runIds() order) that has cached results and is current
/// (RunRecord::isCurrent(): a stale run, trained on an earlier import of the cell, is never
/// chosen), or empty.
QString newestRunWithResults(const StudyFile& study, const QString& cell);

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

/// One summary entry per run with a best epoch (its test AUROC), oldest run first, for
/// summariseRuns(); imported or unfinished runs are skipped, and so are runs that cannot be read
/// (`firstError`, when given, receives the first such error).
std::vector<CellSummary::Entry> bestTestAurocEntries(const StudyFile& study,
                                                     QString* firstError = nullptr);

/// One summary entry (test AUROC at the best epoch) for each of `runIds`, in that order. False
/// with `error` naming the study and the run when a run is missing, listed twice, unreadable or
/// has no finished epoch.
bool testAurocEntries(const StudyFile& study, const QStringList& runIds,
                      std::vector<CellSummary::Entry>* entries, QString* error);

} // namespace ac
