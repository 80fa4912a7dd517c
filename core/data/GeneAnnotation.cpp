#include "data/GeneAnnotation.h"

#include "data/Gunzip.h"
#include "data/InputFile.h"
#include "data/PrintableText.h"
#include "domain/GenomeAssembly.h"

#include <QByteArrayView>
#include <QFile>

#include <cstring>

namespace ac
{

namespace
{

QString stripVersion(const QString& ensemblId)
{
    const qsizetype dot = ensemblId.indexOf(QLatin1Char('.'));
    return dot < 0 ? ensemblId : ensemblId.left(dot);
}

/// Splits `line` at tabs into trimmed `fields` (the first five kept); returns how many there are.
int tabFields(QByteArrayView line, QByteArrayView (&fields)[5])
{
    int count = 0;
    qsizetype start = 0;
    for (qsizetype i = 0; i <= line.size(); ++i) {
        if (i < line.size() && line[i] != '\t')
            continue;
        if (count < 5)
            fields[count] = line.sliced(start, i - start).trimmed();
        ++count;
        start = i + 1;
    }
    return count;
}

/// The gene of one data line; false with `what` (the problem) when the line is malformed.
bool parseGeneLine(QByteArrayView line, GeneRecord* g, QString* what)
{
    QByteArrayView fields[5];
    const int count = tabFields(line, fields);
    if (count != 5) {
        *what = QStringLiteral("expected 5 tab-separated columns "
                               "(ensembl_id, symbol, chrom, tss, strand), found %1")
                    .arg(count);
        return false;
    }
    g->ensemblId = stripVersion(QString::fromLatin1(fields[0]));
    g->symbol = QString::fromUtf8(fields[1]);
    g->chrom = QString::fromLatin1(fields[2]);
    if (g->ensemblId.isEmpty()) {
        *what = QStringLiteral("empty ensembl_id");
        return false;
    }
    if (g->chrom.isEmpty()) {
        *what = QStringLiteral("empty chrom for %1").arg(g->ensemblId);
        return false;
    }
    bool ok = false;
    g->tss = fields[3].toLongLong(&ok);
    if (!ok || g->tss <= 0) {
        *what = QStringLiteral("tss '%1' of %2 is not a positive integer")
                    .arg(QString::fromLatin1(fields[3]), g->ensemblId);
        return false;
    }
    if (fields[4] != "+" && fields[4] != "-") {
        *what = QStringLiteral("strand '%1' of %2 is not '+' or '-'")
                    .arg(QString::fromLatin1(fields[4]), g->ensemblId);
        return false;
    }
    g->strand = fields[4][0];
    return true;
}

/// The table being loaded: genes in file order and their indexes.
struct GeneTable {
    std::vector<GeneRecord> genes;
    std::vector<int> lineOfGene;
    QHash<QString, int> byEnsembl;
    QHash<QString, int> bySymbol; ///< key upper-cased; the first gene of a symbol

    explicit GeneTable(qsizetype textBytes)
    {
        // About 42 bytes per line in the Ensembl table.
        genes.reserve(static_cast<std::size_t>(textBytes / 40 + 1));
        byEnsembl.reserve(textBytes / 40 + 1);
    }

    /// Adds `g` read on line `line`; the problem when its Ensembl id is listed already.
    QString add(GeneRecord&& g, int line)
    {
        const int index = static_cast<int>(genes.size());
        if (const auto it = byEnsembl.constFind(g.ensemblId); it != byEnsembl.constEnd())
            return QStringLiteral("%1 is listed twice (first on line %2)")
                .arg(g.ensemblId)
                .arg(lineOfGene[static_cast<std::size_t>(it.value())]);
        byEnsembl.insert(g.ensemblId, index);
        if (!g.symbol.isEmpty()) {
            const QString key = g.symbol.toUpper();
            if (!bySymbol.contains(key))
                bySymbol.insert(key, index);
        }
        lineOfGene.push_back(line);
        genes.push_back(std::move(g));
        return {};
    }
};

} // namespace

bool GeneAnnotation::loadFile(const QString& path, QString* error)
{
    // The bundled table is a Qt resource (":/..."), which stat() cannot see.
    if (!path.startsWith(QLatin1Char(':')) && !checkInputFile(path, error))
        return false;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error =
            QStringLiteral("%1: cannot open gene annotation: %2").arg(path, file.errorString());
        return false;
    }
    return loadData(file.readAll(), path, error);
}

