#include "store/ParallelChunkWriter.h"

#include <zlib.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <stdexcept>
#include <thread>

namespace ac::h5
{

bool ParallelChunkWriter::fits(const std::vector<hsize_t>& shape, const std::vector<hsize_t>& chunk)
{
    if (shape.empty() || chunk.size() != shape.size() || chunk[0] == 0 || chunk[0] > shape[0])
        return false;
    for (std::size_t d = 1; d < shape.size(); ++d)
        if (chunk[d] != shape[d])
            return false;
    return true;
}

std::vector<unsigned char> ParallelChunkWriter::filterChunk(const float* values, std::size_t count,
                                                            int level)
{
    // HDF5's shuffle filter (H5Zshuffle.c): byte k of every element, for k = 0 … 3 in turn.
    constexpr std::size_t kSize = sizeof(float);
    std::vector<unsigned char> shuffled(count * kSize);
    const auto* in = reinterpret_cast<const unsigned char*>(values);
    for (std::size_t k = 0; k < kSize; ++k) {
        unsigned char* out = shuffled.data() + k * count;
        for (std::size_t i = 0; i < count; ++i)
            out[i] = in[i * kSize + k];
    }
    // HDF5's deflate filter (H5Zdeflate.c): one zlib stream of the chunk from compress2().
    uLongf size = compressBound(uLong(shuffled.size()));
    std::vector<unsigned char> packed(size);
    if (compress2(packed.data(), &size, shuffled.data(), uLong(shuffled.size()), level) != Z_OK)
        throw std::runtime_error("deflate failed");
    packed.resize(size);
    return packed;
}

void ParallelChunkWriter::write(H5::Group& g, const std::string& name,
                                const std::vector<hsize_t>& shape,
                                const std::vector<hsize_t>& chunk, int level, const float* data,
                                int threads)
{
    if (!fits(shape, chunk))
        throw std::runtime_error(name + ": chunks must split the first dimension only");
    H5::DSetCreatPropList plist;
    plist.setChunk(int(chunk.size()), chunk.data());
    plist.setShuffle();
    plist.setDeflate(level);
    H5::DataSpace space(int(shape.size()), shape.data());
    H5::DataSet ds = g.createDataSet(name, H5::PredType::IEEE_F32LE, space, plist);

    hsize_t rowSize = 1; // floats per index of the first dimension
    for (std::size_t d = 1; d < shape.size(); ++d)
        rowSize *= shape[d];
    const hsize_t rows = shape[0];
    const std::size_t chunkFloats = std::size_t(chunk[0] * rowSize);
    const std::size_t chunks = std::size_t((rows + chunk[0] - 1) / chunk[0]);
    if (chunks == 0 || rowSize == 0)
        return;

    // Filter every chunk on the threads (each takes the next chunk not yet taken), then hand
    // them to HDF5 in order from this thread: the library is not thread-safe.
    std::vector<std::vector<unsigned char>> filtered(chunks);
    std::atomic<std::size_t> next{0};
    std::atomic<bool> failed{false};
    auto work = [&] {
        std::vector<float> padded;
        try {
            for (std::size_t c = next++; c < chunks && !failed; c = next++) {
                const hsize_t first = hsize_t(c) * chunk[0];
                const std::size_t have = std::size_t(std::min(chunk[0], rows - first) * rowSize);
                const float* values = data + std::size_t(first * rowSize);
                if (have < chunkFloats) { // the edge chunk, padded with the fill value
                    padded.assign(chunkFloats, 0.0f);
                    std::memcpy(padded.data(), values, have * sizeof(float));
                    values = padded.data();
                }
                filtered[c] = filterChunk(values, chunkFloats, level);
            }
        } catch (...) {
            failed = true;
        }
    };
    const int n = std::clamp(threads, 1, int(std::min<std::size_t>(chunks, 64)));
    std::vector<std::thread> pool;
    for (int t = 1; t < n; ++t)
        pool.emplace_back(work);
    work();
    for (std::thread& t : pool)
        t.join();
    if (failed)
        throw std::runtime_error(name + ": compressing the data failed (out of memory?)");

    std::vector<hsize_t> offset(shape.size(), 0);
    for (std::size_t c = 0; c < chunks; ++c) {
        offset[0] = hsize_t(c) * chunk[0];
        if (H5Dwrite_chunk(ds.getId(), H5P_DEFAULT, 0, offset.data(), filtered[c].size(),
                           filtered[c].data()) < 0)
            throw H5::DataSetIException("H5Dwrite_chunk", name + ": writing a chunk failed");
        std::vector<unsigned char>().swap(filtered[c]); // keep the peak at the compressed size
    }
}

} // namespace ac::h5
