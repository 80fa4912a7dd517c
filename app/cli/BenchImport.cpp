// attentivechrome-cli bench import: REMC CSV import speed on a simulated full-size cell type.
#include "CliCommand.h"
#include "CliSupport.h"

#include "data/GeneAnnotation.h"
#include "data/RemcImporter.h"
#include "data/Simulator.h"
#include "store/StudyEditor.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <algorithm>
#include <thread>

namespace ac::cli
{

namespace
{

/// Appends the decimal digits of a non-negative integer.
void appendInt(QByteArray& out, long long v)
{
    char buf[24];
    int n = 0;
    do {
        buf[n++] = static_cast<char>('0' + v % 10);
        v /= 10;
    } while (v > 0);
    while (n > 0)
        out.append(buf[--n]);
}

/// Writes the cell as DeepChrome CSV files, one per split, with the given GeneIDs.
bool writeRemcCsv(const CellData& cell, const QStringList& ids, const QString& classDir,
                  qint64* bytes, QString* error)
{
    static const char* const kStems[3] = {"train", "valid", "test"};
    for (int s = 0; s < 3; ++s) {
        QByteArray text;
        text.reserve(16 << 20);
        for (int g = 0; g < cell.geneCount(); ++g) {
            if (static_cast<int>(cell.splits[std::size_t(g)]) != s)
                continue;
            const QByteArray id = ids[g].toLatin1();
            const float* x = cell.geneValues(g);
            for (int b = 0; b < cell.binCount; ++b) {
                text += id;
                text += ',';
                appendInt(text, b + 1);
                for (int m = 0; m < cell.markCount; ++m) {
                    text += ',';
                    appendInt(text, static_cast<long long>(x[b * cell.markCount + m]));
                }
                text += ',';
                text += cell.labels[std::size_t(g)] ? '1' : '0';
                text += '\n';
            }
        }
        const QString path =
            QDir(classDir).filePath(QLatin1String(kStems[s]) + QStringLiteral(".csv"));
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(text) != text.size()) {
            *error = QStringLiteral("%1: cannot write: %2").arg(path, f.errorString());
            return false;
        }
        *bytes += text.size();
    }
    return true;
}

/// Resets the kernel's peak-RSS mark of this process (Linux >= 4.0); false when unsupported.
bool resetPeakRss()
{
    QFile f(QStringLiteral("/proc/self/clear_refs"));
    return f.open(QIODevice::WriteOnly) && f.write("5") == 1;
}

/// A field of /proc/self/status in MB ("VmHWM": peak RSS since the last reset, "VmRSS": now),
/// or -1 when unavailable.
double statusMegabytes(const QByteArray& field)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : f.readAll().split('\n'))
        if (line.startsWith(field + ':'))
            return line.mid(field.size() + 1).trimmed().split(' ').value(0).toDouble() / 1024.0;
    return -1;
}

/// Real REMC GeneIDs (the last six digits of Ensembl ids) so the import annotates as usual;
/// made-up ones when the annotation has too few.
QStringList benchGeneIds(const GeneAnnotation& annotation, int count)
{
    QStringList ids;
    for (const GeneRecord& g : annotation.genes()) {
        const QString digits = g.ensemblId.mid(4);
        if (g.ensemblId.startsWith(QLatin1String("ENSG")) &&
            digits.startsWith(QLatin1String("00000")))
            ids << digits.right(6);
        if (ids.size() == count)
            break;
    }
    for (int i = ids.size(); i < count; ++i)
        ids << QStringLiteral("9%1").arg(i, 5, 10, QLatin1Char('0'));
    return ids;
}

/// What the bench measured, for the report.
struct ImportBench {
    double annotationSeconds = 0;
    double importSeconds = 0;
    double writeSeconds = 0;
    qint64 csvBytes = 0; ///< as parsed
    qint64 studyBytes = 0;
    double peakBeforeImport = 0; ///< MB
    double rssBeforeImport = -1; ///< MB
    double importPeak = -1;      ///< MB, -1 when unknown
};

/// Writes `cell` into a new study at `path`; its time goes to `bench`.
bool writeStudy(const CellData& cell, const QString& path, ImportBench* bench, QString* error)
{
    QElapsedTimer timer;
    timer.start();
    {
        const std::unique_ptr<StudyEditor> editor = StudyEditor::begin(path, error);
        if (!editor || !editor->writeCell(cell, error) || !editor->commit(error))
            return false;
    }
    bench->writeSeconds = double(timer.nsecsElapsed()) / 1e9;
    bench->studyBytes = QFileInfo(path).size();
    return true;
}

