#pragma once

#include "domain/CellData.h"
#include "domain/RunResults.h"

#include <QString>

namespace ac
{

/**
 * Writes p, α and β of every gene of `cell` to `path`, by its extension:
 * - ".tsv": one row per gene: gene_id, ensembl, symbol, split, label, p, then beta_<mark> per
 *   mark (when the run has β), then alpha_<mark>_<bin> for every mark and bin 1..binCount (when
 *   it has α); bin b covers TSS-relative bp windowStart + (b-1)·binSize.
 * - ".h5" / ".hdf5": datasets gene_id, ensembl, symbol (strings), split, label (uint8), p [genes],
 *   beta [genes, marks], alpha [genes, marks, bins]; attributes marks, bin_size, window_start.
 * The file is written to a temporary name and renamed, so a failure leaves no partial file.
 * Returns false with `error` naming the file on failure, an unknown extension, or results that do
 * not match the cell.
 */
bool exportAttention(const QString& path, const CellData& cell, const RunResults& results,
                     QString* error);

} // namespace ac
