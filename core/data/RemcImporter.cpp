#include "data/RemcImporter.h"

#include "data/GeneAnnotation.h"
#include "data/Gunzip.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <charconv>
#include <cmath>
#include <cstring>
#include <string>
#include <unordered_map>

namespace ac
{

namespace
{

const char* const kSplitStems[3] = {"train", "valid", "test"};
const Split kSplits[3] = {Split::Train, Split::Valid, Split::Test};
constexpr char kHeader[] = "GeneID,BinID,H3K27me3,H3K36me3,H3K4me1,H3K4me3,H3K9me3,label";
constexpr int kColumns = 2 + remc::kMarkCount + 1;
constexpr qint64 kProgressLines = 1 << 16;

/// The folder holding the split files: `<dir>/classification`, or `dir` itself.
QString classificationDir(const QString& dir)
{
    const QDir d(dir);
    return d.exists(QStringLiteral("classification")) ? d.filePath(QStringLiteral("classification"))
                                                      : dir;
}

/// `<stem>.csv` or `<stem>.csv.gz` in `classDir`; empty when neither exists.
QString splitFile(const QString& classDir, const char* stem)
{
    const QDir d(classDir);
    for (const char* ext : {".csv", ".csv.gz"}) {
        const QString name = QLatin1String(stem) + QLatin1String(ext);
        if (QFileInfo(d.filePath(name)).isFile())
            return d.filePath(name);
    }
    return {};
}

QString cellNameOf(const QString& dir)
{
    QFileInfo info(QDir::cleanPath(QFileInfo(dir).absoluteFilePath()));
    if (info.fileName() == QLatin1String("classification"))
        info = QFileInfo(info.absolutePath());
    return info.fileName();
}

enum class Num { Ok, Empty, Negative, Invalid };

/// Parses the field [p, end) as a non-negative number; integers take the fast path.
Num parseCount(const char* p, const char* end, float* out)
{
    if (p == end)
        return Num::Empty;
    const char* q = p;
    std::uint64_t v = 0;
    while (q < end && static_cast<unsigned>(*q - '0') < 10 && q - p < 15) {
        v = v * 10 + static_cast<unsigned>(*q - '0');
        ++q;
    }
    if (q == end) {
        *out = static_cast<float>(v);
        return Num::Ok;
    }
    double d = 0;
    const auto r = std::from_chars(p, end, d);
    if (r.ec != std::errc() || r.ptr != end || !std::isfinite(d))
        return Num::Invalid;
    if (d < 0 || *p == '-')
        return Num::Negative;
    *out = static_cast<float>(d);
    return Num::Ok;
}

/// Parses [p, end) as a positive decimal integer of at most 9 digits; -1 when it is not one.
int parsePositiveInt(const char* p, const char* end)
{
    if (p == end || end - p > 9)
        return -1;
    int v = 0;
    for (; p < end; ++p) {
        if (static_cast<unsigned>(*p - '0') >= 10)
            return -1;
        v = v * 10 + (*p - '0');
    }
    return v > 0 ? v : -1;
}

QString latin1(const char* p, const char* end)
{
    return QString::fromLatin1(p, end - p);
}

/// Everything read so far for one cell, across its three split files.
struct CellParse {
    std::vector<std::string> geneIds;
    std::vector<float> values;
    std::vector<std::uint8_t> labels;
    std::vector<Split> splits;
    std::unordered_map<std::string, std::pair<int, qint64>> seen; ///< id → (file, line)
    QStringList files;
    QStringList problems;
    QStringList warnings;
    int maxProblems = 5;

