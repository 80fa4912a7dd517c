#pragma once

#include "data/TrackImportResult.h"
#include "domain/GeneRecord.h"
#include "domain/Progress.h"

#include <QHash>
#include <QSet>
#include <QString>
#include <vector>

namespace ac
{

/**
 * Reads a track already binned like X: `GeneID,BinID,value` rows with REMC gene ids and bins
 * 1..100 in the gene's orientation, plain or gzip-compressed; `#` lines, blank lines and a header
 * line are skipped. Bins the file does not give are NaN.
 *
 * Errors name the file and line: a row without 3 fields, a BinID outside 1..100, a value that is
 * not a finite number or does not fit a 32-bit float, a (gene, bin) given twice; also a file
 * without rows or without any gene of the cell. Rows of other genes are ignored with a warning.
 *
 * Keeps a reference to `genes` (the caller keeps them alive during read()). One read() per
 * instance; not thread-safe.
 */
class BinnedCsvTrackReader
{
public:
    BinnedCsvTrackReader(const std::vector<GeneRecord>& genes, const QString& trackName);

    /// Reads `path`; `progress` (optional) is called now and then and may cancel.
    TrackImportResult read(const QString& path, const ProgressCallback& progress);

private:
    bool readRow(const QByteArray& line, QString* error);
    bool placeValue(const QString& gene, int bin, double value, QString* error);
    void finish(TrackImportResult* result);

    const std::vector<GeneRecord>& m_genes;
    QString m_name;
    QString m_path;
    QHash<QString, int> m_index; ///< remcId → gene
    std::vector<float> m_values; ///< genes × bins
    QSet<QString> m_unknownGenes;
    qint64 m_lineNo = 0;
    qint64 m_rows = 0;
    qint64 m_matched = 0;
};

} // namespace ac
