// attentivechrome-cli export: gene figures (PNG/SVG/PDF) or their numbers (TSV) from a study.
#include "CliCommand.h"
#include "CliSupport.h"
#include "FigureOptions.h"

#include "GeneFigure.h"
#include "session/StudySession.h"
#include "store/StudyFile.h"

#include <QDir>

namespace ac::cli
{

namespace
{

/// Opens the study and selects the cell and the run (--run, else the cell's active run) the way
/// the GUI does; false with `error`.
bool openSession(const QCommandLineParser& p, StudySession* session, QString* error)
{
    QString warning;
    const QString cell = p.value(QStringLiteral("cell"));
    if (!session->open(p.value(QStringLiteral("study")), error) ||
        !session->selectCell(cell, error, &warning))
        return false;
    QString runId = p.value(QStringLiteral("run"));
    if (runId.isEmpty())
        runId = session->activeRun(cell);
    if (runId.isEmpty())
        return true;
    if (!session->study()->hasResults(runId)) {
        *error = QStringLiteral("%1: run %2 has no cached results").arg(session->path(), runId);
        return false;
    }
    if (!session->selectRun(runId, error, &warning))
        return false;
    if (!warning.isEmpty())
        *error = warning;
    return warning.isEmpty();
}

/// The genes of --gene (names, in order) and then of --genes (a gene-list file); false with
/// `error` on an unknown name or a malformed list.
bool chooseGenes(const QString& cmd, const QCommandLineParser& p, const StudySession& session,
                 std::vector<int>* out, QString* error)
{
    for (const QString& raw :
         p.value(QStringLiteral("gene")).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString name = raw.trimmed();
        const int g = session.findGene(name);
        if (g < 0) {
            *error = QStringLiteral("%1: cell %2 has no gene '%3'")
                         .arg(session.path(), session.cell(), name);
            return false;
        }
        out->push_back(g);
    }
    if (std::vector<int> listed; p.isSet(QStringLiteral("genes"))) {
        if (!readGeneList(cmd, p.value(QStringLiteral("genes")), session.cellIndex().genes, &listed,
                          error))
            return false;
        out->insert(out->end(), listed.begin(), listed.end());
    }
    return true;
}

} // namespace

int runExport(const QStringList& args)
{
    const QString cmd = QStringLiteral("export");
    QCommandLineParser p;
    p.addOption(
        {QStringLiteral("study"), QStringLiteral("Study file (.h5)."), QStringLiteral("FILE")});
    p.addOption(
        {QStringLiteral("cell"), QStringLiteral("Cell type, e.g. E123."), QStringLiteral("CELL")});
    p.addOption({QStringLiteral("run"),
                 QStringLiteral("Run id (default: the cell's active run, as in the GUI)."),
                 QStringLiteral("ID")});
    p.addOption({QStringLiteral("gene"),
                 QStringLiteral("Symbol, Ensembl id or REMC id; comma-separated list."),
                 QStringLiteral("GENES")});
    p.addOption({QStringLiteral("genes"),
                 QStringLiteral("Gene-list file: one symbol, Ensembl id or REMC id a line, or a "
                                "BED of TSSs (with or instead of --gene)."),
                 QStringLiteral("FILE")});
    p.addOption({QStringLiteral("format"), QStringLiteral("png, svg, pdf or tsv."),
                 QStringLiteral("FMT"), QStringLiteral("svg")});
    addFigureSizeOptions(p, GeneFigure::defaultSize());
    p.addOption({QStringLiteral("out"), QStringLiteral("Output folder."), QStringLiteral("DIR")});
    int code = 0;
    if (!parseArguments(p, cmd, QStringLiteral("Export gene figures or the numbers behind them."),
                        args, &code))
        return code;
    if (QString missing; !requireOptions(p, {"study", "cell", "out"}, &missing))
        return fail(cmd, missing);
    if (!p.isSet(QStringLiteral("gene")) && !p.isSet(QStringLiteral("genes")))
        return fail(cmd, QStringLiteral("--gene or --genes is required"));
    const QString format = p.value(QStringLiteral("format")).toLower();
    if (!QStringList{QStringLiteral("png"), QStringLiteral("svg"), QStringLiteral("pdf"),
                     QStringLiteral("tsv")}
             .contains(format))
        return fail(cmd, QStringLiteral("unknown --format '%1' (png, svg, pdf, tsv)").arg(format));
    QString err;
    FigureSize size;
    if (!parseFigureSize(p, GeneFigure::defaultSize(), &size, &err))
        return fail(cmd, err);
    StudySession session;
    if (!openSession(p, &session, &err))
        return fail(cmd, err);
    const QString outDir = p.value(QStringLiteral("out"));
    if (!QDir().mkpath(outDir))
        return fail(cmd, QStringLiteral("%1: cannot create folder").arg(outDir));

    std::vector<int> genes;
    if (!chooseGenes(cmd, p, session, &genes, &err))
        return fail(cmd, err);
    int written = 0;
    for (const int g : genes) {
        // The same figure data as the GUI's gene view (values, p/α/β, label, track).
        const GeneViewData d = session.geneData(g, &err);
        if (!err.isEmpty())
            return fail(cmd, err);
        const QString file =
            QDir(outDir).filePath(GeneFigure::fileStem(d) + QLatin1Char('.') + format);
        if (!GeneFigure::save(d, format, file, size, &err))
            return fail(cmd, err);
        printLine(file);
        ++written;
    }
    return written > 0 ? 0 : fail(cmd, QStringLiteral("no genes given"));
}

} // namespace ac::cli
