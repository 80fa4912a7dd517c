// attentivechrome-cli bench start: how long the installed programs take to start, measured as a
// user meets them (a new process each time, files in the page cache after one warm-up run).
#include "CliCommand.h"
#include "CliSupport.h"

#include "domain/InstallLayout.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>

#include <algorithm>
#include <vector>

namespace ac::cli
{

namespace
{

struct Probe {
    QString what;
    QString program;
    QStringList args;
    bool untilPainted; ///< time to the GUI's "painted" line, not to the exit
    QString target;
};

/// One start of `probe` in seconds, or -1 with `error` set when it failed.
double timeOnce(const Probe& probe, const QProcessEnvironment& env, QString* error)
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.setProgram(probe.program);
    p.setArguments(probe.args);
    QElapsedTimer clock;
    clock.start();
    p.start();
    double seconds = -1;
    if (probe.untilPainted) {
        while (p.waitForReadyRead(60000))
            if (p.readAllStandardOutput().contains("painted")) {
                seconds = double(clock.nsecsElapsed()) * 1e-9;
                break;
            }
        p.waitForFinished(60000);
    } else if (p.waitForFinished(60000) && p.exitStatus() == QProcess::NormalExit &&
               p.exitCode() == 0) {
        seconds = double(clock.nsecsElapsed()) * 1e-9;
    }
    if (seconds < 0)
        *error = QStringLiteral("%1 %2 failed: %3")
                     .arg(probe.program, probe.args.join(QLatin1Char(' ')),
                          QString::fromLocal8Bit(p.readAllStandardError()).trimmed());
    return seconds;
}

/// The programs' environment: their own settings folders (the GUI must not read or change the
/// user's session), and an offscreen GUI when there is no display.
QProcessEnvironment probeEnvironment(const QTemporaryDir& home)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("XDG_CACHE_HOME"), home.filePath(QStringLiteral("cache")));
    if (!env.contains(QStringLiteral("DISPLAY")) &&
        !env.contains(QStringLiteral("WAYLAND_DISPLAY")))
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    return env;
}

} // namespace

int runBenchStart(const QStringList& args)
{
    const QString cmd = QStringLiteral("bench start");
    QCommandLineParser parser;
    const QCommandLineOption runsOpt(QStringLiteral("runs"),
                                     QStringLiteral("Starts of each program (default 5)."),
                                     QStringLiteral("N"), QStringLiteral("5"));
    const QCommandLineOption studyOpt(
        QStringLiteral("study"),
        QStringLiteral("Study that info and the GUI open (default: the bundled demo)."),
        QStringLiteral("FILE"), install::dataFile(QStringLiteral("demo-study.h5")));
    parser.addOption(runsOpt);
    parser.addOption(studyOpt);
    int exitCode = 0;
    if (!parseArguments(parser, cmd,
                        QStringLiteral("Time from starting a program to its answer: the CLI's "
                                       "--help and info (no model), a model command's --help "
                                       "(loads LibTorch), and the GUI's first painted window."),
                        args, &exitCode))
        return exitCode;
    bool ok = false;
    const int runs = parser.value(runsOpt).toInt(&ok);
    if (!ok || runs < 1)
        return fail(cmd, QStringLiteral("--runs must be a positive integer"));
    const QString study = QFileInfo(parser.value(studyOpt)).absoluteFilePath();
    if (!QFileInfo::exists(study))
        return fail(cmd, QStringLiteral("%1: no such file").arg(study));
    QTemporaryDir home;
    if (!home.isValid())
        return fail(cmd, QStringLiteral("cannot make a temporary folder"));

    const QString cli = install::binProgram(QStringLiteral("attentivechrome-cli"));
    const std::vector<Probe> probes{
        {QStringLiteral("attentivechrome-cli --help"),
         cli,
         {QStringLiteral("--help")},
         false,
         QStringLiteral("≤ 0.3 s")},
        {QStringLiteral("attentivechrome-cli info STUDY"),
         cli,
         {QStringLiteral("info"), study},
         false,
         QStringLiteral("≤ 0.3 s")},
        {QStringLiteral("attentivechrome-cli evaluate --help"),
         cli,
         {QStringLiteral("evaluate"), QStringLiteral("--help")},
         false,
         QStringLiteral("-")},
        {QStringLiteral("attentivechrome --study STUDY, first paint"),
         install::binProgram(QStringLiteral("attentivechrome")),
         {QStringLiteral("--study"), study, QStringLiteral("--quit-after-first-paint")},
         true,
         QStringLiteral("≤ 1.0 s")},
    };
    const QProcessEnvironment env = probeEnvironment(home);
    printLine(
        QStringLiteral("study %1; %2 starts each after one warm-up start").arg(study).arg(runs));
    for (const Probe& probe : probes) {
        QString error;
        std::vector<double> seconds;
        for (int i = 0; i <= runs; ++i) {
            const double s = timeOnce(probe, env, &error);
            if (s < 0)
                return fail(cmd, error);
            if (i > 0)
                seconds.push_back(s);
        }
        std::sort(seconds.begin(), seconds.end());
        printLine(QStringLiteral("%1: min %2 s, median %3 s, max %4 s (target %5)")
                      .arg(probe.what, -44)
                      .arg(seconds.front(), 0, 'f', 3)
                      .arg(seconds[seconds.size() / 2], 0, 'f', 3)
                      .arg(seconds.back(), 0, 'f', 3)
                      .arg(probe.target));
    }
    return 0;
}

} // namespace ac::cli
