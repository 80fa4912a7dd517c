// attentivechrome-cli: the headless front end of the core (import, train, evaluate, ...).
//
// This program is the launcher: it runs the commands that need no model (import, info, pack,
// unpack, simulate, import-track) itself, without loading LibTorch, whose start-up alone takes
// ≈ 0.6 s. Every other command replaces this process by the engine,
// <prefix>/libexec/attentivechrome/ attentivechrome-cli-engine, with the same arguments and the
// run-time settings it needs already in its environment (RuntimeEnvironment), so the engine starts
// once.
#include "CliCommand.h"
#include "CliSupport.h"
#include "domain/InstallLayout.h"
#include "domain/RuntimeEnvironment.h"

#include <QCoreApplication>
#include <QTextStream>
#include <array>
#include <cstdio>
#include <cstring>

namespace
{

// run == nullptr: the command runs in the engine.
const std::array kCommands{
    ac::cli::CliCommand{"import", "Import REMC CSV folders (one cell type or many) into a study",
                        ac::cli::runImport},
    ac::cli::CliCommand{"info", "Describe a study: cells, splits, label balance, tracks, runs",
                        ac::cli::runInfo},
    ac::cli::CliCommand{"pack", "Write a study as one self-contained file, to send",
                        ac::cli::runPack},
    ac::cli::CliCommand{"unpack", "Turn a one-file study into an index and a folder of parts",
                        ac::cli::runUnpack},
    ac::cli::CliCommand{"simulate", "Simulate REMC-like cell types with a known ground truth",
                        ac::cli::runSimulate},
    ac::cli::CliCommand{"export", "Export gene figures (PNG, SVG, PDF) or their numbers (TSV)",
                        nullptr},
    ac::cli::CliCommand{"import-track", "Import a signal track (CSV, bedGraph, bigWig) into a cell",
                        ac::cli::runImportTrack},
    ac::cli::CliCommand{"validate", "Compare attention and attributions with a track (H3K27ac)",
                        nullptr},
    ac::cli::CliCommand{"class-opt", "Class-optimal ON and OFF inputs of a run (marks x bins)",
                        nullptr},
    ac::cli::CliCommand{"train", "Train a model variant on cell types of a study", nullptr},
    ac::cli::CliCommand{"evaluate", "AUROC, AUPR and accuracy of a run; ROC/PR curves as TSV",
                        nullptr},
    ac::cli::CliCommand{"predict", "p(high) of every gene of a run as TSV", nullptr},
    ac::cli::CliCommand{
        "attention", "Bin (alpha) and mark (beta) attention of every gene, TSV or HDF5", nullptr},
    ac::cli::CliCommand{"export-track",
                        "Alpha, beta-weighted alpha or attributions as a bedGraph/bigWig track",
                        nullptr},
    ac::cli::CliCommand{"heatmap",
                        "All-genes heatmap of a mark (alpha, signal, track) as a deepTools matrix",
                        nullptr},
    ac::cli::CliCommand{"import-weights", "Store weights trained elsewhere as a run (validated)",
                        nullptr},
    ac::cli::CliCommand{"bench", "Measure import, training and inference speed", nullptr},
};

const ac::cli::CliCommand* findCommand(const char* name)
{
    for (const auto& c : kCommands)
        if (std::strcmp(c.name, name) == 0)
            return &c;
    return nullptr;
}

void printUsage(QTextStream& out)
{
    out << "Usage: attentivechrome-cli <command> [options]\n\nCommands:\n";
    for (const auto& c : kCommands)
        out << QStringLiteral("  %1 %2\n")
                   .arg(QLatin1String(c.name), -16)
                   .arg(QLatin1String(c.summary));
    out << "\nRun 'attentivechrome-cli <command> --help' for the options of a command,\n"
           "'attentivechrome-cli --version' for the version.\n";
}

} // namespace

int main(int argc, char** argv)
{
    const ac::cli::CliCommand* command = argc > 1 ? findCommand(argv[1]) : nullptr;
    if (command && !command->run) {
        const QString error =
            ac::install::execLibexecProgram(QStringLiteral("attentivechrome-cli-engine"), argv);
        std::fprintf(stderr, "attentivechrome-cli %s: error: %s\n", argv[1], qPrintable(error));
        return 1;
    }
    if (command)
        ac::ensureRuntimeEnvironment(argv); // `import` fills its arrays faster with huge pages
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("attentivechrome-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PROJECT_VERSION));
    const QStringList args = QCoreApplication::arguments().mid(1);
    if (command)
        return ac::cli::runCommand(command->run, args);
    if (args.isEmpty() || args[0] == QLatin1String("--help") || args[0] == QLatin1String("-h")) {
        QTextStream out(stdout);
        printUsage(out);
        return args.isEmpty() ? 2 : 0;
    }
    if (args[0] == QLatin1String("--version") || args[0] == QLatin1String("-V")) {
        QTextStream(stdout) << "attentivechrome-cli " << QCoreApplication::applicationVersion()
                            << '\n';
        return 0;
    }
    QTextStream err(stderr);
    err << "attentivechrome-cli: error: unknown command '" << args[0] << "'\n";
    printUsage(err);
    return 2;
}
