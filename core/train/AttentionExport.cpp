#include "train/AttentionExport.h"

#include "domain/ReplaceFile.h"
#include "store/Hdf5Io.h"

#include <QFile>
#include <QSaveFile>
#include <QTextStream>

namespace ac
{

namespace
{

bool writeTsv(const QString& path, const CellData& cell, const RunResults& r, QString* error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text)) {
        *error = QStringLiteral("%1: cannot write: %2").arg(path, file.errorString());
        return false;
    }
    QTextStream out(&file);
    out << "gene_id\tensembl\tsymbol\tsplit\tlabel\tp";
    if (!r.beta.empty())
        for (int m = 0; m < r.markCount; ++m)
            out << "\tbeta_" << cell.markNames.value(m, QString::number(m + 1));
    if (!r.alpha.empty())
        for (int m = 0; m < r.markCount; ++m)
            for (int b = 0; b < r.binCount; ++b)
                out << "\talpha_" << cell.markNames.value(m, QString::number(m + 1)) << '_'
                    << (b + 1);
    out << '\n';
    const std::size_t mb = static_cast<std::size_t>(r.markCount) * r.binCount;
    for (int g = 0; g < r.geneCount; ++g) {
        const GeneRecord& gene = cell.genes[static_cast<std::size_t>(g)];
        out << gene.remcId << '\t' << gene.ensemblId << '\t' << gene.symbol << '\t'
            << splitName(cell.splits[static_cast<std::size_t>(g)]) << '\t'
            << int(cell.labels[static_cast<std::size_t>(g)]) << '\t'
            << QString::number(r.p[static_cast<std::size_t>(g)], 'g', 6);
        if (!r.beta.empty())
            for (int m = 0; m < r.markCount; ++m)
                out << '\t'
                    << QString::number(r.beta[static_cast<std::size_t>(g) * r.markCount + m], 'g',
                                       6);
        if (!r.alpha.empty())
            for (std::size_t i = 0; i < mb; ++i)
                out << '\t' << QString::number(r.alpha[g * mb + i], 'g', 6);
        out << '\n';
    }
    out.flush();
    if (!file.commit()) {
        *error = QStringLiteral("%1: cannot write: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

bool writeHdf5(const QString& path, const CellData& cell, const RunResults& r, QString* error)
{
    const QString temp = path + QStringLiteral(".part");
    try {
        H5::H5File file(h5::utf8(temp), H5F_ACC_TRUNC);
        H5::Group root = file.openGroup("/");
        const hsize_t genes = static_cast<hsize_t>(r.geneCount);
        std::vector<std::string> ids, ensembl, symbols, marks;
        std::vector<std::uint8_t> splits;
        for (const GeneRecord& g : cell.genes) {
            ids.push_back(h5::utf8(g.remcId));
            ensembl.push_back(h5::utf8(g.ensemblId));
            symbols.push_back(h5::utf8(g.symbol));
        }
        for (Split s : cell.splits)
            splits.push_back(static_cast<std::uint8_t>(s));
        for (const QString& m : cell.markNames)
            marks.push_back(h5::utf8(m));
        h5::writeStrings(root, "gene_id", ids);
        h5::writeStrings(root, "ensembl", ensembl);
        h5::writeStrings(root, "symbol", symbols);
        h5::writeStrings(root, "marks", marks);
        h5::writeUInt8(root, "split", splits);
        h5::writeUInt8(root, "label", cell.labels);
        h5::writeFloats(root, "p", {genes}, r.p.data());
        const hsize_t m = static_cast<hsize_t>(r.markCount), b = static_cast<hsize_t>(r.binCount);
        if (!r.beta.empty())
            h5::writeFloats(root, "beta", {genes, m}, r.beta.data());
        if (!r.alpha.empty())
            h5::writeFloats(
                root, "alpha", {genes, m, b}, r.alpha.data(),
                h5::Layout{{std::max<hsize_t>(1, std::min<hsize_t>(genes, 256)), m, b}, 4});
        h5::setAttr(root, "bin_size", static_cast<std::int64_t>(cell.binSize));
        h5::setAttr(root, "window_start", static_cast<std::int64_t>(cell.windowStart));
        h5::setAttr(root, "split_codes", std::string("0 train, 1 valid, 2 test"));
        file.close();
    } catch (const H5::Exception& e) {
        QFile::remove(temp);
        *error = QStringLiteral("%1: %2").arg(path, h5::describe(e));
        return false;
    }
    return replaceFile(temp, path, error);
}

} // namespace

bool exportAttention(const QString& path, const CellData& cell, const RunResults& results,
                     QString* error)
{
    const std::size_t genes = static_cast<std::size_t>(results.geneCount);
    if (cell.genes.size() != genes || results.p.size() != genes || cell.labels.size() != genes ||
        cell.splits.size() != genes) {
        *error = QStringLiteral("%1: %2 results for the %3 genes of cell %4")
                     .arg(path)
                     .arg(results.p.size())
                     .arg(cell.genes.size())
                     .arg(cell.name);
        return false;
    }
    const QString lower = path.toLower();
    if (lower.endsWith(QLatin1String(".tsv")))
        return writeTsv(path, cell, results, error);
    if (lower.endsWith(QLatin1String(".h5")) || lower.endsWith(QLatin1String(".hdf5")))
        return writeHdf5(path, cell, results, error);
    *error = QStringLiteral("%1: unknown format (use .tsv, .h5 or .hdf5)").arg(path);
    return false;
}

} // namespace ac
