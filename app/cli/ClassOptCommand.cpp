// attentivechrome-cli class-opt: the class-optimal ON and OFF inputs of a stored run (issue 15).
#include "CliCommand.h"
#include "CliSupport.h"
#include "RunOptions.h"

#include "interpret/ClassOptimizer.h"

#include <QDir>

namespace ac::cli
{

int runClassOpt(const QStringList& args)
{
    const QString cmd = QStringLiteral("class-opt");
    QCommandLineParser p;
    addStoredRunOptions(p);
    addClassOptimisationOptions(p);
    p.addOption({QStringLiteral("out"),
                 QStringLiteral("Output folder for class-optimal-ON.tsv and class-optimal-OFF.tsv "
                                "(marks × bins, reads per bin)."),
                 QStringLiteral("DIR")});
    int code = 0;
    if (!parseArguments(
            p, cmd,
            QStringLiteral("Class optimisation (Simonyan et al. 2013, as in DeepChrome): "
                           "the input X >= 0 that maximises the ON (and the OFF) logit "
                           "minus lambda ||X||^2, found by Adam from the training mean "
                           "or zeros."),
            args, &code))
        return code;
    QString error, which, runId;
    int threads = 0;
    ClassOptimisationSettings settings;
    if (!requireOptions(p, {"out"}, &error) || !readStoredRunOptions(p, &threads, &which, &error) ||
        !readClassOptimisationOptions(p, &settings, &error))
        return fail(cmd, error);
    const std::unique_ptr<StudyFile> study =
        StudyFile::open(p.value(QStringLiteral("study")), &error);
    RunRecord run;
    CellData cell;
    if (!study ||
        !chooseRun(*study, p.value(QStringLiteral("run")), p.value(QStringLiteral("cell")), &runId,
                   &error) ||
        !study->readRun(runId, &run, &error) || !study->readCell(run.cell, &cell, &error))
        return fail(cmd, error);
    setInferenceThreads(threads);
    const std::unique_ptr<ClassOptimizer> optimizer =
        ClassOptimizer::load(*study, runId, which, &error);
    std::vector<ClassOptimum> optima;
    if (!optimizer || !optimizer->optimiseBoth(cell, settings, &optima, terminalProgress(), &error))
        return fail(cmd, error);
    const QString outDir = p.value(QStringLiteral("out"));
    if (!QDir().mkpath(outDir))
        return fail(cmd, QStringLiteral("%1: cannot create folder").arg(outDir));
    for (const ClassOptimum& o : optima) {
        const QString file =
            QDir(outDir).filePath(QStringLiteral("class-optimal-%1.tsv").arg(o.className()));
        if (!ClassOptimizer::writeTsv(o, cell.markNames, cell.windowStart, cell.binSize, file,
                                      &error))
            return fail(cmd, error);
        printLine(QStringLiteral("run %1, class %2: %3").arg(runId, o.className(), o.summary()));
        printLine(file);
    }
    return 0;
}

} // namespace ac::cli
