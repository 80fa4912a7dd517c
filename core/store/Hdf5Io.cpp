#include "store/Hdf5Io.h"

#include "store/GlobalHeapCheck.h"
#include "store/ParallelChunkWriter.h"
#include "store/StudyError.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <thread>

namespace ac::h5
{

namespace
{

/// UTF-8 strings of `width` bytes including the terminating NUL.
H5::StrType fixedStringType(std::size_t width)
{
    H5::StrType type(H5::PredType::C_S1, width);
    type.setCset(H5T_CSET_UTF8);
    type.setStrpad(H5T_STR_NULLTERM);
    return type;
}

H5::DSetCreatPropList creationList(const Layout& layout)
{
    H5::DSetCreatPropList plist;
    if (!layout.chunk.empty()) {
        plist.setChunk(static_cast<int>(layout.chunk.size()), layout.chunk.data());
        if (layout.deflate > 0) {
            plist.setShuffle();
            plist.setDeflate(layout.deflate);
        }
    }
    return plist;
}

template <typename T>
std::vector<T> readArrayOf(const H5::Group& g, const std::string& name, const H5::PredType& memType,
                           H5T_class_t expectedClass, std::vector<hsize_t>* shape)
{
    H5::DataSet ds = g.openDataSet(name);
    if (ds.getTypeClass() != expectedClass)
        throw StudyError(StudyError::Kind::Invalid, name, "unexpected data type");
    const std::vector<hsize_t> dims = shapeOf(ds);
    const hsize_t n = elementCount(dims, name);
    std::vector<T> out(n);
    if (n > 0)
        ds.read(out.data(), memType);
    if (shape)
        *shape = dims;
    return out;
}

template <typename T>
void writeArray(H5::Group& g, const std::string& name, const std::vector<hsize_t>& shape,
                const T* data, const H5::PredType& fileType, const H5::PredType& memType,
                const Layout& layout)
{
    remove(g, name);
    H5::DataSpace space(static_cast<int>(shape.size()), shape.data());
    H5::DataSet ds = g.createDataSet(name, fileType, space, creationList(layout));
    hsize_t n = 1;
    for (hsize_t d : shape)
        n *= d;
    if (n > 0)
        ds.write(data, memType);
}

/// Runs the read `f` of member `name`; an HDF5 failure means the file is damaged.
template <typename F> auto unreadableAs(const std::string& name, F&& f)
{
    try {
        return f();
    } catch (const H5::Exception&) { // "H5Dread failed" says nothing more to a biologist
        throw StudyError(StudyError::Kind::Unreadable, name, std::string());
    } catch (const std::runtime_error& e) {
        if (dynamic_cast<const StudyError*>(&e))
            throw;
        throw StudyError(StudyError::Kind::Unreadable, name, e.what());
    }
}

template <typename T>
std::vector<T> readArray(const H5::Group& g, const std::string& name, const H5::PredType& memType,
                         H5T_class_t expectedClass, std::vector<hsize_t>* shape)
{
    return unreadableAs(name,
                        [&] { return readArrayOf<T>(g, name, memType, expectedClass, shape); });
}

std::vector<std::string> readStringsOf(const H5::Group& g, const std::string& name)
{
    H5::DataSet ds = g.openDataSet(name);
    if (ds.getTypeClass() != H5T_STRING)
        throw StudyError(StudyError::Kind::Invalid, name, "expected strings");
    const H5::StrType stored = ds.getStrType();
    const std::vector<hsize_t> dims = shapeOf(ds);
    if (dims.size() != 1)
        throw StudyError(StudyError::Kind::Invalid, name, "expected a list of strings");
    const std::size_t n = dims[0];
    std::vector<std::string> out;
    out.reserve(n);
    if (!stored.isVariableStr()) {
        const std::size_t width = std::max<std::size_t>(stored.getSize(), 1);
        std::vector<char> buffer(elementCount({n, width}, name), '\0');
        H5::StrType type = fixedStringType(width);
        type.setCset(stored.getCset());
        type.setStrpad(stored.getStrpad()); // h5py writes NUL-padded, not NUL-terminated

        if (n > 0)
            ds.read(buffer.data(), type);
        for (std::size_t i = 0; i < n; ++i) {
            const char* s = buffer.data() + i * width;
            out.emplace_back(s, strnlen(s, width));
        }
        return out;
    }
    GlobalHeapCheck::check(ds); // studies written before fixed-length strings
    H5::StrType type(H5::PredType::C_S1, H5T_VARIABLE);
    // Read in the dataset's own character set: HDF5 has no ASCII <-> UTF-8 conversion path, and
    // within the session that wrote the dataset the read fails without this.
    type.setCset(stored.getCset());
    std::vector<char*> ptrs(n, nullptr);
    if (n > 0)
        ds.read(ptrs.data(), type);
    for (char* p : ptrs) {
        out.emplace_back(p ? p : "");
        H5free_memory(p);
    }
    return out;
}

} // namespace

bool exists(const H5::Group& g, const std::string& path)
{
    // H5Lexists needs every intermediate link to exist: walk the path.
    std::string prefix;
    std::size_t start = 0;
    while (start <= path.size()) {
        const std::size_t slash = path.find('/', start);
        const std::string part =
            path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
        prefix += prefix.empty() ? part : "/" + part;
        if (H5Lexists(g.getId(), prefix.c_str(), H5P_DEFAULT) <= 0)
            return false;
        if (slash == std::string::npos)
            break;
        start = slash + 1;
    }
    return true;
}

H5::Group openOrCreateGroup(H5::Group& g, const std::string& path)
{
    H5::Group current = g;
    std::size_t start = 0;
    while (start < path.size()) {
        const std::size_t slash = path.find('/', start);
        const std::string part =
            path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
        if (!part.empty()) {
            if (H5Lexists(current.getId(), part.c_str(), H5P_DEFAULT) > 0) {
                current = current.openGroup(part);
            } else {
                H5::PropList gcpl(H5Pcreate(H5P_GROUP_CREATE));
                H5Pset_link_creation_order(gcpl.getId(),
                                           H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED);
                const hid_t id = H5Gcreate2(current.getId(), part.c_str(), H5P_DEFAULT,
                                            gcpl.getId(), H5P_DEFAULT);
                if (id < 0)
                    throw H5::GroupIException("openOrCreateGroup", "cannot create group " + part);
                current = H5::Group(id);
                H5Gclose(id); // H5::Group(id) took its own reference
            }
        }
        if (slash == std::string::npos)
            break;
        start = slash + 1;
    }
    return current;
}

void remove(H5::Group& g, const std::string& name)
{
    if (H5Lexists(g.getId(), name.c_str(), H5P_DEFAULT) > 0)
        g.unlink(name);
}

std::vector<std::string> memberNames(const H5::Group& g)
{
    H5::PropList gcpl(H5Gget_create_plist(g.getId()));
    unsigned flags = 0;
    H5Pget_link_creation_order(gcpl.getId(), &flags);
    const H5_index_t index = (flags & H5P_CRT_ORDER_INDEXED) ? H5_INDEX_CRT_ORDER : H5_INDEX_NAME;
    const hsize_t n = g.getNumObjs();
    std::vector<std::string> names;
    names.reserve(n);
    for (hsize_t i = 0; i < n; ++i) {
        const ssize_t len =
            H5Lget_name_by_idx(g.getId(), ".", index, H5_ITER_INC, i, nullptr, 0, H5P_DEFAULT);
        if (len < 0)
            throw H5::GroupIException("memberNames", "cannot list group members");
        std::string name(static_cast<std::size_t>(len), '\0');
        H5Lget_name_by_idx(g.getId(), ".", index, H5_ITER_INC, i, name.data(),
                           static_cast<std::size_t>(len) + 1, H5P_DEFAULT);
        names.push_back(std::move(name));
    }
    return names;
}

std::vector<hsize_t> shapeOf(const H5::DataSet& ds)
{
    H5::DataSpace space = ds.getSpace();
    std::vector<hsize_t> dims(static_cast<std::size_t>(space.getSimpleExtentNdims()));
    if (!dims.empty())
        space.getSimpleExtentDims(dims.data());
    return dims;
}

hsize_t elementCount(const std::vector<hsize_t>& dims, const std::string& name)
{
    hsize_t n = 1;
    for (hsize_t d : dims) {
        if (d != 0 && n > std::numeric_limits<hsize_t>::max() / d)
            throw std::runtime_error(name + ": claims more than 2^64 values (a damaged file)");
        n *= d;
    }
    return n;
}

void writeFloats(H5::Group& g, const std::string& name, const std::vector<hsize_t>& shape,
                 const float* data, const Layout& layout)
{
    // Compressed arrays of several chunks (X, tracks, α) are filtered on every core.
    if (layout.deflate > 0 && ParallelChunkWriter::fits(shape, layout.chunk) &&
        shape[0] > layout.chunk[0]) {
        remove(g, name);
        const int threads = int(std::max(1u, std::thread::hardware_concurrency()));
        ParallelChunkWriter::write(g, name, shape, layout.chunk, layout.deflate, data, threads);
        return;
    }
    writeArray(g, name, shape, data, H5::PredType::IEEE_F32LE, H5::PredType::NATIVE_FLOAT, layout);
}

std::vector<float> readFloats(const H5::Group& g, const std::string& name,
                              std::vector<hsize_t>* shape)
{
    return readArray<float>(g, name, H5::PredType::NATIVE_FLOAT, H5T_FLOAT, shape);
}

void writeDoubles(H5::Group& g, const std::string& name, const std::vector<hsize_t>& shape,
                  const double* data)
{
    writeArray(g, name, shape, data, H5::PredType::IEEE_F64LE, H5::PredType::NATIVE_DOUBLE, {});
}

std::vector<double> readDoubles(const H5::Group& g, const std::string& name,
                                std::vector<hsize_t>* shape)
{
    return readArray<double>(g, name, H5::PredType::NATIVE_DOUBLE, H5T_FLOAT, shape);
}

void writeUInt8(H5::Group& g, const std::string& name, const std::vector<std::uint8_t>& v)
{
    writeArray(g, name, {v.size()}, v.data(), H5::PredType::STD_U8LE, H5::PredType::NATIVE_UINT8,
               {});
}

std::vector<std::uint8_t> readUInt8(const H5::Group& g, const std::string& name)
{
    return readArray<std::uint8_t>(g, name, H5::PredType::NATIVE_UINT8, H5T_INTEGER, nullptr);
}

void writeInt64(H5::Group& g, const std::string& name, const std::vector<std::int64_t>& v)
{
    writeArray(g, name, {v.size()}, v.data(), H5::PredType::STD_I64LE, H5::PredType::NATIVE_INT64,
               {});
}

std::vector<std::int64_t> readInt64(const H5::Group& g, const std::string& name)
{
    return readArray<std::int64_t>(g, name, H5::PredType::NATIVE_INT64, H5T_INTEGER, nullptr);
}

void writeStrings(H5::Group& g, const std::string& name, const std::vector<std::string>& v)
{
    // Fixed-length: variable-length strings live in HDF5's global heap, which HDF5 1.10 reads
    // without bounds checks (issue 13, finding 2).
    remove(g, name);
    std::size_t width = 1;
    for (const std::string& s : v)
        width = std::max(width, s.size() + 1);
    const H5::StrType type = fixedStringType(width);
    const hsize_t n = v.size();
    H5::DataSpace space(1, &n);
    H5::DataSet ds = g.createDataSet(name, type, space);
    std::vector<char> buffer(v.size() * width, '\0');
    for (std::size_t i = 0; i < v.size(); ++i)
        std::memcpy(buffer.data() + i * width, v[i].data(), v[i].size());
    if (n > 0)
        ds.write(buffer.data(), type);
}

std::vector<std::string> readStrings(const H5::Group& g, const std::string& name)
{
    return unreadableAs(name, [&] { return readStringsOf(g, name); });
}

void setAttr(H5::H5Object& o, const std::string& name, const std::string& value)
{
    if (o.attrExists(name))
        o.removeAttr(name);
    const H5::StrType type = fixedStringType(value.size() + 1); // no global heap (see writeStrings)
    H5::Attribute a = o.createAttribute(name, type, H5::DataSpace(H5S_SCALAR));
    a.write(type, value);
}

void setAttr(H5::H5Object& o, const std::string& name, std::int64_t value)
{
    if (o.attrExists(name))
        o.removeAttr(name);
    H5::Attribute a = o.createAttribute(name, H5::PredType::STD_I64LE, H5::DataSpace(H5S_SCALAR));
    a.write(H5::PredType::NATIVE_INT64, &value);
}

std::string stringAttr(const H5::H5Object& o, const std::string& name)
{
    return unreadableAs(name, [&] {
        H5::Attribute a = o.openAttribute(name);
        if (a.getTypeClass() != H5T_STRING)
            throw StudyError(StudyError::Kind::Invalid, name, "expected a string");
        const H5::StrType type = a.getStrType();
        if (type.isVariableStr())
            GlobalHeapCheck::check(a); // format version 1
        std::string value;
        a.read(type, value);
        return value;
    });
}

std::int64_t intAttr(const H5::H5Object& o, const std::string& name)
{
    return unreadableAs(name, [&] {
        H5::Attribute a = o.openAttribute(name);
        if (a.getTypeClass() != H5T_INTEGER)
            throw StudyError(StudyError::Kind::Invalid, name, "expected an integer");
        std::int64_t value = 0;
        a.read(H5::PredType::NATIVE_INT64, &value);
        return value;
    });
}

bool hasAttr(const H5::H5Object& o, const std::string& name)
{
    return o.attrExists(name);
}

Weights readWeightsGroup(const H5::Group& g)
{
    Weights weights;
    for (const std::string& name : memberNames(g)) {
        WeightArray w;
        w.name = name;
        std::vector<hsize_t> shape;
        w.values = readFloats(g, name, &shape);
        w.shape.assign(shape.begin(), shape.end());
        weights.push_back(std::move(w));
    }
    return weights;
}

void writeWeightsGroup(H5::Group& g, const Weights& weights)
{
    for (const std::string& name : memberNames(g))
        g.unlink(name);
    for (const WeightArray& w : weights) {
        std::vector<hsize_t> shape(w.shape.begin(), w.shape.end());
        hsize_t n = 1;
        for (hsize_t d : shape)
            n *= d;
        if (n != w.values.size())
            throw std::runtime_error(w.name + ": shape does not match the number of values");
        writeFloats(g, w.name, shape, w.values.data());
    }
}

std::string utf8(const QString& s)
{
    return s.toStdString();
}

QString qstr(const std::string& s)
{
    return QString::fromStdString(s);
}

H5::FileAccPropList checksummedFormat()
{
    H5::FileAccPropList fapl;
    H5Pset_libver_bounds(fapl.getId(), H5F_LIBVER_V110, H5F_LIBVER_V110);
    return fapl;
}

QString describe(const H5::Exception& e)
{
    const std::string detail = e.getDetailMsg();
    return qstr(detail.empty() ? e.getFuncName() : detail);
}

} // namespace ac::h5
