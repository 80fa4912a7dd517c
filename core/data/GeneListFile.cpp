#include "data/GeneListFile.h"

#include "data/PrintableText.h"
#include "data/TextLineReader.h"
#include "data/TrackBinner.h"
#include "data/TrackReaderSupport.h"

#include <QHash>
#include <QSaveFile>

#include <algorithm>
#include <charconv>
#include <map>
#include <utility>

namespace ac
{

namespace
{

constexpr int kMaxNameLength = 255;

/// The line up to a '#' comment, split on tabs and spaces.
QList<QByteArray> dataFields(const QByteArray& line)
{
    const qsizetype hash = line.indexOf('#');
    const QByteArray data = hash >= 0 ? line.left(hash) : line;
    QList<QByteArray> fields;
    for (const QByteArray& f : data.split('\t'))
        for (const QByteArray& g : f.split(' '))
            if (!g.isEmpty())
                fields << g;
    return fields;
}

/// Why `text` cannot be a gene name or chromosome, or empty when it can.
QString badName(const QByteArray& text)
{
    if (text.size() > kMaxNameLength)
        return QStringLiteral("longer than %1 characters").arg(kMaxNameLength);
    const QString decoded = QString::fromUtf8(text);
    if (decoded.toUtf8() != text)
        return QStringLiteral("'%1' is not UTF-8 text").arg(printableText(text));
    if (printableText(decoded) != decoded)
        return QStringLiteral("'%1' has a control character").arg(printableText(decoded));
    return {};
}

bool parsePosition(const QByteArray& text, std::int64_t* out)
{
    const char* const end = text.constData() + text.size();
    const auto [ptr, ec] = std::from_chars(text.constData(), end, *out);
    return ec == std::errc() && ptr == end && *out >= 0;
}

/// An Ensembl gene id without its version suffix ("ENSG00000141510.16" → "ENSG00000141510").
QString withoutVersion(const QString& name)
{
    if (!name.startsWith(QLatin1String("ENS"), Qt::CaseInsensitive))
        return name;
    const qsizetype dot = name.lastIndexOf(QLatin1Char('.'));
    if (dot <= 0)
        return name;
    bool digits = false;
    name.mid(dot + 1).toUInt(&digits);
    return digits ? name.left(dot) : name;
}

QString fieldCount(qsizetype n)
{
    return n == 1 ? QStringLiteral("1 field") : QStringLiteral("%1 fields").arg(n);
}

} // namespace

bool GeneListFile::load(const QString& path, QString* error)
{
    TextLineReader reader;
    if (!reader.open(path, error))
        return false;
    GeneListFile read;
    read.m_path = path;
    bool formatKnown = false;
    QByteArray line;
    QString err;
    const auto fail = [&](const QString& reason) {
        *error = QStringLiteral("%1: %2").arg(trackio::fileLine(path, reader.lineNumber()), reason);
        return false;
    };
    while (reader.readLine(&line, &err)) {
        const QList<QByteArray> f = dataFields(line);
        if (f.isEmpty())
            continue;
        if (f[0] == "track" || f[0] == "browser") {
            if (formatKnown && read.m_format != Format::Bed)
                return fail(QStringLiteral("a BED '%1' line in a list of gene names")
                                .arg(QString::fromLatin1(f[0])));
            read.m_format = Format::Bed;
            formatKnown = true;
            continue;
        }
        if (!formatKnown) {
            if (f.size() == 2)
                return fail(QStringLiteral("expected one gene name, or a BED line (chrom start "
                                           "end), found 2 fields"));
            read.m_format = f.size() == 1 ? Format::Names : Format::Bed;
            formatKnown = true;
        }
        if (read.m_format == Format::Names) {
            if (f.size() != 1)
                return fail(QStringLiteral("expected one gene name per line, found %1")
                                .arg(fieldCount(f.size())));
            const QString bad = badName(f[0]);
            if (!bad.isEmpty())
                return fail(QStringLiteral("not a gene name: %1").arg(bad));
            read.m_names << QString::fromUtf8(f[0]);
            continue;
        }
        if (f.size() < 3)
            return fail(QStringLiteral("expected a BED line (chrom start end [name ...]), found %1")
                            .arg(fieldCount(f.size())));
        Interval in;
        const QString bad = badName(f[0]);
        if (!bad.isEmpty())
            return fail(QStringLiteral("not a chromosome name: %1").arg(bad));
        if (!parsePosition(f[1], &in.start) || !parsePosition(f[2], &in.end))
            return fail(QStringLiteral("start and end must be non-negative integers, found "
                                       "'%1' and '%2'")
                            .arg(printableText(f[1]), printableText(f[2])));
        if (in.end <= in.start)
            return fail(QStringLiteral("end %1 is not after start %2").arg(in.end).arg(in.start));
        const QString chrom = QString::fromUtf8(f[0]);
        in.chrom = TrackBinner::normalizedChromosome(chrom);
        in.text = QStringLiteral("%1:%2-%3").arg(chrom).arg(in.start).arg(in.end);
        read.m_intervals.push_back(std::move(in));
    }
    if (!err.isEmpty()) {
        *error = err;
        return false;
    }
    if (read.isEmpty()) {
        *error = QStringLiteral("%1: no genes listed").arg(trackio::fileName(path));
        return false;
    }
    *this = std::move(read);
    return true;
}

QString GeneListFile::fileName() const
{
    return trackio::fileName(m_path);
}

int GeneListFile::entryCount() const
{
    return m_format == Format::Names ? int(m_names.size()) : int(m_intervals.size());
}

GeneListFile::Resolution GeneListFile::resolve(const std::vector<GeneRecord>& genes) const
{
    Resolution r;
    if (m_format == Format::Names) {
        QMultiHash<QString, int> byName; // upper-cased symbol, Ensembl id (no version), REMC id
        for (int i = 0; i < int(genes.size()); ++i) {
            const GeneRecord& g = genes[std::size_t(i)];
            if (!g.symbol.isEmpty())
                byName.insert(g.symbol.toUpper(), i);
            if (!g.ensemblId.isEmpty())
                byName.insert(withoutVersion(g.ensemblId).toUpper(), i);
            if (!g.remcId.isEmpty())
                byName.insert(g.remcId.toUpper(), i);
        }
        for (const QString& name : m_names) {
            const QList<int> found = byName.values(withoutVersion(name).toUpper());
            if (found.isEmpty())
                r.notFound << name;
            r.genes.insert(r.genes.end(), found.begin(), found.end());
        }
    } else {
        // Per chromosome, the genes' TSSs in order: each interval is two binary searches.
        std::map<QString, std::vector<std::pair<std::int64_t, int>>> tss;
        for (int i = 0; i < int(genes.size()); ++i) {
            const GeneRecord& g = genes[std::size_t(i)];
            if (!g.chrom.isEmpty() && g.tss > 0)
                tss[TrackBinner::normalizedChromosome(g.chrom)].emplace_back(g.tss, i);
        }
        for (auto& [chrom, v] : tss)
            std::sort(v.begin(), v.end());
        for (const Interval& in : m_intervals) {
            const auto c = tss.find(in.chrom);
            bool any = false;
            if (c != tss.end()) {
                // A 1-based TSS p lies in the 0-based half-open [start, end) when start < p <= end.
                auto it = std::lower_bound(c->second.begin(), c->second.end(),
                                           std::make_pair(in.start + 1, -1));
                for (; it != c->second.end() && it->first <= in.end; ++it) {
                    r.genes.push_back(it->second);
                    any = true;
                }
            }
            if (!any)
                r.notFound << in.text;
        }
    }
    std::sort(r.genes.begin(), r.genes.end());
    r.genes.erase(std::unique(r.genes.begin(), r.genes.end()), r.genes.end());
    return r;
}

std::vector<bool> GeneListFile::membership(const std::vector<GeneRecord>& genes) const
{
    return mask(resolve(genes).genes, genes.size());
}

std::vector<bool> GeneListFile::mask(const std::vector<int>& indices, std::size_t geneCount)
{
    std::vector<bool> listed(geneCount, false);
    for (const int i : indices)
        listed[std::size_t(i)] = true;
    return listed;
}

QString GeneListFile::notFoundSummary(const Resolution& resolution) const
{
    if (resolution.notFound.isEmpty())
        return {};
    return QStringLiteral("%1 of %2 entries of %3 not found: %4")
        .arg(resolution.notFound.size())
        .arg(entryCount())
        .arg(fileName(), trackio::firstFew(resolution.notFound));
}

bool GeneListFile::write(const QString& path, const std::vector<GeneRecord>& genes,
                         const std::vector<int>& indices, const QString& comment, QString* error)
{
    QByteArray text;
    if (!comment.isEmpty())
        text += "# " + comment.toUtf8().replace('\n', ' ') + '\n';
    for (int i : indices) {
        if (i < 0 || i >= int(genes.size())) {
            *error = QStringLiteral("%1: gene index %2 is not one of the %3 genes")
                         .arg(path)
                         .arg(i)
                         .arg(genes.size());
            return false;
        }
        const GeneRecord& g = genes[std::size_t(i)];
        text += (g.ensemblId.isEmpty() ? g.remcId : g.ensemblId).toUtf8();
        if (!g.symbol.isEmpty())
            text += "\t# " + g.symbol.toUtf8();
        text += '\n';
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size() || !file.commit()) {
        *error = QStringLiteral("%1: cannot write: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace ac
