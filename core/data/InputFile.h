#pragma once

#include <QString>

namespace ac
{

/**
 * Checks that `path` is a regular, readable file before an importer opens it. False with
 * `error` ("<path>: <what>") saying what it is instead: no such file, a broken symbolic link, a
 * symbolic link loop, a folder, a named pipe (FIFO), a device such as /dev/zero, a socket, or not
 * readable (issue 13, finding 12). Refusing those up front means an import never blocks on a FIFO
 * nor reads an endless device. Stateless, safe from any thread.
 */
bool checkInputFile(const QString& path, QString* error);

} // namespace ac
