#include "CliSupport.h"
#include "CliCommand.h"

#include "data/GeneListFile.h"

#include <QTextStream>
#include <cstdio>
#include <exception>
#include <sys/resource.h>
#include <unistd.h>

namespace ac::cli
{

bool parseArguments(QCommandLineParser& parser, const QString& command, const QString& description,
                    const QStringList& args, int* exitCode)
{
    parser.setApplicationDescription(description);
    const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help."));
    parser.addOption(help);
    QStringList argv = args;
    argv[0] = QStringLiteral("attentivechrome-cli ") + command;
    if (!parser.parse(argv)) {
        fail(command, parser.errorText());
        *exitCode = 2;
        return false;
    }
    if (parser.isSet(help)) {
        // helpText() names the binary by its full path; show the sub-command instead.
        QString text = parser.helpText();
        const qsizetype options = text.indexOf(QLatin1String(" [options]"));
        if (text.startsWith(QLatin1String("Usage: ")) && options > 0)
            text.replace(7, options - 7, QStringLiteral("attentivechrome-cli ") + command);
        QTextStream(stdout) << text;
        *exitCode = 0;
        return false;
    }
    return true;
}

bool requireOptions(const QCommandLineParser& parser, std::initializer_list<const char*> names,
                    QString* error)
{
    for (const char* name : names) {
        if (!parser.isSet(QLatin1String(name))) {
            *error = QStringLiteral("--%1 is required").arg(QLatin1String(name));
            return false;
        }
    }
    return true;
}

int fail(const QString& command, const QString& message)
{
    QString oneLine = message;
    oneLine.replace(QLatin1Char('\n'), QLatin1String("; "));
    QTextStream(stderr) << "attentivechrome-cli " << command << ": error: " << oneLine << '\n';
    return 1;
}

int runCommand(CommandFunction run, const QStringList& args)
{
    try {
        return run(args);
    } catch (const std::exception& e) {
        return fail(args[0], QString::fromLocal8Bit(e.what()).section(QLatin1Char('\n'), 0, 0));
    }
}

double peakMemoryMegabytes()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024.0; // ru_maxrss is in KiB on Linux
}

void warn(const QString& command, const QString& message)
{
    QTextStream(stderr) << "attentivechrome-cli " << command << ": warning: " << message << '\n';
}

bool readGeneList(const QString& command, const QString& path, const std::vector<GeneRecord>& genes,
                  std::vector<int>* out, QString* error)
{
    GeneListFile list;
    if (!list.load(path, error))
        return false;
    GeneListFile::Resolution r = list.resolve(genes);
    if (r.genes.empty()) {
        *error = QStringLiteral("%1: none of its %2 entries is a gene of the cell")
                     .arg(list.fileName())
                     .arg(list.entryCount());
        return false;
    }
    if (!r.notFound.isEmpty())
        warn(command, list.notFoundSummary(r));
    *out = std::move(r.genes);
    return true;
}

void printLine(const QString& line)
{
    QTextStream(stdout) << line << '\n';
}

ProgressCallback terminalProgress()
{
    if (!isatty(fileno(stderr)))
        return [](const Progress&) { return true; };
    return [](const Progress& p) {
        QTextStream(stderr) << QStringLiteral("\r%1% %2\x1b[K")
                                   .arg(static_cast<int>(p.fraction * 100), 3)
                                   .arg(p.message);
        if (p.fraction >= 1.0)
            QTextStream(stderr) << '\n';
        return true;
    };
}

} // namespace ac::cli
