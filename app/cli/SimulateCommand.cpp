// attentivechrome-cli simulate: a REMC-like study with a known ground truth (and the demo study).
#include "CliCommand.h"
#include "CliSupport.h"

#include "jobs/SimulatedRemc.h"
#include "jobs/SimulatedStudy.h"

namespace ac::cli
{

namespace
{

/// The simulation asked for on the command line (the demo's fixed one with --demo).
bool readConfig(const QCommandLineParser& p, SimulationConfig* config, QString* error)
{
    if (p.isSet(QStringLiteral("demo"))) {
        for (const char* o : {"cells", "genes", "seed"})
            if (p.isSet(QLatin1String(o))) {
                *error = QStringLiteral("--demo fixes cells, genes and seed; drop --%1")
                             .arg(QLatin1String(o));
                return false;
            }
        *config = SimulationConfig::demo();
        return true;
    }
    bool ok = false;
    config->cells = p.value(QStringLiteral("cells")).toInt(&ok);
    if (!ok) {
        *error =
            QStringLiteral("--cells '%1' is not a number").arg(p.value(QStringLiteral("cells")));
        return false;
    }
    config->genesPerCell = p.value(QStringLiteral("genes")).toInt(&ok);
    if (!ok) {
        *error =
            QStringLiteral("--genes '%1' is not a number").arg(p.value(QStringLiteral("genes")));
        return false;
    }
    config->seed = p.value(QStringLiteral("seed")).toULongLong(&ok);
    if (!ok) {
        *error = QStringLiteral("--seed '%1' is not a non-negative integer")
                     .arg(p.value(QStringLiteral("seed")));
        return false;
    }
    return true;
}

} // namespace

int runSimulate(const QStringList& args)
{
    const QString cmd = QStringLiteral("simulate");
    QCommandLineParser p;
    p.addOption({QStringLiteral("out"),
                 QStringLiteral("Study file to write (created when missing; simulated cells of "
                                "the same name are replaced, other content is kept)."),
                 QStringLiteral("FILE")});
    p.addOption({QStringLiteral("remc-out"),
                 QStringLiteral("Also (or instead) write the cells as a REMC download lays them "
                                "out: DIR/<cell>/classification/{train,valid,test}.csv and the "
                                "H3K27ac track as DIR/<cell>/H3K27ac.csv (GeneID,BinID,value)."),
                 QStringLiteral("DIR")});
    p.addOption({QStringLiteral("cells"), QStringLiteral("Number of cell types (default 3)."),
                 QStringLiteral("N"), QStringLiteral("3")});
    p.addOption({QStringLiteral("genes"), QStringLiteral("Genes per cell type (default 2000)."),
                 QStringLiteral("N"), QStringLiteral("2000")});
    p.addOption({QStringLiteral("seed"), QStringLiteral("Random seed (default 1)."),
                 QStringLiteral("N"), QStringLiteral("1")});
    p.addOption({QStringLiteral("packed"),
                 QStringLiteral("Create a new study as one file (as pack writes it) instead of "
                                "an index with the folder <FILE>.parts beside it; the demo study "
                                "is one file always.")});
    p.addOption({QStringLiteral("demo"),
                 QStringLiteral("The bundled demo study: 3 cell types × 2,000 genes with H3K27ac "
                                "tracks and a fixed seed (no --cells/--genes/--seed).")});
    int code = 0;
    if (!parseArguments(
            p, cmd,
            QStringLiteral("Simulate REMC-like cell types with a known ground truth: "
                           "5 histone marks × 100 bins per gene, labels by median, and an "
                           "H3K27ac track peaking at active promoters."),
            args, &code))
        return code;
    if (!p.positionalArguments().isEmpty())
        return fail(
            cmd, QStringLiteral("unexpected argument '%1'").arg(p.positionalArguments().first()));
    const bool toStudy = p.isSet(QStringLiteral("out"));
    const bool toRemc = p.isSet(QStringLiteral("remc-out"));
    if (!toStudy && !toRemc)
        return fail(cmd, QStringLiteral("--out (a study) or --remc-out (a folder) is required"));

    SimulationConfig config;
    QString error;
    if (!readConfig(p, &config, &error))
        return fail(cmd, error);
    if (const QString invalid = config.validate(); !invalid.isEmpty())
        return fail(cmd, invalid);

    QStringList targets;
    if (toRemc) {
        targets << p.value(QStringLiteral("remc-out"));
        if (!writeSimulatedRemc(targets.last(), config, terminalProgress(), &error))
            return fail(cmd, error);
    }
    if (toStudy) {
        targets << p.value(QStringLiteral("out"));
        const bool packed = p.isSet(QStringLiteral("packed")) || p.isSet(QStringLiteral("demo"));
        if (!writeSimulatedStudy(targets.last(), config, terminalProgress(), &error,
                                 packed ? StudyEditor::Form::Packed : StudyEditor::Form::Unpacked))
            return fail(cmd, error);
    }
    printLine(
        QStringLiteral("simulated %1 cell type(s) × %2 genes (seed %3) with H3K27ac tracks into %4")
            .arg(config.cells)
            .arg(config.genesPerCell)
            .arg(config.seed)
            .arg(targets.join(QStringLiteral(" and "))));
    return 0;
}

} // namespace ac::cli
