// The HDF5 helpers of core/store on damaged files: shapes no study or weights file has must fail
// with an error, never write past a buffer (issue 13, item 2: found reviewing the readers the
// fuzz targets cover).
#include "store/Hdf5Io.h"
#include "store/StudyEditor.h"
#include "store/StudyFile.h"
#include "store/StudyLayout.h"
#include "store/WeightsFile.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace ac;

namespace
{

constexpr hsize_t kHuge[] = {hsize_t(1) << 33, hsize_t(1) << 31}; // 2^64 values: wraps to 0

CellData threeGenes()
{
    CellData c;
    c.name = QStringLiteral("E1");
    for (int g = 0; g < 3; ++g) {
        GeneRecord r;
        r.remcId = QStringLiteral("00000%1").arg(g + 1);
        r.chrom = QStringLiteral("chr1");
        r.tss = 10000 * (g + 1);
        r.strand = '+';
        c.genes.push_back(r);
        c.labels.push_back(std::uint8_t(g % 2));
        c.splits.push_back(Split::Train);
    }
    c.values.assign(std::size_t(3) * c.binCount * c.markCount, 1.0f);
    return c;
}

/// Replaces dataset `name` of `group` in `path` by a chunked float array of shape `dims` that
/// holds no data (HDF5 accepts any extent for it).
void replaceByHugeFloats(const QString& path, const std::string& group, const std::string& name,
                         const std::vector<hsize_t>& dims)
{
    H5::H5File file(h5::utf8(path), H5F_ACC_RDWR);
    H5::Group g = file.openGroup(group);
    h5::remove(g, name);
    H5::DSetCreatPropList plist;
    const std::vector<hsize_t> chunk(dims.size(), 1);
    plist.setChunk(int(chunk.size()), chunk.data());
    g.createDataSet(name, H5::PredType::IEEE_F32LE, H5::DataSpace(int(dims.size()), dims.data()),
                    plist);
}

} // namespace

class TestHdf5Io : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { QVERIFY(m_dir.isValid()); }

    /// Issue 13, item 2: a 3 × 2 table where a list of gene symbols belongs; HDF5 wrote all six
    /// strings into the buffer for three.
    void stringTableIsNotAList()
    {
        const QString path = study();
        {
            H5::H5File file(h5::utf8(path), H5F_ACC_RDWR);
            H5::Group cell = file.openGroup("cells/E1");
            h5::remove(cell, layout::kGeneSymbol);
            H5::StrType type(H5::PredType::C_S1, H5T_VARIABLE);
            type.setCset(H5T_CSET_UTF8);
            const hsize_t dims[2] = {3, 2};
            const char* text[6] = {"A", "B", "C", "D", "E", "F"};
            cell.createDataSet(layout::kGeneSymbol, type, H5::DataSpace(2, dims)).write(text, type);
        }
        QString error;
        auto file = StudyFile::open(path, &error);
        QVERIFY2(file, qPrintable(error));
        CellData c;
        QVERIFY(!file->readCellIndex(QStringLiteral("E1"), &c, &error));
        QVERIFY2(error.startsWith(path) && error.contains(QLatin1String(layout::kGeneSymbol)) &&
                     error.contains(QStringLiteral("expected a list of strings")),
                 qPrintable(error));
    }

    /// Issue 13, item 2: X claiming 3 × 2^33 × 2^31 values; the count wrapped to 0 (and for one
    /// gene's block the buffer was sized by the wrapped count).
    void dimensionsBeyond64BitsAreDamage()
    {
        const QString path = study();
        replaceByHugeFloats(path, "cells/E1", layout::kX, {3, kHuge[0], kHuge[1]});
        QString error;
        auto file = StudyFile::open(path, &error);
        QVERIFY2(file, qPrintable(error));
        std::vector<float> gene;
        QVERIFY(!file->readGeneValues(QStringLiteral("E1"), 0, &gene, &error));
        QVERIFY2(error.startsWith(path) && error.contains(QStringLiteral("more than 2^64 values")),
                 qPrintable(error));
        CellData c;
        error.clear();
        QVERIFY(!file->readCell(QStringLiteral("E1"), &c, &error)); // the shape check says it
        QVERIFY2(error.contains(QStringLiteral("/cells/E1/X: shape 3 × 8589934592 × 2147483648")),
                 qPrintable(error));
    }

    /// Issue 13, item 2: a weights file whose parameter claims 2^64 values was read as an empty
    /// parameter of that shape.
    void weightsBeyond64BitsAreDamage()
    {
        const QString path = m_dir.filePath(QStringLiteral("w.h5"));
        QString error;
        const Weights w = {{"fc.weight", {2, 2}, {1, 2, 3, 4}}};
        QVERIFY2(writeWeightsFile(path, w, &error), qPrintable(error));
        replaceByHugeFloats(path, "weights", "fc.weight", {kHuge[0], kHuge[1]});
        Weights read;
        QVERIFY(!readWeightsFile(path, &read, &error));
        QVERIFY2(error.startsWith(path) &&
                     error.contains(QStringLiteral("fc.weight: claims more than 2^64 values")),
                 qPrintable(error));
        QVERIFY(read.empty());
    }

    void elementCountMultipliesOrThrows()
    {
        QCOMPARE(h5::elementCount({}, "scalar"), hsize_t(1));
        QCOMPARE(h5::elementCount({3, 100, 5}, "X"), hsize_t(1500));
        QCOMPARE(h5::elementCount({0, kHuge[0], kHuge[1]}, "X"), hsize_t(0));
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, h5::elementCount({kHuge[0], kHuge[1]}, "X"));
    }

private:
    /// A study with cell E1 (three genes).
    QString study()
    {
        const QString path = m_dir.filePath(QStringLiteral("s.h5"));
        QFile::remove(path);
        QString error;
        auto editor = StudyEditor::begin(path, &error);
        if (!editor || !editor->writeCell(threeGenes(), &error) || !editor->commit(&error))
            qFatal("cannot write %s: %s", qPrintable(path), qPrintable(error));
        return path;
    }

    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestHdf5Io)
#include "tst_hdf5io.moc"
