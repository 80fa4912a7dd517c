#include "data/RemcImporter.h"

#include "data/GeneAnnotation.h"
#include "data/Gunzip.h"
#include "data/InputFile.h"
#include "data/RemcCsvParser.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <string>

namespace ac
{

namespace
{

const char* const kSplitStems[3] = {"train", "valid", "test"};
const Split kSplits[3] = {Split::Train, Split::Valid, Split::Test};

/// The folder holding the split files: `<dir>/classification`, or `dir` itself.
QString classificationDir(const QString& dir)
{
    const QDir d(dir);
    return d.exists(QStringLiteral("classification")) ? d.filePath(QStringLiteral("classification"))
                                                      : dir;
}

/// True when something is at `path`: a file, but also a FIFO, a device or a link, even a broken
/// one or a loop, which readSplitFile() then names rather than calling the split missing.
bool present(const QString& path)
{
    const QFileInfo info(path);
    return info.exists() || info.isSymLink();
}

/// `<stem>.csv` or `<stem>.csv.gz` in `classDir`; empty when neither exists.
QString splitFile(const QString& classDir, const char* stem)
{
    const QDir d(classDir);
    for (const char* ext : {".csv", ".csv.gz"}) {
        const QString name = QLatin1String(stem) + QLatin1String(ext);
        if (present(d.filePath(name)))
            return d.filePath(name);
    }
    return {};
}

/// False (with `error` naming both) when `<stem>.csv` and `<stem>.csv.gz` are both in `classDir`:
/// which one the user meant cannot be guessed (issue 13, finding 12).
bool checkOneSplitFile(const QString& classDir, const char* stem, QString* error)
{
    const QDir d(classDir);
    const QString plain = d.filePath(QLatin1String(stem) + QLatin1String(".csv"));
    const QString gz = plain + QLatin1String(".gz");
    if (!present(plain) || !present(gz))
        return true;
    *error = QStringLiteral("%1 and %2 both exist: keep one of them (they may hold different data)")
                 .arg(plain, gz);
    return false;
}

QString cellNameOf(const QString& dir)
{
    QFileInfo info(QDir::cleanPath(QFileInfo(dir).absoluteFilePath()));
    if (info.fileName() == QLatin1String("classification"))
        info = QFileInfo(info.absolutePath());
    return info.fileName();
}

/// Reads a split file whole (`diskSize` bytes as stored), inflated when it is gzip.
bool readSplitFile(const QString& path, QByteArray* text, qint64* diskSize, QString* error)
{
    if (!checkInputFile(path, error))
        return false;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: cannot open: %2").arg(path, file.errorString());
        return false;
    }
    *diskSize = file.size();
    QByteArray data = file.readAll();
    if (data.size() != *diskSize) {
        *error = QStringLiteral("%1: read error: %2").arg(path, file.errorString());
        return false;
    }
    if (isGzip(data)) {
        QByteArray inflated;
        if (!gunzip(data, path, &inflated, error))
            return false;
        data = std::move(inflated);
    }
    *text = std::move(data);
    return true;
}

} // namespace

/// Progress bookkeeping over a whole import (one cell or many).
struct RemcImporter::Job {
    qint64 totalBytes = 0; ///< on-disk size of every file to read
    qint64 doneBytes = 0;  ///< on-disk size of the files finished
};

RemcImporter::RemcImporter(const GeneAnnotation* annotation) : m_annotation(annotation) {}

bool RemcImporter::isCellFolder(const QString& dir)
{
    const QString classDir = classificationDir(dir);
    for (const char* stem : kSplitStems)
        if (!splitFile(classDir, stem).isEmpty())
            return true;
    return QDir(dir).exists(QStringLiteral("classification"));
}

QStringList RemcImporter::cellFolders(const QString& root)
{
    QStringList result;
    const QDir d(root);
    const QStringList names = d.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString& name : names)
        if (isCellFolder(d.filePath(name)))
            result << d.filePath(name);
    return result;
}

RemcImportResult RemcImporter::importCell(const QString& cellDir, CellData* out)
{
    Job job;
    const QString classDir = classificationDir(cellDir);
    for (const char* stem : kSplitStems)
        job.totalBytes += QFileInfo(splitFile(classDir, stem)).size();
    RemcImportResult result;
    CellData cell;
    if (importCellFiles(cellDir, job, &cell, result)) {
        result.ok = true;
        result.cells << cell.name;
        *out = std::move(cell);
    }
    return result;
}

