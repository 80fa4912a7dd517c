#include "store/GlobalHeapCheck.h"

#include <cstdint>
#include <cstring>
#include <fcntl.h>
#include <stdexcept>
#include <string>
#include <sys/stat.h>
#include <unistd.h>
#include <unordered_map>
#include <vector>

namespace ac
{

namespace
{

// HDF5 file format specification, "Global Heap": a collection is "GCOL", version 1, 3 reserved
// bytes, an 8-byte size, then objects of a 16-byte header (2-byte index, 2-byte reference
// count, 4 reserved, 8-byte size) and data padded to 8 bytes; index 0 is the free space. A
// reference in a dataset is a 4-byte length, an 8-byte collection address and a 4-byte index.
constexpr std::uint64_t kHeaderSize = 16;
constexpr std::uint64_t kReferenceSize = 16;
constexpr std::uint64_t kAbsent = ~0ULL;

std::uint64_t little(const unsigned char* p, int bytes)
{
    std::uint64_t v = 0;
    for (int i = bytes - 1; i >= 0; --i)
        v = (v << 8) | p[i];
    return v;
}

/// A file opened read-only with its size; reads outside the file throw.
class RawFile
{
public:
    explicit RawFile(const std::string& path) : m_fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC))
    {
        struct stat st {
        };
        if (m_fd < 0 || ::fstat(m_fd, &st) != 0)
            throw std::runtime_error("cannot read the file to check it");
        m_size = std::uint64_t(st.st_size);
    }
    ~RawFile() { ::close(m_fd); }
    RawFile(const RawFile&) = delete;
    RawFile& operator=(const RawFile&) = delete;

    std::uint64_t size() const { return m_size; }
    bool read(std::uint64_t offset, std::uint64_t count, std::vector<unsigned char>* out) const
    {
        if (offset > m_size || count > m_size - offset)
            return false;
        out->resize(count);
        std::uint64_t done = 0;
        while (done < count) {
            const ssize_t n = ::pread(m_fd, out->data() + done, count - done, off_t(offset + done));
            if (n <= 0)
                return false;
            done += std::uint64_t(n);
        }
        return true;
    }

private:
    int m_fd;
    std::uint64_t m_size = 0;
};

[[noreturn]] void damaged(std::uint64_t address, const char* what)
{
    throw std::runtime_error("the string storage (HDF5 global heap at byte " +
                             std::to_string(address) + ") is damaged: " + what);
}

/// Object sizes of the collection at `address` by object index (kAbsent: no such object),
/// walked as HDF5 walks it.
std::vector<std::uint64_t> readCollection(const RawFile& file, std::uint64_t address)
{
    std::vector<unsigned char> bytes;
    if (!file.read(address, kHeaderSize, &bytes))
        damaged(address, "it lies beyond the end of the file");
    if (std::memcmp(bytes.data(), "GCOL", 4) != 0 || bytes[4] != 1)
        damaged(address, "no heap signature");
    const std::uint64_t size = little(&bytes[8], 8);
    if (size < kHeaderSize || !file.read(address, size, &bytes))
        damaged(address, "its size does not fit in the file");
    std::vector<std::uint64_t> objects;
    std::uint64_t p = kHeaderSize;
    while (p + kHeaderSize <= size) { // a smaller tail is free space
        const auto index = unsigned(little(&bytes[p], 2));
        const std::uint64_t objectSize = little(&bytes[p + 8], 8);
        if (index > 0 && objectSize > size)
            damaged(address, "an object is larger than its heap");
        const std::uint64_t need =
            index > 0 ? kHeaderSize + ((objectSize + 7) & ~7ULL) : objectSize;
        if (need < kHeaderSize || need > size - p)
            damaged(address, "an object runs past the end of its heap");
        if (index > 0) {
            if (index >= objects.size())
                objects.resize(index + 1, kAbsent);
            if (objects[index] != kAbsent)
                damaged(address, "two objects have the same index");
            objects[index] = objectSize;
        }
        p += need;
    }
    return objects;
}

std::string fileNameOf(hid_t object)
{
    const ssize_t length = H5Fget_name(object, nullptr, 0);
    if (length <= 0)
        throw std::runtime_error("cannot tell which file holds the strings");
    std::string name(std::size_t(length), '\0');
    H5Fget_name(object, name.data(), std::size_t(length) + 1);
    return name;
}

