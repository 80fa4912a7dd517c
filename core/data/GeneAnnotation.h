#pragma once

#include "domain/GeneRecord.h"

#include <QByteArray>
#include <QHash>
#include <QString>
#include <vector>

namespace ac
{

/**
 * A gene table: Ensembl id, symbol, chromosome, 1-based TSS and strand of each gene.
 *
 * Text format (TSV, one header line, then one gene per line):
 * `ensembl_id  symbol  chrom  tss  strand` with strand `+` or `-`; plain or gzip-compressed.
 * Bundled (loadBundled): the Ensembl GRCh37 (hg19, the default) table of 57,736 genes and the
 * GRCh38 (hg38) table of 58,788 genes, shipped as `resources/genes_hg19.tsv.gz` and
 * `resources/genes_hg38.tsv.gz`.
 *
 * Plain value once loaded; const methods are safe to call from several threads. The load
 * methods replace the whole table, or return false, set `error` (naming the file and line) and
 * leave the table unchanged.
 */
class GeneAnnotation
{
public:
    /// Loads a TSV (or .tsv.gz) file.
    bool loadFile(const QString& path, QString* error);
    /// Loads the table bundled into the program for `assembly` ("hg19" or "hg38",
    /// GenomeAssembly); any other name fails with `error`.
    bool loadBundled(QString* error, const QString& assembly = QStringLiteral("hg19"));
    /// Parses TSV text (plain or gzip); `source` names it in error messages.
    bool loadData(const QByteArray& data, const QString& source, QString* error);

    int size() const { return static_cast<int>(m_genes.size()); }
    bool isEmpty() const { return m_genes.empty(); }
    /// File the table came from, or "(bundled Ensembl GRCh37 table)" (GRCh38 for hg38).
    QString source() const { return m_source; }
    const std::vector<GeneRecord>& genes() const { return m_genes; }

    /// The gene with Ensembl id `ensemblId` (version suffix ".N" ignored), or nullptr.
    const GeneRecord* findEnsembl(const QString& ensemblId) const;
    /// The first gene with symbol `symbol` (case-insensitive), or nullptr.
    const GeneRecord* findSymbol(const QString& symbol) const;

    /**
     * Ensembl id of a REMC GeneID: the REMC files keep the last digits of the Ensembl gene
     * number, so "000003" → "ENSG00000000003". Ids already starting with "ENSG" are returned
     * unchanged; anything else (e.g. simulated "S00001") gives an empty string.
     */
    static QString ensemblFromRemcId(const QString& remcId);

    /**
     * A GeneRecord for a REMC GeneID: remcId and ensemblId always set; symbol, chrom, TSS and
     * strand filled in when the table knows the gene (`found`, if given, tells whether it did).
     */
    GeneRecord annotateRemcId(const QString& remcId, bool* found = nullptr) const;

private:
    QString m_source;
    std::vector<GeneRecord> m_genes;
    QHash<QString, int> m_byEnsembl;
    QHash<QString, int> m_bySymbol; ///< key upper-cased
};

} // namespace ac