RemcImportResult RemcImporter::importFolder(const QString& path, const QStringList& cells,
                                            const CellSink& sink)
{
    RemcImportResult result;
    QStringList dirs;
    if (isCellFolder(path)) {
        dirs << path;
    } else if (!QFileInfo(path).isDir()) {
        result.error = QStringLiteral("%1: no such folder").arg(path);
        return result;
    } else {
        dirs = cellFolders(path);
        if (dirs.isEmpty()) {
            result.error = QStringLiteral("%1: no REMC cell folder in it "
                                          "(expected <CELL>/classification/train.csv)")
                               .arg(path);
            return result;
        }
    }
    if (!cells.isEmpty()) {
        QStringList selected;
        for (const QString& wanted : cells) {
            bool found = false;
            for (const QString& dir : dirs)
                if (cellNameOf(dir) == wanted) {
                    selected << dir;
                    found = true;
                }
            if (!found) {
                result.error = QStringLiteral("%1: no cell folder named %2").arg(path, wanted);
                return result;
            }
        }
        dirs = selected;
    }

    Job job;
    for (const QString& dir : dirs) {
        const QString classDir = classificationDir(dir);
        for (const char* stem : kSplitStems)
            job.totalBytes += QFileInfo(splitFile(classDir, stem)).size();
    }
    for (const QString& dir : dirs) {
        CellData cell;
        if (!importCellFiles(dir, job, &cell, result))
            return result;
        const QString name = cell.name;
        QString error;
        if (!sink(std::move(cell), &error)) {
            result.error = error;
            return result;
        }
        result.cells << name;
    }
    result.ok = true;
    return result;
}

bool RemcImporter::importCellFiles(const QString& cellDir, Job& job, CellData* out,
                                   RemcImportResult& result)
{
    const QString name = cellNameOf(cellDir);
    RemcCsvParser parser(m_maxProblems);
    if (!parseSplitFiles(cellDir, name, job, parser, result))
        return false;
    result.warnings << parser.warnings();
    if (!parser.problems().isEmpty()) {
        result.error = parser.problems().join(QLatin1Char('\n'));
        if (parser.full())
            result.error +=
                QStringLiteral("\n(stopped after %1 problems)").arg(parser.problems().size());
        return false;
    }
    CellData cell = annotatedCell(name, parser, result);
    if (m_progress) {
        Progress p;
        p.fraction = job.totalBytes > 0 ? double(job.doneBytes) / double(job.totalBytes) : 1.0;
        p.message = QStringLiteral("%1: %2 genes").arg(name).arg(cell.genes.size());
        if (!m_progress(p)) {
            result.error = QStringLiteral("cancelled");
            return false;
        }
    }
    *out = std::move(cell);
    return true;
}

bool RemcImporter::parseSplitFiles(const QString& cellDir, const QString& name, Job& job,
                                   RemcCsvParser& parser, RemcImportResult& result)
{
    const QString classDir = classificationDir(cellDir);
    for (int s = 0; s < 3; ++s) {
        const QString path = splitFile(classDir, kSplitStems[s]);
        if (!checkOneSplitFile(classDir, kSplitStems[s], &result.error))
            return false;
        if (path.isEmpty()) {
            result.error = QStringLiteral("%1: missing %2.csv (or %2.csv.gz)")
                               .arg(classDir, QLatin1String(kSplitStems[s]));
            return false;
        }
        QByteArray data;
        qint64 diskSize = 0;
        if (!readSplitFile(path, &data, &diskSize, &result.error))
            return false;
        result.csvBytes += data.size();
        if (s == 0) // about 20 bytes per row: reserve the whole cell once (three similar files)
            parser.reserveRows(static_cast<std::size_t>(data.size()) / 18 * 3);

        const qsizetype textSize = data.size();
        const auto tick = [&](qsizetype bytesDone) {
            if (!m_progress)
                return true;
            Progress p;
            const double inFile = textSize > 0 ? double(bytesDone) / double(textSize) : 1.0;
            p.fraction = job.totalBytes > 0 ? (double(job.doneBytes) + inFile * double(diskSize)) /
                                                  double(job.totalBytes)
                                            : 0.0;
            p.message = QStringLiteral("%1 %2: %3 genes")
                            .arg(name, QFileInfo(path).fileName())
                            .arg(parser.geneCount());
            return m_progress(p);
        };
        if (!tick(0) || !parser.parseFile(data.constData(), data.size(), path, kSplits[s], tick)) {
            result.error = QStringLiteral("cancelled");
            return false;
        }
        job.doneBytes += diskSize;
        if (parser.full())
            break;
    }
    return true;
}

CellData RemcImporter::annotatedCell(const QString& name, RemcCsvParser& parser,
                                     RemcImportResult& result) const
{
    CellData cell;
    cell.name = name;
    cell.genes.reserve(parser.geneCount());
    int unknown = 0;
    QString firstUnknown;
    for (const std::string& id : parser.geneIds()) {
        const QString remcId = QString::fromStdString(id);
        bool found = false;
        if (m_annotation) {
            cell.genes.push_back(m_annotation->annotateRemcId(remcId, &found));
        } else {
            GeneRecord g;
            g.remcId = remcId;
            g.ensemblId = GeneAnnotation::ensemblFromRemcId(remcId);
            cell.genes.push_back(std::move(g));
        }
        if (m_annotation && !found && unknown++ == 0)
            firstUnknown = remcId;
    }
    if (unknown > 0)
        result.warnings << QStringLiteral("%1: %2 of %3 genes are not in the gene annotation %4 "
                                          "(e.g. %5); they have no symbol or locus")
                               .arg(name)
                               .arg(unknown)
                               .arg(cell.genes.size())
                               .arg(m_annotation->source(), firstUnknown);
    cell.values = parser.takeValues();
    cell.labels = parser.takeLabels();
    cell.splits = parser.takeSplits();
    return cell;
}

} // namespace ac
