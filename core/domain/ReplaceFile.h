#pragma once

#include <QString>

namespace ac
{

/**
 * Puts the finished temporary file `temp` in the place of `path` with one rename(2): a reader
 * sees the old file or the new one, never a part (both must be in the same folder). On failure
 * `temp` is removed, `path` is as it was, and `error` says "<path>: cannot replace the file
 * (<reason>)". Thread-safe.
 */
bool replaceFile(const QString& temp, const QString& path, QString* error);

} // namespace ac
