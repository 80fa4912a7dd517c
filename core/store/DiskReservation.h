#pragma once

#include <QString>
#include <cstdint>

namespace ac
{

/**
 * Disk space set aside for a file that is about to grow, so that the writer never meets a full
 * disk half-way.
 *
 * HDF5 1.10 cannot recover from a write that fails for lack of space: its data set and file
 * closes fail, and the next close of that file (at the latest when the program exits) crashes
 * (issue 13, finding 3). StudyEditor therefore reserves, before each write, at least the space
 * the write can take (fallocate with FALLOC_FL_KEEP_SIZE: blocks past the end of the file,
 * its size unchanged); a disk too full for the reservation fails the write with a clear error
 * before HDF5 writes anything. release() gives back what the file did not use. On a file system
 * without fallocate, reserve() only checks the free space.
 *
 * Owns one read-write descriptor of the file; use from one thread.
 */
class DiskReservation
{
public:
    DiskReservation() = default;
    ~DiskReservation();
    DiskReservation(const DiskReservation&) = delete;
    DiskReservation& operator=(const DiskReservation&) = delete;

    /// Starts reserving for `path` (an existing file); false and `error` when it cannot be opened.
    bool attach(const QString& path, QString* error);
    /// Sets aside `bytes` more past what is already reserved (or past the end of the file);
    /// false and `error` ("not enough disk space ...") when the disk cannot hold them.
    bool reserve(std::uint64_t bytes, QString* error);
    /// Frees the reserved blocks the file did not use and closes the descriptor.
    void release();

private:
    QString m_path;
    int m_fd = -1;
    std::uint64_t m_reservedEnd = 0;
};

} // namespace ac
