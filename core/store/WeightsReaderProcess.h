#pragma once

#include "domain/WeightArray.h"

#include <QString>

namespace ac
{

/**
 * Reads a weights file someone else wrote in a child process, so that a damaged file cannot take
 * the caller down. HDF5 1.10 does not defend itself against damaged metadata: fuzzing found
 * files that make it crash (H5MM_xfree, H5F__accum_read), allocate without bound or hang, and
 * the weights files a user imports come from other tools (h5py, old releases). The child,
 * attentivechrome-read-weights, reads the file with readWeightsFile() and writes the parameters
 * to a fresh weights file in a private temporary folder; only that file, written by this
 * project's own writer, is read here. A crash, hang (past the timeout) or failure of the child
 * becomes an error naming the file; nothing the caller owns is touched.
 *
 * Cost: one process start (≈ 10 ms, the child links HDF5 and QtCore only) and one extra write
 * and read of the weights (a few MB).
 *
 * A value; read() may run in any thread (it blocks that thread until the child ends) and
 * several may run at once. Linux only (posix_spawn, /proc/self/exe).
 */
class WeightsReaderProcess
{
public:
    /// Uses `program` as the child; by default installedProgram().
    explicit WeightsReaderProcess(QString program = installedProgram());

    /// The child program of the installation the running one belongs to:
    /// `<prefix>/libexec/attentivechrome/attentivechrome-read-weights` (install::libexecProgram).
    static QString installedProgram();

    /// The child is killed and the read fails after `milliseconds` (default 120 s).
    void setTimeout(int milliseconds) { m_timeoutMs = milliseconds; }

    /// Reads `path` through the child into `out`. False with `error` naming `path` when the file
    /// cannot be read, is damaged, crashes or hangs the child, or the child cannot be started.
    bool read(const QString& path, Weights* out, QString* error) const;

private:
    QString m_program;
    int m_timeoutMs = 120000;
};

} // namespace ac
