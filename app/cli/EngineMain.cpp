// attentivechrome-cli-engine: runs the attentivechrome-cli commands that load LibTorch (train,
// evaluate, predict, export, validate, bench, ...). The launcher, attentivechrome-cli, replaces
// itself by this program (<prefix>/libexec/attentivechrome) with the user's arguments; users
// never start it themselves.
#include "CliCommand.h"
#include "CliSupport.h"
#include "domain/RuntimeEnvironment.h"

#include <QApplication>
#include <QCoreApplication>
#include <QTextStream>
#include <array>
#include <memory>

namespace
{

struct EngineCommand {
    const char* name;
    ac::cli::CommandFunction run;
};

const std::array kCommands{
    EngineCommand{"export", ac::cli::runExport},
    EngineCommand{"validate", ac::cli::runValidate},
    EngineCommand{"class-opt", ac::cli::runClassOpt},
    EngineCommand{"train", ac::cli::runTrain},
    EngineCommand{"evaluate", ac::cli::runEvaluate},
    EngineCommand{"predict", ac::cli::runPredict},
    EngineCommand{"attention", ac::cli::runAttention},
    EngineCommand{"export-track", ac::cli::runExportTrack},
    EngineCommand{"heatmap", ac::cli::runHeatmap},
    EngineCommand{"import-weights", ac::cli::runImportWeights},
    EngineCommand{"bench", ac::cli::runBench},
};

} // namespace

int main(int argc, char** argv)
{
    // Started by the launcher, the settings are already there and this returns at once.
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
    for (const auto& c : kCommands)
        if (!args.isEmpty() && args[0] == QLatin1String(c.name))
            return ac::cli::runCommand(c.run, args);
    QTextStream(stderr) << "attentivechrome-cli-engine: error: "
                        << (args.isEmpty() ? QStringLiteral("no command")
                                           : QStringLiteral("unknown command '%1'").arg(args[0]))
                        << "; run attentivechrome-cli --help\n";
    return 2;
}
