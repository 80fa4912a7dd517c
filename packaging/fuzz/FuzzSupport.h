#pragma once

#include "GeneFixture.h"
#include "domain/GeneRecord.h"

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <cstdio>
#include <unistd.h>
#include <vector>

/// Shared by the libFuzzer targets of packaging/fuzz and their seed writer (fuzz_make_seeds):
/// the genes the track readers bin into and a scratch file for the readers that want a path.
namespace ac::fuzz
{

/// Five genes: four with a locus (both strands, three chromosomes, windows overlapping the
/// chromosome start on chr2) and one without. The seeds give values for these.
inline std::vector<GeneRecord> genes()
{
    const auto gene = testing::locatedGene;
    return {gene("000001", "chr1", 6000, '+'), gene("000002", "chr1", 30000, '-'),
            gene("000003", "chr2", 2000, '+'), gene("000004", "chrX", 12000, '-'),
            gene("000005", "", 0, '.')};
}

/**
 * The fuzz input as a file, for the APIs that read a path: written to /dev/shm (memory, not
 * disk) under a name unique to the process, replaced by each input, removed at exit.
 * Returns the path; aborts when it cannot be written (a broken harness, not a finding).
 */
inline QString inputFile(const std::uint8_t* data, std::size_t size, const char* suffix)
{
    static const QByteArray path =
        QByteArray("/dev/shm/ac-fuzz-") + QByteArray::number(getpid()) + suffix;
    static const bool removeAtExit = std::atexit([] { std::remove(path.constData()); }) == 0;
    (void)removeAtExit;
    std::FILE* f = std::fopen(path.constData(), "wb");
    if (!f || std::fwrite(data, 1, size, f) != size || std::fclose(f) != 0)
        std::abort();
    return QString::fromLocal8Bit(path);
}

} // namespace ac::fuzz
