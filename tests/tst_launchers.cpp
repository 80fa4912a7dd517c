// The launchers (issue 16): attentivechrome-cli runs the commands that need no model without
// LibTorch and hands every other command to attentivechrome-cli-engine; attentivechrome starts
// the GUI from libexec. CTest puts the CLI launcher's path in AC_CLI (<build>/bin).
#include "CliRunner.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

namespace
{

QString binDir()
{
    return QFileInfo(qEnvironmentVariable("AC_CLI")).absolutePath();
}

/// The shared libraries `program` needs, as ldd lists them.
QString linkedLibraries(const QString& program)
{
    QProcess ldd;
    ldd.start(QStringLiteral("ldd"), {program});
    if (!ldd.waitForFinished(30000))
        return {};
    return QString::fromUtf8(ldd.readAllStandardOutput());
}

/// The commands `attentivechrome-cli --help` lists.
QStringList listedCommands()
{
    const ac::testing::CliRun r = ac::testing::runCli({QStringLiteral("--help")}, 60000);
    QStringList commands;
    bool inList = false;
    for (const QString& line : r.out.split(QLatin1Char('\n'))) {
        if (line == QLatin1String("Commands:"))
            inList = true;
        else if (inList && line.startsWith(QLatin1String("  ")))
            commands << line.trimmed().section(QLatin1Char(' '), 0, 0);
        else if (inList)
            break;
    }
    return commands;
}

} // namespace

class TestLaunchers : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        if (qEnvironmentVariableIsEmpty("AC_CLI"))
            QSKIP("AC_CLI is not set; run through ctest");
    }

    void launchersDoNotLoadLibTorch()
    {
        const QString prefix = QDir::cleanPath(binDir() + QStringLiteral("/.."));
        for (const QString& launcher :
             {QStringLiteral("/bin/attentivechrome-cli"), QStringLiteral("/bin/attentivechrome")}) {
            const QString libraries = linkedLibraries(prefix + launcher);
            QVERIFY2(libraries.contains(QLatin1String("libc.so")), qPrintable(launcher));
            QVERIFY2(!libraries.contains(QLatin1String("libtorch")), qPrintable(libraries));
        }
        const QString engine = linkedLibraries(
            prefix + QStringLiteral("/libexec/attentivechrome/attentivechrome-cli-engine"));
        QVERIFY2(engine.contains(QLatin1String("libtorch")), qPrintable(engine));
    }

    void everyListedCommandRuns()
    {
        const QStringList commands = listedCommands();
        QVERIFY(commands.contains(QLatin1String("import")));
        QVERIFY(commands.contains(QLatin1String("train")));
        QCOMPARE(commands.size(), 17);
        for (const QString& command : commands) {
            const ac::testing::CliRun r =
                ac::testing::runCli({command, QStringLiteral("--help")}, 60000);
            QVERIFY2(r.exitCode == 0, qPrintable(command + QLatin1Char(' ') + r.err));
            QVERIFY2(
                r.out.startsWith(QStringLiteral("Usage: attentivechrome-cli %1 ").arg(command)),
                qPrintable(r.out));
        }
    }

    void guiLauncherStartsTheApplication()
    {
        const ac::testing::CliRun r = ac::testing::runProgram(
            binDir() + QStringLiteral("/attentivechrome"), {QStringLiteral("--version")}, 60000);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.startsWith(QLatin1String("AttentiveChrome Studio ")), qPrintable(r.out));
    }

    // A launcher copied where no engine is: the commands without a model still run, the others
    // fail naming the program that is missing.
    void missingEngineIsNamed()
    {
        QTemporaryDir prefix;
        QVERIFY(prefix.isValid());
        QVERIFY(QDir().mkpath(prefix.filePath(QStringLiteral("bin"))));
        const QString cli = prefix.filePath(QStringLiteral("bin/attentivechrome-cli"));
        QVERIFY(QFile::copy(qEnvironmentVariable("AC_CLI"), cli));
        const ac::testing::CliRun info =
            ac::testing::runProgram(cli, {QStringLiteral("info"), QStringLiteral("--help")}, 60000);
        QCOMPARE(info.exitCode, 0);
        const ac::testing::CliRun train = ac::testing::runProgram(
            cli, {QStringLiteral("train"), QStringLiteral("--help")}, 60000);
        QCOMPARE(train.exitCode, 1);
        const QString engine =
            QFileInfo(prefix.path()).canonicalFilePath() +
            QStringLiteral("/libexec/attentivechrome/attentivechrome-cli-engine");
        QCOMPARE(train.err.trimmed(),
                 QStringLiteral("attentivechrome-cli train: error: cannot start %1: No such file "
                                "or directory")
                     .arg(engine));

        const QString gui = prefix.filePath(QStringLiteral("bin/attentivechrome"));
        QVERIFY(QFile::copy(binDir() + QStringLiteral("/attentivechrome"), gui));
        const ac::testing::CliRun start =
            ac::testing::runProgram(gui, {QStringLiteral("--version")}, 60000);
        QCOMPARE(start.exitCode, 1);
        QVERIFY2(start.err.contains(QLatin1String("attentivechrome: error: cannot start ")),
                 qPrintable(start.err));
    }
};

QTEST_GUILESS_MAIN(TestLaunchers)
#include "tst_launchers.moc"
