#pragma once

// Internal to core/store: names of the groups, datasets and attributes of a study file.
// The README's "Study file" section documents the same layout for users of h5py / h5dump.

namespace ac::layout
{

inline constexpr char kFormatAttr[] = "format";
inline constexpr char kFormatName[] = "attentivechrome-study";
inline constexpr char kVersionAttr[] = "format_version";
/// format_version of a study in one file (fixed-length strings, HDF5 1.10 metadata).
inline constexpr int kPackedVersion = 2;
/// format_version of the index of an unpacked study (StudyIndex): its /cells/<cell> and /runs/<id>
/// are external links to part files in the folder beside it (StudyParts).
inline constexpr int kUnpackedVersion = 3;

inline constexpr char kCells[] = "cells";
inline constexpr char kRuns[] = "runs";
inline constexpr char kTracks[] = "tracks";

// /cells/<cell>/...
inline constexpr char kX[] = "X";
inline constexpr char kLabels[] = "labels";
inline constexpr char kSplit[] = "split";
inline constexpr char kMarkNames[] = "mark_names";
inline constexpr char kGeneRemcId[] = "gene_remc_id";
inline constexpr char kGeneEnsembl[] = "gene_ensembl_id";
inline constexpr char kGeneSymbol[] = "gene_symbol";
inline constexpr char kGeneChrom[] = "gene_chrom";
inline constexpr char kGeneTss[] = "gene_tss";
inline constexpr char kGeneStrand[] = "gene_strand";
inline constexpr char kBinCountAttr[] = "bin_count";
inline constexpr char kBinSizeAttr[] = "bin_size";
inline constexpr char kWindowStartAttr[] = "window_start";
inline constexpr char kSourceAttr[] = "source";
/// SHA-256 (hex) of the cell's genes, labels, splits, marks and X, written by every import.
inline constexpr char kDataDigestAttr[] = "data_digest";
inline constexpr char kAssemblyAttr[] = "assembly";
inline constexpr char kActiveRunAttr[] = "active_run"; ///< the run the user made active

// /runs/<id>/...
inline constexpr char kCellAttr[] = "cell";
inline constexpr char kCreatedAttr[] = "created";
inline constexpr char kStatusAttr[] = "status";
inline constexpr char kBestEpochAttr[] = "best_epoch";
/// The cell's data_digest when the run was trained or imported (absent in older studies).
inline constexpr char kCellDigestAttr[] = "cell_digest";
/// WriterProcess tag of the process that last stored the run (absent in older studies).
inline constexpr char kWriterAttr[] = "writer";
inline constexpr char kNameAttr[] = "name"; ///< the user's name for the run (optional)
inline constexpr char kNoteAttr[] = "note"; ///< the user's note (optional)
inline constexpr char kModelAttr[] = "model";
inline constexpr char kTrainAttr[] = "train";
inline constexpr char kMetrics[] = "metrics";
inline constexpr char kColumnsAttr[] = "columns";
inline constexpr char kMetricColumns[] =
    "epoch,train_loss,valid_loss,train_auroc,valid_auroc,valid_aupr,test_auroc,test_aupr,seconds";
inline constexpr char kWeightsBest[] = "weights/best";
inline constexpr char kWeightsLast[] = "weights/last";
inline constexpr char kResults[] = "results";
inline constexpr char kP[] = "p";
inline constexpr char kAlpha[] = "alpha";
inline constexpr char kBeta[] = "beta";
inline constexpr char kValidation[] = "validation"; ///< /runs/<id>/validation/<name>/<array>

/// Genes per chunk of X: one gene reads one small chunk (8 genes × 100 bins × 5 marks, 16 KB).
inline constexpr unsigned kGenesPerChunk = 8;
/// zlib level of X, tracks, α and validation arrays (with the shuffle filter): level 1 writes a
/// full-size cell in 0.30–0.33 s where level 4 took 0.44–0.46 s, for a file 6 % larger (8.7 MB
/// instead of 8.2 MB; bench import, 2 threads).
inline constexpr int kDeflateLevel = 1;

} // namespace ac::layout
