#pragma once

#include <H5Cpp.h>

namespace ac
{

/**
 * Checks the HDF5 global heap behind a variable-length string dataset before HDF5 reads it.
 *
 * HDF5 1.10 trusts the global heap collections ("GCOL") that hold variable-length strings: one
 * changed byte of an object's size makes H5Dread copy past the heap and crash (issue 13, finding
 * 2). Studies of format version 1 keep gene names and string attributes there. check()
 * reads the stored heap references (16 bytes each; through a conversion to opaque bytes that
 * HDF5 applies without touching the heap, registered once with H5Tregister) and every
 * collection they point to straight from the file, walks each collection exactly as HDF5 will,
 * and throws std::runtime_error (saying which part is damaged) unless every reference names an
 * object of its length inside a well-formed collection within the file.
 *
 * Stateless; reads the file with its own descriptor. Thread-safe as HDF5 is (its global lock).
 */
class GlobalHeapCheck
{
public:
    /// Throws std::runtime_error when `ds` (variable-length strings) cannot be read safely.
    static void check(const H5::DataSet& ds);
    /// The same for a variable-length string attribute.
    static void check(const H5::Attribute& attribute);
};

} // namespace ac
