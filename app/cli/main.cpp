// attentivechrome-cli: the headless front end of the core (import, train, evaluate, ...).
#include "CliCommand.h"
#include "CliSupport.h"
#include "train/RuntimeEnvironment.h"

#include <QApplication>
#include <QCoreApplication>
#include <QTextStream>
#include <array>
#include <exception>
#include <memory>

namespace
{

const std::array kCommands{
    ac::cli::CliCommand{"import", "Import REMC CSV folders (one cell type or many) into a study",
                        ac::cli::runImport},
    ac::cli::CliCommand{"info", "Describe a study: cells, splits, label balance, tracks, runs",
                        ac::cli::runInfo},
    ac::cli::CliCommand{"simulate", "Simulate REMC-like cell types with a known ground truth",
                        ac::cli::runSimulate},
    ac::cli::CliCommand{"export", "Export gene figures (PNG, SVG, PDF) or their numbers (TSV)",
                        ac::cli::runExport},
    ac::cli::CliCommand{"import-track", "Import a signal track (CSV, bedGraph, bigWig) into a cell",
                        ac::cli::runImportTrack},
    ac::cli::CliCommand{"validate", "Compare attention and attributions with a track (H3K27ac)",
                        ac::cli::runValidate},
    ac::cli::CliCommand{"class-opt", "Class-optimal ON and OFF inputs of a run (marks x bins)",
                        ac::cli::runClassOpt},
    ac::cli::CliCommand{"train", "Train a model variant on cell types of a study",
                        ac::cli::runTrain},
    ac::cli::CliCommand{"evaluate", "AUROC, AUPR and accuracy of a run; ROC/PR curves as TSV",
                        ac::cli::runEvaluate},
    ac::cli::CliCommand{"predict", "p(high) of every gene of a run as TSV", ac::cli::runPredict},
    ac::cli::CliCommand{"attention",
                        "Bin (alpha) and mark (beta) attention of every gene, TSV or HDF5",
                        ac::cli::runAttention},
    ac::cli::CliCommand{"export-track",
                        "Alpha, beta-weighted alpha or attributions as a bedGraph/bigWig track",
                        ac::cli::runExportTrack},
    ac::cli::CliCommand{"heatmap",
                        "All-genes heatmap of a mark (alpha, signal, track) as a deepTools matrix",
                        ac::cli::runHeatmap},
    ac::cli::CliCommand{"import-weights", "Store weights trained elsewhere as a run (validated)",
                        ac::cli::runImportWeights},
    ac::cli::CliCommand{"bench", "Measure import, training and inference speed", ac::cli::runBench},
};

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
    ac::ensureRuntimeEnvironment(argv);
    // export, validate, heatmap, bench gui and bench heatmap draw figures with QtGui and
    // QCustomPlot, which need a QApplication; without a display it renders offscreen. Every other
    // command stays a plain QCoreApplication.
    const bool drawsFigures =
        argc > 1 && (qstrcmp(argv[1], "export") == 0 || qstrcmp(argv[1], "validate") == 0 ||
                     qstrcmp(argv[1], "heatmap") == 0 ||
                     (qstrcmp(argv[1], "bench") == 0 && argc > 2 &&
                      (qstrcmp(argv[2], "gui") == 0 || qstrcmp(argv[2], "heatmap") == 0)));
    if (drawsFigures && qEnvironmentVariableIsEmpty("DISPLAY") &&
        qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    std::unique_ptr<QCoreApplication> app = drawsFigures
                                                ? std::make_unique<QApplication>(argc, argv)
                                                : std::make_unique<QCoreApplication>(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("attentivechrome-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PROJECT_VERSION));
    const QStringList args = QCoreApplication::arguments().mid(1);
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
    for (const auto& c : kCommands)
        if (args[0] == QLatin1String(c.name)) {
            // Last resort: an exception (e.g. a c10::Error from LibTorch) ends the command with a
            // one-line error, not a core dump. Study writes are atomic, so nothing is half-written.
            try {
                return c.run(args);
            } catch (const std::exception& e) {
                QTextStream(stderr)
                    << "attentivechrome-cli " << args[0] << ": error: "
                    << QString::fromLocal8Bit(e.what()).section(QLatin1Char('\n'), 0, 0) << '\n';
                return 1;
            }
        }
    QTextStream err(stderr);
    err << "attentivechrome-cli: error: unknown command '" << args[0] << "'\n";
    printUsage(err);
    return 2;
}
