#pragma once

// Internal to core/store (Hdf5Io's writeFloats()): HDF5's shuffle + deflate filters applied on
// several threads, the finished chunks handed to HDF5 with H5Dwrite_chunk.

#include <H5Cpp.h>

#include <string>
#include <vector>

namespace ac::h5
{

/**
 * Writes a float32 array as a new chunked dataset with the shuffle and deflate filters, as
 * HDF5's own filter pipeline would write it, but with the chunks filtered on `threads` threads
 * (HDF5 1.10 filters one chunk at a time in the calling thread: 0.64 s for a full-size cell of
 * 40 MB at level 4). The bytes of each chunk are exactly what the filters produce (byte-shuffle
 * of the 4-byte elements, then zlib's compress2 at the layout's level), so h5dump, h5py and
 * HDF5's H5Dread read the dataset with the standard filters; an edge chunk is padded with the
 * default fill value 0, as HDF5 stores it.
 *
 * Only chunks that split the first dimension and span the others are handled (the layouts of
 * X, tracks, α and validation arrays); fits() tells. Throws H5::Exception or std::runtime_error
 * (out of memory, zlib failure) like the other helpers of Hdf5Io.h.
 */
class ParallelChunkWriter
{
public:
    /// True when `chunk` splits only the first dimension of `shape` (and is not longer there).
    static bool fits(const std::vector<hsize_t>& shape, const std::vector<hsize_t>& chunk);

    /// Creates `name` in `g` (which must not have it) with `shape`, `chunk`, shuffle and deflate
    /// at `level` (1 … 9), and writes `data` (row-major, shape's size) through `threads`
    /// threads (at least 1).
    static void write(H5::Group& g, const std::string& name, const std::vector<hsize_t>& shape,
                      const std::vector<hsize_t>& chunk, int level, const float* data, int threads);

    /// The filtered bytes of one chunk of `values` floats (padded to the full chunk by the
    /// caller): shuffle, then deflate at `level`. Exposed for the tests.
    static std::vector<unsigned char> filterChunk(const float* values, std::size_t count,
                                                  int level);
};

} // namespace ac::h5