    bool full() const { return problems.size() >= maxProblems; }
    void problem(int file, qint64 line, const QString& what)
    {
        if (!full())
            problems << QStringLiteral("%1:%2: %3").arg(files[file]).arg(line).arg(what);
    }
};

/**
 * Parses one split file held in memory. Returns false only when `tick` asked to cancel;
 * problems go to `cell.problems`. `tick(bytesDone)` is called every kProgressLines lines.
 */
bool parseSplit(const char* data, qsizetype size, int file, Split split, CellParse& cell,
                const std::function<bool(qsizetype)>& tick)
{
    constexpr int B = remc::kBinCount;
    constexpr int M = remc::kMarkCount;
    static const char* const kMarkNames[M] = {"H3K27me3", "H3K36me3", "H3K4me1", "H3K4me3",
                                              "H3K9me3"};
    const char* p = data;
    const char* const end = data + size;
    if (size >= 3 && std::memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        // Spreadsheet exports start with a UTF-8 byte-order mark; it is not part of the GeneID.
        p += 3;
        cell.warnings << QStringLiteral("%1: UTF-8 byte-order mark skipped").arg(cell.files[file]);
    }
    const std::size_t genesBefore = cell.geneIds.size();
    qint64 lineNo = 0;
    bool sawCr = false;

    // The gene being read.
    const char* curId = nullptr;
    std::size_t curLen = 0;
    bool inGene = false;
    bool broken = false; // a problem was reported for it: skip its remaining rows
    int lastBin = 0;
    int label = -1;
    qint64 labelLine = 0;
    qint64 lastLine = 0;
    float* geneValues = nullptr;

    const auto geneName = [&] {
        return QString::fromLatin1(curId, static_cast<qsizetype>(curLen));
    };
    const auto closeGene = [&] {
        if (inGene && !broken && lastBin != B)
            cell.problem(file, lastLine,
                         QStringLiteral("gene %1 has %2 bins; expected %3 (bins 1..%3)")
                             .arg(geneName())
                             .arg(lastBin)
                             .arg(B));
        inGene = false;
    };

    while (p < end && !cell.full()) {
        const char* nl = static_cast<const char*>(std::memchr(p, '\n', end - p));
        const char* const lineEnd = nl ? nl : end;
        const char* const next = nl ? nl + 1 : end;
        const char* e = lineEnd;
        ++lineNo;
        if (e > p && e[-1] == '\r') {
            --e;
            sawCr = true;
        }
        if ((lineNo & (kProgressLines - 1)) == 0 && tick && !tick(p - data))
            return false;
        if (e == p) { // blank line
            p = next;
            continue;
        }
        if (lineNo == 1) {
            if (e - p == static_cast<qsizetype>(sizeof(kHeader) - 1) &&
                qstrnicmp(p, kHeader, sizeof(kHeader) - 1) == 0) {
                cell.warnings << QStringLiteral("%1:1: header line skipped").arg(cell.files[file]);
                p = next;
                continue;
            }
            if (e - p >= 7 && qstrnicmp(p, "GeneID,", 7) == 0) {
                cell.problem(file, 1,
                             QStringLiteral("a header line that is not the DeepChrome header '%1' "
                                            "(the mark columns must come in this order)")
                                 .arg(QLatin1String(kHeader)));
                p = next;
                continue;
            }
        }

        // Split into fields.
        const char* field[kColumns];
        int fields = 1;
        field[0] = p;
        for (const char* q = p; q < e; ++q)
            if (*q == ',') {
                if (fields < kColumns)
                    field[fields] = q + 1;
                ++fields;
            }
        if (fields != kColumns) {
            cell.problem(file, lineNo,
                         QStringLiteral("expected %1 comma-separated columns (%2), found %3")
                             .arg(kColumns)
                             .arg(QLatin1String(kHeader))
                             .arg(fields));
            broken = true;
            p = next;
            continue;
        }
        // Field i ends at the comma before field i + 1; the last one at the end of the line.
        const auto fieldEnd = [&](int i) { return i + 1 < kColumns ? field[i + 1] - 1 : e; };

        // GeneID: a new gene starts whenever it changes.
        const char* id = field[0];
        const std::size_t idLen = static_cast<std::size_t>(fieldEnd(0) - id);
        if (idLen == 0) {
            cell.problem(file, lineNo, QStringLiteral("empty GeneID"));
            broken = true;
            p = next;
            continue;
        }
        if (!inGene || idLen != curLen || std::memcmp(id, curId, idLen) != 0) {
            closeGene();
            curId = id;
            curLen = idLen;
            inGene = true;
            broken = false;
            lastBin = 0;
            label = -1;
            std::string key(id, idLen);
            const auto [it, inserted] = cell.seen.emplace(key, std::make_pair(file, lineNo));
            if (!inserted) {
                cell.problem(file, lineNo,
                             QStringLiteral("gene %1 appears twice (first at %2:%3)")
                                 .arg(geneName(), cell.files[it->second.first])
                                 .arg(it->second.second));
                broken = true;
            }
            cell.geneIds.push_back(std::move(key));
            cell.values.resize(cell.values.size() + static_cast<std::size_t>(B) * M, 0.0f);
            geneValues = cell.values.data() + cell.values.size() - static_cast<std::size_t>(B) * M;
            cell.labels.push_back(0);
            cell.splits.push_back(split);
        }
        if (broken) {
            p = next;
            continue;
        }

        // BinID: 1..B, consecutive.
        const int bin = parsePositiveInt(field[1], fieldEnd(1));
        QString binProblem;
        if (bin < 0)
            binProblem = QStringLiteral("BinID '%1' of gene %2 is not a positive integer")
                             .arg(latin1(field[1], fieldEnd(1)), geneName());
        else if (bin == lastBin)
            binProblem = QStringLiteral("bin %1 of gene %2 is duplicated").arg(bin).arg(geneName());
        else if (bin < lastBin)
            binProblem = QStringLiteral("bin %1 of gene %2 is out of order (after bin %3)")
                             .arg(bin)
                             .arg(geneName())
                             .arg(lastBin);
        else if (bin > B)
            binProblem = QStringLiteral("bin %1 of gene %2 is beyond the %3 bins expected per gene")
                             .arg(bin)
                             .arg(geneName())
                             .arg(B);
        else if (bin > lastBin + 1)
            binProblem = bin == lastBin + 2 ? QStringLiteral("bin %1 of gene %2 is missing")
                                                  .arg(lastBin + 1)
                                                  .arg(geneName())
                                            : QStringLiteral("bins %1..%2 of gene %3 are missing")
                                                  .arg(lastBin + 1)
                                                  .arg(bin - 1)
                                                  .arg(geneName());
        if (!binProblem.isEmpty()) {
            cell.problem(file, lineNo, binProblem);
            broken = true;
            p = next;
            continue;
        }

        // The mark counts.
        float* row = geneValues + static_cast<std::size_t>(bin - 1) * M;
        for (int m = 0; m < M; ++m) {
            const Num r = parseCount(field[2 + m], fieldEnd(2 + m), row + m);
            if (r == Num::Ok)
                continue;
            const QString text = latin1(field[2 + m], fieldEnd(2 + m));
            const QString what = r == Num::Negative ? QStringLiteral("is negative")
                                 : r == Num::Empty  ? QStringLiteral("is empty")
                                                    : QStringLiteral("is not a number");
            cell.problem(file, lineNo,
                         QStringLiteral("%1 count '%2' of gene %3 bin %4 %5")
                             .arg(QLatin1String(kMarkNames[m]), text, geneName())
                             .arg(bin)
                             .arg(what));
            broken = true;
            break;
        }
        if (broken) {
            p = next;
            continue;
        }

        // The label: 0 or 1, the same on every row of the gene.
        const char* lp = field[kColumns - 1];
        const char* le = fieldEnd(kColumns - 1);
        if (le - lp != 1 || (*lp != '0' && *lp != '1')) {
            cell.problem(file, lineNo,
                         QStringLiteral("label '%1' of gene %2 is not 0 or 1")
                             .arg(latin1(lp, le), geneName()));
            broken = true;
            p = next;
            continue;
        }
        const int rowLabel = *lp - '0';
        if (label < 0) {
            label = rowLabel;
            labelLine = lineNo;
            cell.labels.back() = static_cast<std::uint8_t>(rowLabel);
        } else if (rowLabel != label) {
            cell.problem(file, lineNo,
                         QStringLiteral("label of gene %1 changes from %2 (line %3) to %4")
                             .arg(geneName())
                             .arg(label)
                             .arg(labelLine)
                             .arg(rowLabel));
            broken = true;
            p = next;
            continue;
        }
        lastBin = bin;
        lastLine = lineNo;
        p = next;
    }
    if (!cell.full())
        closeGene();
    if (cell.geneIds.size() == genesBefore && !cell.full())
        cell.problems << QStringLiteral("%1: empty split (no genes)").arg(cell.files[file]);
    if (sawCr)
        cell.warnings
            << QStringLiteral("%1: Windows (CRLF) line endings accepted").arg(cell.files[file]);
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
    const QString classDir = classificationDir(cellDir);
    CellParse parse;
    parse.maxProblems = m_maxProblems;

    for (int s = 0; s < 3; ++s) {
        const QString path = splitFile(classDir, kSplitStems[s]);
        if (path.isEmpty()) {
            result.error = QStringLiteral("%1: missing %2.csv (or %2.csv.gz)")
                               .arg(classDir, QLatin1String(kSplitStems[s]));
            return false;
        }
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            result.error = QStringLiteral("%1: cannot open: %2").arg(path, file.errorString());
            return false;
        }
        const qint64 diskSize = file.size();
        QByteArray data = file.readAll();
        if (data.size() != diskSize) {
            result.error = QStringLiteral("%1: read error: %2").arg(path, file.errorString());
            return false;
        }
        if (isGzip(data)) {
            QByteArray text;
            if (!gunzip(data, path, &text, &result.error))
                return false;
            data = std::move(text);
        }
        result.csvBytes += data.size();
        parse.files << path;
        if (s == 0) {
            // About 20 bytes per row: reserve the whole cell once (three similar files).
            const std::size_t rows = static_cast<std::size_t>(data.size()) / 18 * 3;
            parse.values.reserve(rows * remc::kMarkCount + remc::kBinCount * remc::kMarkCount);
        }

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
                            .arg(parse.geneIds.size());
            return m_progress(p);
        };
        if (!tick(0) || !parseSplit(data.constData(), data.size(), s, kSplits[s], parse, tick)) {
            result.error = QStringLiteral("cancelled");
            return false;
        }
        job.doneBytes += diskSize;
        if (parse.full())
            break;
    }
    result.warnings << parse.warnings;
    if (!parse.problems.isEmpty()) {
        result.error = parse.problems.join(QLatin1Char('\n'));
        if (parse.full())
            result.error +=
                QStringLiteral("\n(stopped after %1 problems)").arg(parse.problems.size());
        return false;
    }

    CellData cell;
    cell.name = name;
    cell.genes.reserve(parse.geneIds.size());
    int unknown = 0;
    QString firstUnknown;
    for (const std::string& id : parse.geneIds) {
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
    cell.values = std::move(parse.values);
    cell.labels = std::move(parse.labels);
    cell.splits = std::move(parse.splits);
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

} // namespace ac
