#pragma once

// Runs attentivechrome-cli for the tests that drive the command line. Header-only helper of the
// tests, not a unit. CTest puts the program's path in AC_CLI.

#include <QProcess>
#include <QString>
#include <QStringList>

namespace ac::testing
{

struct CliRun {
    int exitCode = -1; ///< -1 when the program crashed or did not finish in time
    QString out;       ///< standard output
    QString err;       ///< standard error

    /// Standard output as lines, empty lines left out.
    QStringList outLines() const { return out.split(QLatin1Char('\n'), Qt::SkipEmptyParts); }
};

/// Runs `program` with `args` and waits up to `timeoutMs`; a run that does not finish in time is
/// killed and reported with exit code -1 and no output.
inline CliRun runProgram(const QString& program, const QStringList& args, int timeoutMs)
{
    QProcess p;
    p.start(program, args);
    CliRun r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

/// Runs the CLI (`AC_CLI`) with `args`, as runProgram().
inline CliRun runCli(const QStringList& args, int timeoutMs)
{
    return runProgram(qEnvironmentVariable("AC_CLI"), args, timeoutMs);
}

} // namespace ac::testing
