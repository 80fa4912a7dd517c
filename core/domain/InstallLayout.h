#pragma once

#include <QString>

namespace ac
{

/**
 * Where the parts of an installation are, found from the running program (/proc/self/exe):
 * `<prefix>/bin` holds the programs users start (the launchers `attentivechrome`,
 * `attentivechrome-cli`), `<prefix>/libexec/attentivechrome` the programs those start (the GUI,
 * the model commands' engine, the weights reader), `<prefix>/share/attentivechrome` the data (the
 * demo study). The build tree has the same layout (build/bin, build/libexec/..., build/share/...).
 * Thread-safe; Linux only.
 */
namespace install
{

/// The prefix the running program belongs to: the folder above its own folder, or two above
/// when the program runs from `libexec/attentivechrome`.
QString prefix();

/// `<prefix>/bin/<name>`: a program users start.
QString binProgram(const QString& name);

/// `<prefix>/libexec/attentivechrome/<name>`.
QString libexecProgram(const QString& name);

/// `<prefix>/share/attentivechrome/<name>`.
QString dataFile(const QString& name);

/// Replaces this process by libexecProgram(`name`) with the arguments `argv`, after
/// setRuntimeEnvironment(): how the launchers start the programs that load LibTorch. Returns
/// only on failure, with "cannot start <path>: <reason>". Not thread-safe (setenv, execv).
QString execLibexecProgram(const QString& name, char** argv);

} // namespace install
} // namespace ac
