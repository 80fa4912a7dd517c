// attentivechrome-cli export: gene figures (PNG/SVG/PDF) or their numbers (TSV) from a study.
#include "CliCommand.h"
#include "CliSupport.h"

#include "GeneFigure.h"
#include "session/GeneViewData.h"
#include "store/StudyFile.h"

#include <QDir>

namespace ac::cli {

int runExport(const QStringList& args)
{
    const QString cmd = QStringLiteral("export");
    QCommandLineParser p;
    p.addOption({QStringLiteral("study"), QStringLiteral("Study file (.h5)."), QStringLiteral("FILE")});
    p.addOption({QStringLiteral("cell"), QStringLiteral("Cell type, e.g. E123."), QStringLiteral("CELL")});
    p.addOption({QStringLiteral("run"), QStringLiteral("Run id (default: newest run of the cell with results)."), QStringLiteral("ID")});
    p.addOption({QStringLiteral("gene"), QStringLiteral("Symbol, Ensembl id or REMC id; comma-separated list."), QStringLiteral("GENES")});
    p.addOption({QStringLiteral("format"), QStringLiteral("png, svg, pdf or tsv."), QStringLiteral("FMT"), QStringLiteral("svg")});
    p.addOption({QStringLiteral("dpi"), QStringLiteral("PNG resolution (default 300)."), QStringLiteral("DPI"), QStringLiteral("300")});
    p.addOption({QStringLiteral("out"), QStringLiteral("Output folder."), QStringLiteral("DIR")});
    int code = 0;
    if (!parseArguments(p, cmd, QStringLiteral("Export gene figures or the numbers behind them."), args, &code))
        return code;
    if (QString missing; !requireOptions(p, {"study", "cell", "gene", "out"}, &missing))
        return fail(cmd, missing);
    const QString format = p.value(QStringLiteral("format")).toLower();
    if (!QStringList{QStringLiteral("png"), QStringLiteral("svg"), QStringLiteral("pdf"), QStringLiteral("tsv")}.contains(format))
        return fail(cmd, QStringLiteral("unknown --format '%1' (png, svg, pdf, tsv)").arg(format));
    bool ok = false;
    const int dpi = p.value(QStringLiteral("dpi")).toInt(&ok);
    if (!ok || dpi < 30 || dpi > 2400) return fail(cmd, QStringLiteral("--dpi must be 30..2400"));

    QString err;
    auto study = StudyFile::open(p.value(QStringLiteral("study")), &err);
    if (!study) return fail(cmd, err);
    const QString cellName = p.value(QStringLiteral("cell"));
    CellData cell;
    if (!study->readCellIndex(cellName, &cell, &err)) return fail(cmd, err);
    QString runId = p.value(QStringLiteral("run"));
    if (runId.isEmpty()) {
        const QStringList runs = study->runIds(cellName);
        for (auto it = runs.crbegin(); it != runs.crend() && runId.isEmpty(); ++it)
            if (study->hasResults(*it)) runId = *it;
    }
    RunResults res;
    if (!runId.isEmpty() && !study->readResults(runId, &res, &err)) return fail(cmd, err);
    if (res.geneCount != cell.geneCount()) res = RunResults();
    const QString outDir = p.value(QStringLiteral("out"));
    if (!QDir().mkpath(outDir)) return fail(cmd, QStringLiteral("%1: cannot create folder").arg(outDir));

    int written = 0;
    for (const QString& raw : p.value(QStringLiteral("gene")).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString name = raw.trimmed();
        int g = -1;
        for (int i = 0; i < cell.geneCount() && g < 0; ++i) {
            const GeneRecord& r = cell.genes[std::size_t(i)];
            if (r.symbol.compare(name, Qt::CaseInsensitive) == 0
                || r.ensemblId.compare(name, Qt::CaseInsensitive) == 0 || r.remcId == name)
                g = i;
        }
        if (g < 0) return fail(cmd, QStringLiteral("%1: cell %2 has no gene '%3'").arg(study->path(), cellName, name));
        GeneViewData d;
        d.gene = cell.genes[std::size_t(g)];
        d.cell = cellName;
        d.runId = runId;
        d.label = g < int(cell.labels.size()) ? cell.labels[std::size_t(g)] : -1;
        if (!study->readGeneValues(cellName, g, &d.values, &err)) return fail(cmd, err);
        d.takeResults(res, g);
        const QString file = QDir(outDir).filePath(GeneFigure::fileStem(d) + QLatin1Char('.') + format);
        if (!GeneFigure::save(d, format, file, dpi, &err)) return fail(cmd, err);
        printLine(file);
        ++written;
    }
    return written > 0 ? 0 : fail(cmd, QStringLiteral("no genes given"));
}

} // namespace ac::cli
