#include "store/StudyChecks.h"

#include "store/Hdf5Io.h"
#include "store/StudyError.h"
#include "store/StudyLayout.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <limits>

namespace ac::studycheck
{

namespace
{

// Generous bounds: far outside them a value can only be damage or a foreign file.
constexpr std::int64_t kMaxBins = 100000;
constexpr std::int64_t kMaxBinSize = 10000000;
constexpr std::int64_t kMaxWindowShift = 100000000;
constexpr std::int64_t kMaxTss = std::numeric_limits<std::int32_t>::max(); // bigWig positions

[[noreturn]] void invalid(const std::string& member, const std::string& reason)
{
    throw StudyError(StudyError::Kind::Invalid, member, reason);
}

void requireRange(std::int64_t value, std::int64_t low, std::int64_t high, const char* member)
{
    if (value < low || value > high)
        invalid(member, std::to_string(value) + " is outside " + std::to_string(low) + " to " +
                            std::to_string(high));
}

} // namespace

void requireCellMembers(const H5::Group& cell)
{
    if (cell.getNumObjs() == 0 && cell.getNumAttrs() == 0)
        invalid(std::string(),
                "the cell type is empty (no genes, labels or X); remove it or import it again");
    for (const char* attr : {layout::kBinCountAttr, layout::kBinSizeAttr, layout::kWindowStartAttr})
        if (!h5::hasAttr(cell, attr))
            invalid(attr, "missing; the cell type is incomplete, import it again");
    for (const char* member : {layout::kX, layout::kLabels, layout::kSplit, layout::kMarkNames,
                               layout::kGeneRemcId, layout::kGeneEnsembl, layout::kGeneSymbol,
                               layout::kGeneChrom, layout::kGeneTss, layout::kGeneStrand})
        if (!h5::exists(cell, member))
            invalid(member, "missing; the cell type is incomplete, import it again");
}

void checkCellIndex(const CellData& cell)
{
    requireRange(cell.binCount, 1, kMaxBins, layout::kBinCountAttr);
    requireRange(cell.binSize, 1, kMaxBinSize, layout::kBinSizeAttr);
    requireRange(cell.windowStart, -kMaxWindowShift, kMaxWindowShift, layout::kWindowStartAttr);
    if (cell.markCount < 1)
        invalid(layout::kMarkNames, "no histone mark");
    for (std::size_t i = 0; i < cell.labels.size(); ++i)
        if (cell.labels[i] > 1)
            invalid(layout::kLabels, "value " + std::to_string(cell.labels[i]) + " at row " +
                                         std::to_string(i) + "; labels must be 0 or 1");
    for (std::size_t i = 0; i < cell.genes.size(); ++i) {
        const GeneRecord& g = cell.genes[i];
        if (g.tss < 0 || g.tss > kMaxTss) // 0: unknown
            invalid(layout::kGeneTss, "value " + std::to_string(g.tss) + " at row " +
                                          std::to_string(i) + "; a TSS is a position from 1 to " +
                                          std::to_string(kMaxTss) + " (0 when unknown)");
        if (g.strand != '+' && g.strand != '-' && g.strand != '.')
            invalid(layout::kGeneStrand, "value " + std::to_string(int(std::uint8_t(g.strand))) +
                                             " at row " + std::to_string(i) +
                                             "; a strand is '+', '-' or '.'");
    }
}

void checkXShape(const H5::Group& cell, const CellData& index)
{
    const H5::DataSet x = cell.openDataSet(layout::kX);
    const std::vector<hsize_t> shape = h5::shapeOf(x);
    const std::vector<hsize_t> expected{hsize_t(index.geneCount()), hsize_t(index.binCount),
                                        hsize_t(index.markCount)};
    if (x.getTypeClass() != H5T_FLOAT)
        invalid(layout::kX, "not an array of numbers");
    if (shape != expected) {
        std::string dims;
        for (hsize_t d : shape)
            dims += (dims.empty() ? "" : " × ") + std::to_string(d);
        invalid(layout::kX, "shape " + (dims.empty() ? std::string("scalar") : dims) + " where " +
                                std::to_string(expected[0]) + " genes × " +
                                std::to_string(expected[1]) + " bins × " +
                                std::to_string(expected[2]) + " marks are expected");
    }
}

QJsonObject jsonObject(const std::string& text, const char* member)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(text), &error);
    if (error.error != QJsonParseError::NoError)
        invalid(member, "not valid JSON (" + error.errorString().toStdString() + " at character " +
                            std::to_string(error.offset) + ")");
    if (!doc.isObject())
        invalid(member, "not a JSON object");
    return doc.object();
}

void requireGeneCount(std::size_t count, std::size_t genes, const char* member,
                      const std::string& cell)
{
    if (count != genes)
        invalid(member, std::to_string(count) + " values where cell type " + cell + " has " +
                            std::to_string(genes) + " genes");
}

} // namespace ac::studycheck
