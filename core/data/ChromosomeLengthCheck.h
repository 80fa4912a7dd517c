#pragma once

#include "domain/GenomeAssembly.h"

#include <QString>
#include <vector>

namespace ac
{

/**
 * Compares the chromosome lengths a track file declares (a bigWig header) with those of the
 * chosen genome assembly, so that an hg38 file imported as hg19 (or the reverse) is caught before
 * its signal is placed at the wrong genes.
 *
 * Names are compared after normalising (`chr1`, `Chr1` and `1` are one chromosome); the
 * mitochondrial genome and chromosomes the assembly does not list are not compared. Returns an
 * empty string when every compared length agrees (or nothing could be compared), else one
 * sentence naming `file`, the first differing chromosome with both lengths, how many differ, and
 * the known assembly whose lengths the file does have, if any. Pure function, any thread.
 */
QString chromosomeLengthMismatch(const QString& file,
                                 const std::vector<GenomeAssembly::Chromosome>& fileChromosomes,
                                 const QString& assembly);

} // namespace ac
