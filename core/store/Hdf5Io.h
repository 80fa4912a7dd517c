#pragma once

// Internal to core/store: small typed helpers over the HDF5 C++ API shared by StudyFile,
// StudyEditor and WeightsFile. All of them throw H5::Exception (or std::runtime_error for a
// wrong shape or type) and are meant to be called inside one try block per public operation.

#include "domain/WeightArray.h"

#include <H5Cpp.h>
#include <QString>
#include <cstdint>
#include <string>
#include <vector>

namespace ac::h5
{

/// Chunking and compression of a new dataset; chunk empty = contiguous, uncompressed.
struct Layout {
    std::vector<hsize_t> chunk;
    int deflate = 0;
};

bool exists(const H5::Group& g, const std::string& path);
/// Opens `path` below `g`, creating missing groups (with link creation order tracked).
H5::Group openOrCreateGroup(H5::Group& g, const std::string& path);
/// Removes `name` from `g` when present.
void remove(H5::Group& g, const std::string& name);
/// Names of the members of `g`, in creation order when tracked, else by name.
std::vector<std::string> memberNames(const H5::Group& g);

std::vector<hsize_t> shapeOf(const H5::DataSet& ds);
/// The number of elements of an array of shape `dims`; throws (naming `name`) when it does not
/// fit 64 bits, as only a damaged file can claim.
hsize_t elementCount(const std::vector<hsize_t>& dims, const std::string& name);

void writeFloats(H5::Group& g, const std::string& name, const std::vector<hsize_t>& shape,
                 const float* data, const Layout& layout = {});
std::vector<float> readFloats(const H5::Group& g, const std::string& name,
                              std::vector<hsize_t>* shape = nullptr);
void writeDoubles(H5::Group& g, const std::string& name, const std::vector<hsize_t>& shape,
                  const double* data);
std::vector<double> readDoubles(const H5::Group& g, const std::string& name,
                                std::vector<hsize_t>* shape = nullptr);
void writeUInt8(H5::Group& g, const std::string& name, const std::vector<std::uint8_t>& v);
std::vector<std::uint8_t> readUInt8(const H5::Group& g, const std::string& name);
void writeInt64(H5::Group& g, const std::string& name, const std::vector<std::int64_t>& v);
std::vector<std::int64_t> readInt64(const H5::Group& g, const std::string& name);
/// Fixed-length UTF-8 strings (NUL-terminated, as wide as the longest). readStrings() also reads
/// the variable-length strings of older studies, checking their heap first (GlobalHeapCheck).
void writeStrings(H5::Group& g, const std::string& name, const std::vector<std::string>& v);
std::vector<std::string> readStrings(const H5::Group& g, const std::string& name);

void setAttr(H5::H5Object& o, const std::string& name, const std::string& value);
void setAttr(H5::H5Object& o, const std::string& name, std::int64_t value);
std::string stringAttr(const H5::H5Object& o, const std::string& name);
std::int64_t intAttr(const H5::H5Object& o, const std::string& name);
bool hasAttr(const H5::H5Object& o, const std::string& name);

/// File access for files this project writes: HDF5 1.10's format, with checksums on the
/// superblock, object headers and chunk indexes, so that damage is an error rather than garbage
/// (readable by HDF5 ≥ 1.10).
H5::FileAccPropList checksummedFormat();

/// Every float dataset of `g` as a named array (weights), in creation order when tracked.
Weights readWeightsGroup(const H5::Group& g);
/// Replaces the content of `g` with `weights`, one dataset per array.
void writeWeightsGroup(H5::Group& g, const Weights& weights);

std::string utf8(const QString& s);
QString qstr(const std::string& s);
/// The most specific message of an HDF5 exception.
QString describe(const H5::Exception& e);

} // namespace ac::h5
