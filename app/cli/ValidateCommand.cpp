// attentivechrome-cli validate: agreement of α and attribution maps with a track (H3K27ac).
#include "CliCommand.h"
#include "CliSupport.h"
#include "RunOptions.h"

#include "ValidationFigure.h"
#include "interpret/Validator.h"

#include <QDir>

#include <ATen/Parallel.h>
#include <QThread>

namespace ac::cli
{

namespace
{

bool setError(QString* error, const QString& message)
{
    *error = message;
    return false;
}

void addValidateOptions(QCommandLineParser& p)
{
    p.addOption(
        {QStringLiteral("study"), QStringLiteral("Study file (.h5)."), QStringLiteral("FILE")});
    p.addOption({QStringLiteral("run"), QStringLiteral("Run id."), QStringLiteral("ID")});
    p.addOption({QStringLiteral("cell"),
                 QStringLiteral("Cell type: validate its active run (as the GUI shows it) when "
                                "--run is not given."),
                 QStringLiteral("CELL")});
    p.addOption({QStringLiteral("track"),
                 QStringLiteral("Track of the run's cell (default H3K27ac)."),
                 QStringLiteral("NAME"), QStringLiteral("H3K27ac")});
    p.addOption(
        {QStringLiteral("methods"),
         QStringLiteral("Attribution methods compared besides α, comma-separated: saliency, "
                        "input-x-gradient, integrated-gradients, occlusion, mark-ablation, "
                        "or none (default saliency,integrated-gradients)."),
         QStringLiteral("LIST"), QStringLiteral("saliency,integrated-gradients")});
    p.addOption({QStringLiteral("split"),
                 QStringLiteral("Genes compared: train, valid, test or all "
                                "(default test)."),
                 QStringLiteral("SPLIT"), QStringLiteral("test")});
    p.addOption({QStringLiteral("genes"),
                 QStringLiteral("Gene-list file (symbols, Ensembl ids or REMC ids, or a BED of "
                                "TSSs): only these genes of --split."),
                 QStringLiteral("FILE")});
    p.addOption({QStringLiteral("weights"), QStringLiteral("best or last (default best)."),
                 QStringLiteral("WHICH"), QStringLiteral("best")});
    p.addOption({QStringLiteral("ig-steps"),
                 QStringLiteral("Integrated-gradient steps (default 32)."), QStringLiteral("N"),
                 QStringLiteral("32")});
    p.addOption({QStringLiteral("ig-baseline"),
                 QStringLiteral("Baseline x0 of integrated gradients: zero, shuffled (the gene's "
                                "bins permuted per mark, seeded) or mean (the training-set mean "
                                "input); default zero."),
                 QStringLiteral("KIND"), QStringLiteral("zero")});
    p.addOption({QStringLiteral("no-class-opt"),
                 QStringLiteral("Skip class optimisation (the ON and OFF class-optimal inputs, "
                                "compared with the track as 'class-optimal').")});
    addClassOptimisationOptions(p);
    p.addOption({QStringLiteral("threads"), QStringLiteral("Torch threads (default: all cores)."),
                 QStringLiteral("N"), QStringLiteral("0")});
    p.addOption({QStringLiteral("figures"),
                 QStringLiteral("Figure formats, comma-separated: svg, png, or none (default "
                                "svg,png)."),
                 QStringLiteral("LIST"), QStringLiteral("svg,png")});
    p.addOption({QStringLiteral("figure-marks"),
                 QStringLiteral("Marks drawn, one figure each; 'sum' is the maps summed over marks "
                                "(default H3K4me3,sum)."),
                 QStringLiteral("LIST"), QStringLiteral("H3K4me3,sum")});
    p.addOption({QStringLiteral("dpi"), QStringLiteral("PNG resolution (default 150)."),
                 QStringLiteral("DPI"), QStringLiteral("150")});
    p.addOption({QStringLiteral("out"),
                 QStringLiteral("Output folder for agreement.tsv, "
                                "profiles.tsv and genes.tsv."),
                 QStringLiteral("DIR")});
}

/// The integrated-gradient baseline and class-optimisation options; false with `error`.
bool readInterpretationOptions(const QCommandLineParser& p, ValidationRequest* request,
                               QString* error)
{
    if (!IgBaseline::parse(p.value(QStringLiteral("ig-baseline")),
                           &request->integratedGradientBaseline))
        return setError(error, QStringLiteral("--ig-baseline must be zero, shuffled or mean"));
    request->classOptimisation = !p.isSet(QStringLiteral("no-class-opt"));
    return readClassOptimisationOptions(p, &request->classOptimisationSettings, error);
}

/// The request, figure formats and DPI from the options; false with `error` on a bad value.
bool readRequest(const QCommandLineParser& p, ValidationRequest* out, QStringList* figureFormats,
                 int* dpi, QString* error)
{
    ValidationRequest& request = *out;
    request.studyPath = p.value(QStringLiteral("study"));
    request.runId = p.value(QStringLiteral("run"));
    request.track = p.value(QStringLiteral("track"));
    request.split = p.value(QStringLiteral("split"));
    request.weights = p.value(QStringLiteral("weights"));
    if (request.weights != QLatin1String("best") && request.weights != QLatin1String("last"))
        return setError(error, QStringLiteral("--weights must be best or last"));
    request.methods.clear();
    for (const QString& key :
         p.value(QStringLiteral("methods")).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (key.trimmed() == QLatin1String("none"))
            continue;
        AttributionMethod m;
        if (!parseAttributionMethod(key, &m))
            return setError(error, QStringLiteral("unknown method '%1' in --methods").arg(key));
        if (!request.methods.contains(m))
            request.methods << m;
    }
    bool ok = false;
    request.integratedGradientSteps = p.value(QStringLiteral("ig-steps")).toInt(&ok);
    if (!ok || request.integratedGradientSteps < 1 || request.integratedGradientSteps > 1024)
        return setError(error, QStringLiteral("--ig-steps must be 1..1024"));
    if (!readInterpretationOptions(p, &request, error))
        return false;
    for (const QString& f :
         p.value(QStringLiteral("figures")).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString key = f.trimmed().toLower();
        if (key == QLatin1String("none"))
            continue;
        if (key != QLatin1String("svg") && key != QLatin1String("png"))
            return setError(
                error,
                QStringLiteral("unknown figure format '%1' in --figures (svg, png, none)").arg(f));
        *figureFormats << key;
    }
    *dpi = p.value(QStringLiteral("dpi")).toInt(&ok);
    if (!ok || *dpi < 30 || *dpi > 2400)
        return setError(error, QStringLiteral("--dpi must be 30..2400"));
    return true;
}

/// The figures of `report` per mark of --figure-marks and format; false with `error`.
bool writeFigures(const QCommandLineParser& p, const ValidationReport& report,
                  const QStringList& figureFormats, int dpi, const QString& outDir, QString* error)
{
    for (const QString& mark :
         p.value(QStringLiteral("figure-marks")).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (mark != QLatin1String("sum") && !report.markNames.contains(mark))
            return setError(error, QStringLiteral("unknown mark '%1' in --figure-marks (%2, sum)")
                                       .arg(mark, report.markNames.join(QLatin1String(", "))));
        for (const QString& format : figureFormats) {
            const QString file =
                QDir(outDir).filePath(QStringLiteral("validation-%1.%2").arg(mark, format));
            if (!ValidationFigure::save(report.agreement, report.track, mark, format, file,
                                        ValidationFigure::defaultSize(dpi), error))
                return false;
        }
    }
    return true;
}

/// The REMC ids of the genes of --genes in the cell of run `runId`; false with `error`.
bool readListedGenes(const QString& cmd, const QCommandLineParser& p, const StudyFile& study,
                     const QString& runId, QStringList* out, QString* error)
{
    RunRecord run;
    CellData cell;
    std::vector<int> listed;
    if (!study.readRun(runId, &run, error) || !study.readCellIndex(run.cell, &cell, error) ||
        !readGeneList(cmd, p.value(QStringLiteral("genes")), cell.genes, &listed, error))
        return false;
    for (const int g : listed)
        *out << cell.genes[std::size_t(g)].remcId;
    return true;
}

void printReport(const ValidationReport& report)
{
    printLine(
        QStringLiteral("run %1 (%2), cell %3, track %4, %5 genes of split %6: %7 predicted ON "
                       "(%8 with a complete track), %9 OFF (%10)")
            .arg(report.runId, report.model, report.cell, report.track)
            .arg(report.genes.size())
            .arg(report.split)
            .arg(report.agreement.onGenes)
            .arg(report.agreement.onWithTrack)
            .arg(report.agreement.offGenes)
            .arg(report.agreement.offWithTrack));
    printLine(QStringLiteral("%1 %2 %3 %4 %5 %6")
                  .arg(QStringLiteral("map"), -22)
                  .arg(QStringLiteral("mark"), -9)
                  .arg(QStringLiteral("group"), -5)
                  .arg(QStringLiteral("used"), 6)
                  .arg(QStringLiteral("mean r"), 8)
                  .arg(QStringLiteral("avg-map r"), 10));
    for (const AgreementRow& row : report.agreement.rows)
        printLine(QStringLiteral("%1 %2 %3 %4 %5 %6")
                      .arg(row.map, -22)
                      .arg(row.mark, -9)
                      .arg(row.group, -5)
                      .arg(row.used, 6)
                      .arg(Validator::formatNumber(row.meanPearson), 8)
                      .arg(Validator::formatNumber(row.averagePearson), 10));
    for (const ClassOptimum& optimum : report.classOptima)
        printLine(QStringLiteral("class optimisation %1: %2")
                      .arg(optimum.className(), optimum.summary()));
    if (!report.completeness.isEmpty()) {
        printLine(report.completeness.summary());
        if (const QString warning = report.completeness.warning(); !warning.isEmpty())
            printLine(warning);
    }
}

} // namespace

int runValidate(const QStringList& args)
{
    const QString cmd = QStringLiteral("validate");
    QCommandLineParser p;
    addValidateOptions(p);
    int code = 0;
    if (!parseArguments(p, cmd,
                        QStringLiteral("Compare a run's attention (α) and attribution maps with a "
                                       "track the model never saw (H3K27ac): Pearson and Spearman "
                                       "per gene and for the average map of predicted ON and OFF "
                                       "genes."),
                        args, &code))
        return code;
    if (QString missing; !requireOptions(p, {"study", "out"}, &missing))
        return fail(cmd, missing);
    ValidationRequest request;
    QStringList figureFormats;
    int dpi = 0;
    QString error;
    if (!readRequest(p, &request, &figureFormats, &dpi, &error))
        return fail(cmd, error);
    if (const auto study = StudyFile::open(request.studyPath, &error);
        !study ||
        !chooseRun(*study, request.runId, p.value(QStringLiteral("cell")), &request.runId,
                   &error) ||
        (p.isSet(QStringLiteral("genes")) &&
         !readListedGenes(cmd, p, *study, request.runId, &request.geneIds, &error)))
        return fail(cmd, error);
    bool ok = false;
    const int threads = p.value(QStringLiteral("threads")).toInt(&ok);
    if (!ok || threads < 0)
        return fail(cmd, QStringLiteral("--threads must be 0 or more"));
    at::set_num_threads(threads > 0 ? threads : QThread::idealThreadCount());

    ValidationReport report;
    if (!Validator::run(request, &report, terminalProgress(), &error))
        return fail(cmd, error);
    const QString outDir = p.value(QStringLiteral("out"));
    if (!Validator::writeTables(report, outDir, &error) ||
        !writeFigures(p, report, figureFormats, dpi, outDir, &error))
        return fail(cmd, error);
    printReport(report);
    printLine(
        QStringLiteral("tables%1 written to %2")
            .arg(figureFormats.isEmpty() ? QString() : QStringLiteral(" and figures"), outDir));
    return 0;
}

} // namespace ac::cli
