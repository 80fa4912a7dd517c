// attentivechrome-cli bench <name>: dispatches to one benchmark.
#include "CliCommand.h"
#include "CliSupport.h"

#include <QTextStream>
#include <array>

namespace ac::cli
{

namespace
{

struct Benchmark {
    const char* name;
    const char* summary;
    int (*run)(const QStringList& args);
};

const Benchmark kBenchmarks[] = {
    {"import", "REMC CSV import speed (MB/s) and peak memory, full-size simulated cell type",
     runBenchImport},
    {"gui", "Gene-switch redraw (ms) at 1400×900 on a full-size cell type; main-window start-up",
     runBenchGui},
    {"train", "Seconds per epoch of a full-size simulated cell type", runBenchTrain},
    {"infer", "p, alpha, beta of all genes of a cell type, and of one gene", runBenchInfer},
    {"lstm", "fused bin-level BiLSTM: training step and all-genes inference", runBenchLstm},
    {"track", "bigWig and bedGraph track import (binning) for all annotated genes", runBenchTrack},
    {"heatmap", "All-genes heatmap: re-sort, regroup and redraw (ms), full-size cell type",
     runBenchHeatmap},
    {"start", "Start-up (s): CLI --help and info, a model command, the GUI's first paint",
     runBenchStart},
    {"study", "Changes of a large study: listing, track import, epoch saves, concurrent writers",
     runBenchStudy},
};

} // namespace

int runBench(const QStringList& args)
{
    if (args.size() >= 2) {
        for (const Benchmark& b : kBenchmarks)
            if (args[1] == QLatin1String(b.name))
                return b.run(args.mid(1));
    }
    const bool help =
        args.size() >= 2 && (args[1] == QLatin1String("--help") || args[1] == QLatin1String("-h"));
    QTextStream out(help ? stdout : stderr); // --help answers on stdout, a usage error on stderr
    if (args.size() >= 2 && !help)
        out << "attentivechrome-cli bench: error: unknown benchmark '" << args[1] << "'\n";
    out << "Usage: attentivechrome-cli bench <benchmark> [options]\n\nBenchmarks:\n";
    for (const Benchmark& b : kBenchmarks)
        out << QStringLiteral("  %1 %2\n")
                   .arg(QLatin1String(b.name), -10)
                   .arg(QString::fromUtf8(b.summary));
    return help ? 0 : 2;
}

} // namespace ac::cli