bool GeneAnnotation::loadBundled(QString* error, const QString& assembly)
{
    if (!GenomeAssembly::isKnown(assembly)) {
        *error = QStringLiteral("no bundled gene table for assembly '%1' (known: %2)")
                     .arg(assembly, GenomeAssembly::names().join(QLatin1String(", ")));
        return false;
    }
    if (!loadFile(QStringLiteral(":/annotation/genes_%1.tsv.gz").arg(assembly), error))
        return false;
    m_source = QStringLiteral("(bundled Ensembl %1 table)")
                   .arg(assembly == QLatin1String("hg38") ? QStringLiteral("GRCh38")
                                                          : QStringLiteral("GRCh37"));
    return true;
}

bool GeneAnnotation::loadData(const QByteArray& data, const QString& source, QString* error)
{
    QByteArray text;
    if (isGzip(data)) {
        if (!gunzip(data, source, &text, error))
            return false;
    } else {
        text = data;
    }

    GeneTable table(text.size());
    const auto failAt = [&](int line, const QString& what) {
        *error = QStringLiteral("%1:%2: %3").arg(source).arg(line).arg(printableText(what));
        return false;
    };

    int lineNo = 0;
    const char* p = text.constData();
    const char* const end = p + text.size();
    if (text.startsWith("\xEF\xBB\xBF"))
        p += 3; // UTF-8 byte-order mark
    while (p < end) {
        const char* nl = static_cast<const char*>(std::memchr(p, '\n', end - p));
        const char* e = nl ? nl : end;
        const char* const next = nl ? nl + 1 : end;
        ++lineNo;
        if (e > p && e[-1] == '\r')
            --e;
        const QByteArrayView line(p, e - p);
        p = next;
        if (lineNo == 1) {
            if (!line.startsWith("ensembl_id") && !line.startsWith("ENSEMBL_ID"))
                return failAt(
                    lineNo, QStringLiteral("expected the header line "
                                           "'ensembl_id<TAB>symbol<TAB>chrom<TAB>tss<TAB>strand'"));
            continue;
        }
        if (line.trimmed().isEmpty())
            continue;
        GeneRecord g;
        QString what;
        if (!parseGeneLine(line, &g, &what))
            return failAt(lineNo, what);
        if (const QString duplicate = table.add(std::move(g), lineNo); !duplicate.isEmpty())
            return failAt(lineNo, duplicate);
    }
    if (lineNo == 0)
        return failAt(1, QStringLiteral("the gene annotation is empty"));
    if (table.genes.empty())
        return failAt(lineNo, QStringLiteral("the gene annotation has a header but no genes"));

    m_source = source;
    m_genes = std::move(table.genes);
    m_byEnsembl = std::move(table.byEnsembl);
    m_bySymbol = std::move(table.bySymbol);
    return true;
}

const GeneRecord* GeneAnnotation::findEnsembl(const QString& ensemblId) const
{
    const auto it = m_byEnsembl.constFind(stripVersion(ensemblId));
    return it == m_byEnsembl.constEnd() ? nullptr : &m_genes[it.value()];
}

const GeneRecord* GeneAnnotation::findSymbol(const QString& symbol) const
{
    const auto it = m_bySymbol.constFind(symbol.toUpper());
    return it == m_bySymbol.constEnd() ? nullptr : &m_genes[it.value()];
}

QString GeneAnnotation::ensemblFromRemcId(const QString& remcId)
{
    if (remcId.startsWith(QLatin1String("ENSG")))
        return remcId;
    // Ensembl human gene ids have 11 digits after "ENSG".
    if (remcId.isEmpty() || remcId.size() > 11)
        return {};
    for (const QChar c : remcId)
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            return {};
    return QStringLiteral("ENSG") + remcId.rightJustified(11, QLatin1Char('0'));
}

GeneRecord GeneAnnotation::annotateRemcId(const QString& remcId, bool* found) const
{
    GeneRecord g;
    const QString ensembl = ensemblFromRemcId(remcId);
    const GeneRecord* known = ensembl.isEmpty() ? nullptr : findEnsembl(ensembl);
    if (known)
        g = *known;
    g.remcId = remcId;
    g.ensemblId = ensembl;
    if (found)
        *found = known != nullptr;
    return g;
}

} // namespace ac
