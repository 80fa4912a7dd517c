#pragma once

#include "domain/GeneRecord.h"
#include "domain/Progress.h"

#include <QCommandLineParser>
#include <QString>
#include <QStringList>
#include <initializer_list>
#include <vector>

namespace ac::cli
{

/**
 * Parses a sub-command's arguments with --help added. Returns true when the command should run;
 * otherwise `*exitCode` is set (0 after --help, 2 after a usage error, which is printed as one
 * line on stderr).
 */
bool parseArguments(QCommandLineParser& parser, const QString& command, const QString& description,
                    const QStringList& args, int* exitCode);

/// Checks that every option in `names` is set; false with `error` = "--<name> is required".
bool requireOptions(const QCommandLineParser& parser, std::initializer_list<const char*> names,
                    QString* error);

/// Prints "attentivechrome-cli <command>: error: <message>" as one line on stderr; returns 1.
int fail(const QString& command, const QString& message);

/// Prints "attentivechrome-cli <command>: warning: <message>" as one line on stderr.
void warn(const QString& command, const QString& message);

/**
 * The genes of `genes` listed in the gene-list file `path` (--genes, GeneListFile), as sorted
 * indices. Entries that match no gene are a warning ("N of M entries of <file> not found: ...");
 * false with `error` ("<file>:<line>: ...") on a malformed list, or when no entry matches.
 */
bool readGeneList(const QString& command, const QString& path, const std::vector<GeneRecord>& genes,
                  std::vector<int>* out, QString* error);

/// The peak resident memory of this process so far, in MB (getrusage's ru_maxrss); benches
/// report it.
double peakMemoryMegabytes();

/// Writes a line to stdout.
void printLine(const QString& line);

/// A progress callback that redraws one status line on stderr when it is a terminal (and prints
/// nothing otherwise). Never cancels.
ProgressCallback terminalProgress();

} // namespace ac::cli
