#include "store/WeightsReaderProcess.h"

#include "domain/InstallLayout.h"

#include "store/WeightsFile.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace ac
{

namespace
{

/// Exit code of attentivechrome-read-weights when the file cannot be read (the reason on stderr).
constexpr int kReadFailed = 3;
/// At most this much of the child's stderr is kept.
constexpr qsizetype kMaxMessage = 16 << 10;

/// A child's end: exit code, or the signal that ended it, or neither when it was still running
/// at the deadline (and then killed).
struct ChildEnd {
    bool finished = false;
    int exitCode = -1;
    int signal = 0;
    QByteArray stderrText;
};

/// Collects the child's stderr through `fd` until it closes, then waits for the child; kills it
/// at `timeoutMs`. Closes `fd`.
ChildEnd waitForChild(pid_t pid, int fd, int timeoutMs)
{
    using Clock = std::chrono::steady_clock;
    const auto deadline = Clock::now() + std::chrono::milliseconds(timeoutMs);
    ChildEnd end;
    bool open = true;
    for (;;) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
        if (left <= 0)
            break;
        if (open) {
            pollfd p{fd, POLLIN, 0};
            if (poll(&p, 1, int(std::min<long long>(left, 1000))) > 0) {
                char buffer[4096];
                const ssize_t n = ::read(fd, buffer, sizeof buffer);
                if (n > 0 && end.stderrText.size() < kMaxMessage)
                    end.stderrText.append(buffer, n);
                else if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN))
                    open = false;
            }
            continue;
        }
        int status = 0;
        const pid_t done = waitpid(pid, &status, WNOHANG);
        if (done == pid) {
            end.finished = true;
            if (WIFEXITED(status))
                end.exitCode = WEXITSTATUS(status);
            else if (WIFSIGNALED(status))
                end.signal = WTERMSIG(status);
            break;
        }
        poll(nullptr, 0, 10);
    }
    if (!end.finished) {
        kill(pid, SIGKILL);
        int status = 0;
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        }
    }
    ::close(fd);
    return end;
}

/// The last non-empty line of the child's stderr (the reader prints one; a sanitizer, more).
QString lastLine(const QByteArray& text)
{
    const QList<QByteArray> lines = text.trimmed().split('\n');
    return lines.isEmpty() ? QString() : QString::fromUtf8(lines.last().trimmed());
}

} // namespace

WeightsReaderProcess::WeightsReaderProcess(QString program) : m_program(std::move(program)) {}

QString WeightsReaderProcess::installedProgram()
{
    return install::libexecProgram(QStringLiteral("attentivechrome-read-weights"));
}

bool WeightsReaderProcess::read(const QString& path, Weights* out, QString* error) const
{
    if (!QFileInfo::exists(path)) {
        *error = QStringLiteral("%1: no such file").arg(path);
        return false;
    }
    QTemporaryDir scratch;
    if (!scratch.isValid()) {
        *error = QStringLiteral("%1: cannot make a temporary folder to read it in: %2")
                     .arg(path, scratch.errorString());
        return false;
    }
    const QString copy = scratch.filePath(QStringLiteral("weights.h5"));

    int pipeFds[2];
    if (pipe2(pipeFds, O_CLOEXEC) != 0) {
        *error = QStringLiteral("%1: cannot start the weights reader: %2")
                     .arg(path, QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, pipeFds[1], 2);

    const QByteArray program = QFile::encodeName(m_program);
    const QByteArray input = QFile::encodeName(path);
    const QByteArray output = QFile::encodeName(copy);
    char* argv[] = {const_cast<char*>(program.constData()), const_cast<char*>(input.constData()),
                    const_cast<char*>(output.constData()), nullptr};
    pid_t pid = 0;
    const int spawned = posix_spawn(&pid, program.constData(), &actions, nullptr, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(pipeFds[1]);
    if (spawned != 0) {
        ::close(pipeFds[0]);
        *error = QStringLiteral("%1: cannot start the weights reader %2: %3 (is the installation "
                                "complete?)")
                     .arg(path, m_program, QString::fromLocal8Bit(std::strerror(spawned)));
        return false;
    }

    const ChildEnd end = waitForChild(pid, pipeFds[0], m_timeoutMs);
    if (!end.finished) {
        *error = QStringLiteral("%1: reading it did not end within %2 s (HDF5 hangs on some "
                                "damaged files); the reader was stopped")
                     .arg(path)
                     .arg(m_timeoutMs / 1000.0);
        return false;
    }
    if (end.signal != 0) {
        *error = QStringLiteral("%1: the file is damaged: reading it crashed the HDF5 library "
                                "(%2, in the separate reader process)")
                     .arg(path, QString::fromLocal8Bit(strsignal(end.signal)));
        return false;
    }
    if (end.exitCode == kReadFailed) {
        *error = lastLine(end.stderrText);
        if (error->isEmpty())
            *error = QStringLiteral("%1: cannot be read").arg(path);
        return false;
    }
    if (end.exitCode != 0) {
        *error = QStringLiteral("%1: the file is damaged: the reader process failed (exit code "
                                "%2: %3)")
                     .arg(path)
                     .arg(end.exitCode)
                     .arg(lastLine(end.stderrText));
        return false;
    }
    QString copyError;
    if (!readWeightsFile(copy, out, &copyError)) {
        *error =
            QStringLiteral("%1: the checked copy cannot be read back: %2").arg(path, copyError);
        return false;
    }
    return true;
}

} // namespace ac
