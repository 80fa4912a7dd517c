// attentivechrome-cli export-track: α, β-weighted α or an attribution map of every gene of a
// stored run as a bedGraph or bigWig genome track (issue 15).
#include "CliCommand.h"
#include "CliSupport.h"
#include "RunOptions.h"

#include "interpret/GenomeTrackExport.h"

#include <QTextStream>

namespace ac::cli
{

int runExportTrack(const QStringList& args)
{
    const QString cmd = QStringLiteral("export-track");
    QCommandLineParser p;
    addStoredRunOptions(p);
    p.addOption({QStringLiteral("what"),
                 QStringLiteral("What to export: alpha:<mark>, alpha-sum (default), beta-alpha "
                                "(sum of beta times alpha over the marks), attribution:<method> "
                                "or attribution:<method>:<mark> (saliency, input-x-gradient, "
                                "integrated-gradients, occlusion; computed from the model)."),
                 QStringLiteral("WHAT"), QStringLiteral("alpha-sum")});
    p.addOption({QStringLiteral("out"),
                 QStringLiteral("Output file: .bw / .bigWig (bigWig) or .bedGraph / .bg. Each "
                                "gene's 100 bins are placed at its TSS and strand in the study's "
                                "assembly; where windows overlap a base takes the value of the "
                                "gene whose TSS is nearest."),
                 QStringLiteral("FILE")});
    int code = 0;
    if (!parseArguments(p, cmd,
                        QStringLiteral("Export attention or attribution of every gene of a run as "
                                       "a genome track for IGV or the UCSC browser."),
                        args, &code))
        return code;
    QString error, which;
    int threads = 0;
    if (!requireOptions(p, {"out"}, &error) || !readStoredRunOptions(p, &threads, &which, &error))
        return fail(cmd, error);
    const QString outPath = p.value(QStringLiteral("out"));
    QString runId;
    const std::unique_ptr<StudyFile> study = openChosenRun(p, threads, &runId, &error);
    QStringList warnings;
    if (!study || !exportRunTrack(*study, runId, which, p.value(QStringLiteral("what")), outPath,
                                  terminalProgress(), &warnings, &error))
        return fail(cmd, error);
    for (const QString& w : warnings)
        QTextStream(stderr) << "attentivechrome-cli " << cmd << ": warning: " << w << '\n';
    printLine(outPath);
    return 0;
}

} // namespace ac::cli
