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

std::string fileNameOf(const H5::DataSet& ds)
{
    const ssize_t length = H5Fget_name(ds.getId(), nullptr, 0);
    if (length <= 0)
        throw std::runtime_error("cannot tell which file holds the strings");
    std::string name(std::size_t(length), '\0');
    H5Fget_name(ds.getId(), name.data(), std::size_t(length) + 1);
    return name;
}

} // namespace

void GlobalHeapCheck::check(const H5::DataSet& ds)
{
    H5::DataSpace space = ds.getSpace();
    const hssize_t count = space.getSimpleExtentNpoints();
    if (count <= 0 || ds.getStorageSize() == 0)
        return; // nothing stored: HDF5 reads no heap
    const haddr_t offset = H5Dget_offset(ds.getId());
    if (offset == HADDR_UNDEF)
        throw std::runtime_error(
            "variable-length strings in a layout this program does not write; cannot be checked");
    const RawFile file(fileNameOf(ds));
    std::vector<unsigned char> references;
    if (!file.read(offset, std::uint64_t(count) * kReferenceSize, &references))
        throw std::runtime_error("the strings' references lie beyond the end of the file");
    std::unordered_map<std::uint64_t, std::vector<std::uint64_t>> collections;
    for (hssize_t i = 0; i < count; ++i) {
        const unsigned char* r = references.data() + std::size_t(i) * kReferenceSize;
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

} // namespace ac