/// HDF5 conversion from variable-length strings to opaque bytes of the same size that keeps
/// the stored heap references as they are: reading with it reads no heap.
herr_t keepReferences(hid_t source, hid_t target, H5T_cdata_t* cdata, size_t, size_t, size_t, void*,
                      void*, hid_t)
{
    if (cdata->command != H5T_CONV_INIT)
        return 0; // H5T_CONV_CONV: the bytes already are the references
    cdata->need_bkg = H5T_BKG_NO;
    const bool fits = H5Tis_variable_str(source) > 0 && H5Tget_class(target) == H5T_OPAQUE &&
                      H5Tget_size(target) == H5Tget_size(source);
    return fits ? 0 : -1;
}

/// The opaque type the stored references are read as (registered once per process).
hid_t referenceType()
{
    static const hid_t type = [] {
        const hid_t opaque = H5Tcreate(H5T_OPAQUE, kReferenceSize);
        H5Tset_tag(opaque, "global heap reference");
        const hid_t strings = H5Tcopy(H5T_C_S1);
        H5Tset_size(strings, H5T_VARIABLE);
        H5Tregister(H5T_PERS_SOFT, "attentivechrome keep heap references", strings, opaque,
                    keepReferences);
        H5Tclose(strings);
        return opaque;
    }();
    return type;
}

/// Checks `count` stored references (16 bytes each) against the file holding `object`.
void checkReferences(hid_t object, const std::vector<unsigned char>& references)
{
    const RawFile file(fileNameOf(object));
    std::unordered_map<std::uint64_t, std::vector<std::uint64_t>> collections;
    for (std::size_t i = 0; i < references.size() / kReferenceSize; ++i) {
        const unsigned char* r = references.data() + i * kReferenceSize;
        const std::uint64_t length = little(r, 4);
        const std::uint64_t address = little(r + 4, 8);
        const auto index = unsigned(little(r + 12, 4));
        if (address == 0 && length == 0)
            continue; // a null string: no heap object
        auto it = collections.find(address);
        if (it == collections.end())
            it = collections.emplace(address, readCollection(file, address)).first;
        const std::vector<std::uint64_t>& sizes = it->second;
        if (index == 0 || index >= sizes.size() || sizes[index] != length)
            damaged(address,
                    ("string " + std::to_string(i) + " does not match its heap object").c_str());
    }
}

/// Heap references of 8-byte addresses and lengths (HDF5's default) are all this check reads.
void requireDefaultSizes(hid_t object)
{
    const hid_t file = H5Iget_file_id(object);
    const hid_t fcpl = H5Fget_create_plist(file);
    size_t address = 0, length = 0;
    H5Pget_sizes(fcpl, &address, &length);
    H5Pclose(fcpl);
    H5Fclose(file);
    if (address != 8 || length != 8)
        throw std::runtime_error("strings in a file with " + std::to_string(address) +
                                 "-byte addresses cannot be checked");
}

} // namespace

void GlobalHeapCheck::check(const H5::DataSet& ds)
{
    const hssize_t count = ds.getSpace().getSimpleExtentNpoints();
    if (count <= 0 || ds.getStorageSize() == 0)
        return; // nothing stored: HDF5 reads no heap
    requireDefaultSizes(ds.getId());
    std::vector<unsigned char> references(std::size_t(count) * kReferenceSize);
    if (H5Dread(ds.getId(), referenceType(), H5S_ALL, H5S_ALL, H5P_DEFAULT, references.data()) < 0)
        throw std::runtime_error("cannot read the strings' references");
    checkReferences(ds.getId(), references);
}

void GlobalHeapCheck::check(const H5::Attribute& attribute)
{
    const hssize_t count = attribute.getSpace().getSimpleExtentNpoints();
    if (count <= 0)
        return;
    requireDefaultSizes(attribute.getId());
    std::vector<unsigned char> references(std::size_t(count) * kReferenceSize);
    if (H5Aread(attribute.getId(), referenceType(), references.data()) < 0)
        throw std::runtime_error("cannot read the string's reference");
    checkReferences(attribute.getId(), references);
}

} // namespace ac
