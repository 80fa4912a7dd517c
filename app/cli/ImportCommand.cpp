// attentivechrome-cli import: REMC CSV folders (one cell type or many) into a study file.
#include "CliCommand.h"
#include "CliSupport.h"

#include "data/GeneAnnotation.h"
#include "data/RemcImporter.h"
#include "store/StudyEditor.h"
#include "store/StudyFile.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QTextStream>

namespace ac::cli
{

int runImport(const QStringList& args)
{
    const QString cmd = QStringLiteral("import");
    QCommandLineParser p;
    p.addPositionalArgument(
        QStringLiteral("folder"),
        QStringLiteral("A REMC cell folder (<CELL>/classification/{train,valid,test}.csv"
                       "[.gz]) or a folder holding many of them."));
    p.addOption({QStringLiteral("study"),
                 QStringLiteral("Study file to add the cells to (created when missing; cells of "
                                "the same name are replaced)."),
                 QStringLiteral("FILE")});
    p.addOption({QStringLiteral("cell"),
                 QStringLiteral("Import only these cells (comma-separated, e.g. E003,E123)."),
                 QStringLiteral("CELLS")});
    p.addOption({QStringLiteral("annotation"),
                 QStringLiteral("Gene table TSV (ensembl_id, symbol, chrom, tss, strand) instead "
                                "of the bundled hg19 one."),
                 QStringLiteral("FILE")});
    p.addOption({QStringLiteral("max-problems"),
                 QStringLiteral("Report at most N problems before stopping (default 5)."),
                 QStringLiteral("N"), QStringLiteral("5")});
    int code = 0;
    if (!parseArguments(
            p, cmd,
            QStringLiteral("Import REMC/DeepChrome classification CSV files into a study. "
                           "Nothing in the study changes unless every cell imports."),
            args, &code))
        return code;
    if (p.positionalArguments().size() != 1)
        return fail(cmd, QStringLiteral("expected one REMC folder (see --help)"));
    if (!p.isSet(QStringLiteral("study")))
        return fail(cmd, QStringLiteral("--study is required"));
    bool ok = false;
    const int maxProblems = p.value(QStringLiteral("max-problems")).toInt(&ok);
    if (!ok || maxProblems < 1)
        return fail(cmd, QStringLiteral("--max-problems must be a positive number"));
    const QString folder = p.positionalArguments().first();
    const QString studyPath = p.value(QStringLiteral("study"));
    if (!QFileInfo(folder).isDir())
        return fail(cmd, QStringLiteral("%1: no such folder").arg(folder));

    QString error;
    GeneAnnotation annotation;
    const bool annotated = p.isSet(QStringLiteral("annotation"))
                               ? annotation.loadFile(p.value(QStringLiteral("annotation")), &error)
                               : annotation.loadBundled(&error);
    if (!annotated)
        return fail(cmd, error);

    QStringList existingCells;
    if (QFileInfo::exists(studyPath))
        if (const std::unique_ptr<StudyFile> study = StudyFile::open(studyPath, &error))
            existingCells = study->cellNames();
    const std::unique_ptr<StudyEditor> editor = StudyEditor::begin(studyPath, &error);
    if (!editor)
        return fail(cmd, error);

    RemcImporter importer(&annotation);
    importer.setMaxProblems(maxProblems);
    importer.setProgressCallback(terminalProgress());
    QStringList cells;
    for (const QString& c :
         p.value(QStringLiteral("cell")).split(QLatin1Char(','), Qt::SkipEmptyParts))
        cells << c.trimmed();
    QStringList summaries;
    QElapsedTimer timer;
    timer.start();
    const RemcImportResult result =
        importer.importFolder(folder, cells, [&](CellData&& cell, QString* err) {
            int counts[3] = {0, 0, 0};
            for (const Split s : cell.splits)
                ++counts[static_cast<int>(s)];
            summaries << QStringLiteral("%1: %2 genes (train %3, valid %4, test %5)")
                                 .arg(cell.name)
                                 .arg(cell.geneCount())
                                 .arg(counts[0])
                                 .arg(counts[1])
                                 .arg(counts[2]) +
                             (existingCells.contains(cell.name)
                                  ? QStringLiteral(", replacing the cell of that name")
                                  : QString());
            return editor->writeCell(cell, err);
        });
    QTextStream err(stderr);
    for (const QString& w : result.warnings)
        err << "attentivechrome-cli import: warning: " << w << '\n';
    err.flush();
    if (!result.ok)
        return fail(cmd, result.error);
    if (!editor->commit(&error))
        return fail(cmd, error);
    for (const QString& s : summaries)
        printLine(s);
    printLine(QStringLiteral("imported %1 cell type(s) into %2 (%3 MB of CSV in %4 s)")
                  .arg(result.cells.size())
                  .arg(studyPath)
                  .arg(double(result.csvBytes) / 1e6, 0, 'f', 1)
                  .arg(double(timer.elapsed()) / 1000.0, 0, 'f', 2));
    return 0;
}

} // namespace ac::cli