void printReport(const ImportBench& bench, const GeneAnnotation& annotation, const CellData& cell)
{
    printLine(QStringLiteral("bundled annotation: %1 genes loaded in %2 s")
                  .arg(annotation.size())
                  .arg(bench.annotationSeconds, 0, 'f', 3));
    printLine(QStringLiteral(
                  "import (read + parse + validate + annotate): %1 genes in %2 s = %3 MB/s of CSV")
                  .arg(cell.geneCount())
                  .arg(bench.importSeconds, 0, 'f', 3)
                  .arg(double(bench.csvBytes) / 1e6 / bench.importSeconds, 0, 'f', 1));
    printLine(QStringLiteral("write into a new study (compressed on %1 threads, atomic): %2 s, "
                             "%3 MB")
                  .arg(std::max(1u, std::thread::hardware_concurrency()))
                  .arg(bench.writeSeconds, 0, 'f', 3)
                  .arg(double(bench.studyBytes) / 1e6, 0, 'f', 1));
    printLine(QStringLiteral("end to end (CSV to committed study): %1 s = %2 MB/s of CSV "
                             "(target ≥ 200)")
                  .arg(bench.importSeconds + bench.writeSeconds, 0, 'f', 3)
                  .arg(double(bench.csvBytes) / 1e6 / (bench.importSeconds + bench.writeSeconds), 0,
                       'f', 1));
    printLine(QStringLiteral("peak memory (ru_maxrss): %1 MB for the whole bench; %2 MB before the "
                             "import (libraries, annotation, simulation)")
                  .arg(peakMemoryMegabytes(), 0, 'f', 0)
                  .arg(bench.peakBeforeImport, 0, 'f', 0));
    if (bench.importPeak > 0 && bench.rssBeforeImport > 0)
        printLine(QStringLiteral("memory of the import alone: peak RSS %1 MB over %2 MB resident "
                                 "before it = +%3 MB (the cell's X is %4 MB)")
                      .arg(bench.importPeak, 0, 'f', 0)
                      .arg(bench.rssBeforeImport, 0, 'f', 0)
                      .arg(bench.importPeak - bench.rssBeforeImport, 0, 'f', 0)
                      .arg(double(cell.values.size() * sizeof(float)) / 1e6, 0, 'f', 1));
}

} // namespace

int runBenchImport(const QStringList& args)
{
    const QString cmd = QStringLiteral("bench import");
    QCommandLineParser p;
    p.addOption({QStringLiteral("genes"),
                 QStringLiteral("Genes of the simulated cell type (default 19802, "
                                "a full REMC cell type)."),
                 QStringLiteral("N"), QStringLiteral("19802")});
    int code = 0;
    if (!parseArguments(
            p, cmd,
            QStringLiteral("Write a simulated full-size REMC cell type as CSV to a temporary "
                           "folder, import it, and print the CSV parse speed (MB/s), "
                           "the time to write it into a study and the peak memory."),
            args, &code))
        return code;
    SimulationConfig config;
    config.cells = 1;
    bool ok = false;
    config.genesPerCell = p.value(QStringLiteral("genes")).toInt(&ok);
    if (!ok)
        return fail(
            cmd,
            QStringLiteral("--genes '%1' is not a number").arg(p.value(QStringLiteral("genes"))));
    if (const QString invalid = config.validate(); !invalid.isEmpty())
        return fail(cmd, invalid);

    QString error;
    ImportBench bench;
    GeneAnnotation annotation;
    QElapsedTimer timer;
    timer.start();
    if (!annotation.loadBundled(&error))
        return fail(cmd, error);
    bench.annotationSeconds = double(timer.nsecsElapsed()) / 1e9;

    QTemporaryDir tmp;
    if (!tmp.isValid())
        return fail(cmd,
                    QStringLiteral("cannot create a temporary folder: %1").arg(tmp.errorString()));
    const QString classDir = tmp.filePath(QStringLiteral("E000/classification"));
    QDir().mkpath(classDir);
    qint64 writtenBytes = 0;
    {
        const SimulatedCell sim = Simulator(config).cell(0);
        const QStringList ids = benchGeneIds(annotation, config.genesPerCell);
        if (!writeRemcCsv(sim.cell, ids, classDir, &writtenBytes, &error))
            return fail(cmd, error);
    }
    printLine(QStringLiteral("simulated cell type: %1 genes, %2 MB of CSV in 3 files (%3)")
                  .arg(config.genesPerCell)
                  .arg(double(writtenBytes) / 1e6, 0, 'f', 1)
                  .arg(classDir));

    bench.peakBeforeImport = peakMemoryMegabytes();
    const bool peakReset = resetPeakRss();
    bench.rssBeforeImport = statusMegabytes("VmRSS");
    RemcImporter importer(&annotation);
    CellData cell;
    timer.restart();
    const RemcImportResult result =
        importer.importCell(tmp.filePath(QStringLiteral("E000")), &cell);
    bench.importSeconds = double(timer.nsecsElapsed()) / 1e9;
    bench.importPeak = peakReset ? statusMegabytes("VmHWM") : -1;
    bench.csvBytes = result.csvBytes;
    if (!result.ok)
        return fail(cmd, result.error);
    if (!writeStudy(cell, tmp.filePath(QStringLiteral("bench-study.h5")), &bench, &error))
        return fail(cmd, error);
    printReport(bench, annotation, cell);
    return 0;
}

} // namespace ac::cli
