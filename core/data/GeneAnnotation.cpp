#include "data/GeneAnnotation.h"

#include "data/Gunzip.h"

#include <QFile>

namespace ac {

namespace {

const QString kBundledPath = QStringLiteral(":/annotation/genes_hg19.tsv.gz");

QString stripVersion(const QString& ensemblId)
{
    const qsizetype dot = ensemblId.indexOf(QLatin1Char('.'));
    return dot < 0 ? ensemblId : ensemblId.left(dot);
}

} // namespace

bool GeneAnnotation::loadFile(const QString& path, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: cannot open gene annotation: %2").arg(path, file.errorString());
        return false;
    }
    return loadData(file.readAll(), path, error);
}

bool GeneAnnotation::loadBundled(QString* error)
{
    return loadFile(kBundledPath, error);
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

    std::vector<GeneRecord> genes;
    QHash<QString, int> byEnsembl;
    QHash<QString, int> bySymbol;
    QHash<QString, int> lineOfGene;
    const auto failAt = [&](int line, const QString& what) {
        *error = QStringLiteral("%1:%2: %3").arg(source).arg(line).arg(what);
        return false;
    };

    int lineNo = 0;
    qsizetype pos = 0;
    while (pos < text.size()) {
        qsizetype end = text.indexOf('\n', pos);
        if (end < 0)
            end = text.size();
        QByteArray line = text.mid(pos, end - pos);
        pos = end + 1;
        ++lineNo;
        if (line.endsWith('\r'))
            line.chop(1);
        if (lineNo == 1) {
            if (!line.toLower().startsWith("ensembl_id"))
                return failAt(lineNo, QStringLiteral("expected the header line "
                                                     "'ensembl_id<TAB>symbol<TAB>chrom<TAB>tss<TAB>strand'"));
            continue;
        }
        if (line.trimmed().isEmpty())
            continue;
        const QList<QByteArray> fields = line.split('\t');
        if (fields.size() != 5)
            return failAt(lineNo, QStringLiteral("expected 5 tab-separated columns "
                                                 "(ensembl_id, symbol, chrom, tss, strand), found %1")
                                      .arg(fields.size()));
        GeneRecord g;
        g.ensemblId = stripVersion(QString::fromLatin1(fields[0].trimmed()));
        g.symbol = QString::fromUtf8(fields[1].trimmed());
        g.chrom = QString::fromLatin1(fields[2].trimmed());
        if (g.ensemblId.isEmpty())
            return failAt(lineNo, QStringLiteral("empty ensembl_id"));
        if (g.chrom.isEmpty())
            return failAt(lineNo, QStringLiteral("empty chrom for %1").arg(g.ensemblId));
        bool ok = false;
        g.tss = fields[3].trimmed().toLongLong(&ok);
        if (!ok || g.tss <= 0)
            return failAt(lineNo, QStringLiteral("tss '%1' of %2 is not a positive integer")
                                      .arg(QString::fromLatin1(fields[3]), g.ensemblId));
        const QByteArray strand = fields[4].trimmed();
        if (strand != "+" && strand != "-")
            return failAt(lineNo, QStringLiteral("strand '%1' of %2 is not '+' or '-'")
                                      .arg(QString::fromLatin1(strand), g.ensemblId));
        g.strand = strand[0];
        if (const auto it = lineOfGene.constFind(g.ensemblId); it != lineOfGene.constEnd())
            return failAt(lineNo, QStringLiteral("%1 is listed twice (first on line %2)")
                                      .arg(g.ensemblId)
                                      .arg(it.value()));
        lineOfGene.insert(g.ensemblId, lineNo);
        const int index = static_cast<int>(genes.size());
        byEnsembl.insert(g.ensemblId, index);
        if (!g.symbol.isEmpty()) {
            const QString key = g.symbol.toUpper();
            if (!bySymbol.contains(key))
                bySymbol.insert(key, index);
        }
        genes.push_back(std::move(g));
    }
    if (lineNo == 0)
        return failAt(1, QStringLiteral("the gene annotation is empty"));
    if (genes.empty())
        return failAt(lineNo, QStringLiteral("the gene annotation has a header but no genes"));

    m_source = source;
    m_genes = std::move(genes);
    m_byEnsembl = std::move(byEnsembl);
    m_bySymbol = std::move(bySymbol);
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
