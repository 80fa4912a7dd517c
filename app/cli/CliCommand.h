#pragma once

#include <QStringList>

namespace ac::cli
{

/// Runs one sub-command: gets the arguments from the sub-command name on (args[0] is the
/// sub-command) and returns the process exit code.
using CommandFunction = int (*)(const QStringList& args);

/// One sub-command of attentivechrome-cli, as its launcher lists it. `run` is null for the
/// commands that run a model: the launcher hands those to attentivechrome-cli-engine.
struct CliCommand {
    const char* name;
    const char* summary;
    CommandFunction run;
};

/// Runs `run` with `args`. Last resort: an exception that escapes it (e.g. a c10::Error from
/// LibTorch) ends the command with a one-line error and exit code 1, not a core dump. Study
/// writes are atomic, so nothing is half-written.
int runCommand(CommandFunction run, const QStringList& args);

// One function per sub-command, each in <Name>Command.cpp (unpack beside pack). The launcher
// runs import, info, pack, unpack, simulate and import-track; the engine runs the others.
int runBench(const QStringList& args);
int runImportWeights(const QStringList& args);
int runExport(const QStringList& args);
int runTrain(const QStringList& args);
int runEvaluate(const QStringList& args);
int runPredict(const QStringList& args);
int runAttention(const QStringList& args);
int runExportTrack(const QStringList& args);
int runImport(const QStringList& args);
int runInfo(const QStringList& args);
int runPack(const QStringList& args);
int runUnpack(const QStringList& args);
int runSimulate(const QStringList& args);
int runImportTrack(const QStringList& args);
int runValidate(const QStringList& args);
int runHeatmap(const QStringList& args);
int runClassOpt(const QStringList& args);
// Benchmarks, dispatched by runBench (bench <name>), each in Bench<Name>.cpp.
int runBenchImport(const QStringList& args);
int runBenchTrain(const QStringList& args);
int runBenchInfer(const QStringList& args);
int runBenchLstm(const QStringList& args);
int runBenchGui(const QStringList& args);
int runBenchTrack(const QStringList& args);
int runBenchHeatmap(const QStringList& args);
int runBenchStart(const QStringList& args);
int runBenchStudy(const QStringList& args);

} // namespace ac::cli
