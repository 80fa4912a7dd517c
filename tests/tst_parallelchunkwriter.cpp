// ParallelChunkWriter (issue 16): chunks filtered on several threads and written with
// H5Dwrite_chunk must be byte for byte what HDF5's own shuffle + deflate filters write, so every
// HDF5 reader reads them with the standard filters.
#include "store/Hdf5Io.h"
#include "store/ParallelChunkWriter.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <cstring>
#include <limits>

using namespace ac;

namespace
{

/// Values that compress a little and include NaN, infinities and negative zero.
std::vector<float> someValues(std::size_t n)
{
    std::vector<float> v(n);
    for (std::size_t i = 0; i < n; ++i)
        v[i] = i % 7 == 0 ? 0.0f : float(std::sin(double(i) * 0.01) * 100.0);
    v[3] = std::numeric_limits<float>::quiet_NaN();
    v[5] = std::numeric_limits<float>::infinity();
    v[6] = -0.0f;
    return v;
}

/// The stored (filtered) bytes of chunk `index` along the first dimension of `ds`.
std::vector<unsigned char> rawChunk(const H5::DataSet& ds, hsize_t firstRow, std::size_t rank)
{
    std::vector<hsize_t> offset(rank, 0);
    offset[0] = firstRow;
    hsize_t size = 0;
    if (H5Dget_chunk_storage_size(ds.getId(), offset.data(), &size) < 0)
        return {};
    std::vector<unsigned char> bytes(size);
    uint32_t filters = 0;
    if (H5Dread_chunk(ds.getId(), H5P_DEFAULT, offset.data(), &filters, bytes.data()) < 0 ||
        filters != 0)
        return {};
    return bytes;
}

} // namespace

class TestParallelChunkWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fitsOnlyFirstDimensionChunks()
    {
        QVERIFY(h5::ParallelChunkWriter::fits({100, 50, 5}, {8, 50, 5}));
        QVERIFY(h5::ParallelChunkWriter::fits({100}, {64}));
        QVERIFY(!h5::ParallelChunkWriter::fits({100, 50, 5}, {8, 25, 5}));
        QVERIFY(!h5::ParallelChunkWriter::fits({100, 50}, {8}));
        QVERIFY(!h5::ParallelChunkWriter::fits({}, {}));
        QVERIFY(!h5::ParallelChunkWriter::fits({5, 10}, {8, 10})); // HDF5 refuses it too
    }

    void sameBytesAsHdf5sFilters_data()
    {
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("threads");
        QTest::addColumn<int>("level");
        QTest::newRow("whole chunks, 2 threads") << 64 << 2 << 4;
        QTest::newRow("edge chunk, 3 threads") << 61 << 3 << 4;
        QTest::newRow("one thread, level 1") << 61 << 1 << 1;
        QTest::newRow("one chunk, level 9") << 8 << 2 << 9;
    }

    void sameBytesAsHdf5sFilters()
    {
        QFETCH(int, rows);
        QFETCH(int, threads);
        QFETCH(int, level);
        const std::vector<hsize_t> shape{hsize_t(rows), 100, 5}, chunk{8, 100, 5};
        const std::vector<float> values = someValues(std::size_t(rows) * 500);
        QTemporaryDir dir;
        H5::H5File file(dir.filePath(QStringLiteral("a.h5")).toStdString(), H5F_ACC_TRUNC);
        H5::Group root = file.openGroup("/");
        h5::ParallelChunkWriter::write(root, "parallel", shape, chunk, level, values.data(),
                                       threads);
        // The reference: HDF5's own pipeline with the same layout.
        H5::DSetCreatPropList plist;
        plist.setChunk(3, chunk.data());
        plist.setShuffle();
        plist.setDeflate(level);
        root.createDataSet("hdf5", H5::PredType::IEEE_F32LE, H5::DataSpace(3, shape.data()), plist)
            .write(values.data(), H5::PredType::NATIVE_FLOAT);

        const H5::DataSet parallel = root.openDataSet("parallel");
        const H5::DataSet reference = root.openDataSet("hdf5");
        for (hsize_t first = 0; first < hsize_t(rows); first += chunk[0]) {
            const std::vector<unsigned char> ours = rawChunk(parallel, first, 3);
            QVERIFY(!ours.empty());
            QCOMPARE(ours, rawChunk(reference, first, 3));
        }
        // And HDF5 reads them back through its filters, NaN and −0 included.
        std::vector<float> back(values.size());
        parallel.read(back.data(), H5::PredType::NATIVE_FLOAT);
        QCOMPARE(std::memcmp(back.data(), values.data(), values.size() * sizeof(float)), 0);
        std::vector<hsize_t> readShape;
        const std::vector<float> viaHelper = h5::readFloats(root, "parallel", &readShape);
        QCOMPARE(readShape, shape);
        QCOMPARE(std::memcmp(viaHelper.data(), values.data(), values.size() * sizeof(float)), 0);
    }

    void writeFloatsUsesItForCompressedChunks()
    {
        // Hdf5Io's writeFloats() takes the parallel path for compressed first-dimension chunks:
        // the result is still a standard shuffle + deflate dataset.
        const std::vector<float> values = someValues(40 * 500);
        QTemporaryDir dir;
        {
            H5::H5File file(dir.filePath(QStringLiteral("b.h5")).toStdString(), H5F_ACC_TRUNC);
            H5::Group root = file.openGroup("/");
            h5::writeFloats(root, "x", {40, 100, 5}, values.data(), h5::Layout{{8, 100, 5}, 4});
            const H5::DataSet ds = root.openDataSet("x");
            const hid_t plist = H5Dget_create_plist(ds.getId());
            QCOMPARE(H5Pget_nfilters(plist), 2);
            for (unsigned i = 0; i < 2; ++i) {
                unsigned flags = 0, config = 0, values[8] = {};
                size_t count = 8;
                char name[64] = {};
                QCOMPARE(
                    H5Pget_filter2(plist, i, &flags, &count, values, sizeof(name), name, &config),
                    i == 0 ? H5Z_FILTER_SHUFFLE : H5Z_FILTER_DEFLATE);
                if (i == 1)
                    QCOMPARE(values[0], 4u); // the deflate level
            }
            H5Pclose(plist);
            std::vector<float> back = h5::readFloats(root, "x");
            QCOMPARE(std::memcmp(back.data(), values.data(), values.size() * sizeof(float)), 0);
            // Rewriting replaces the dataset.
            h5::writeFloats(root, "x", {40, 100, 5}, values.data(), h5::Layout{{8, 100, 5}, 4});
            QCOMPARE(h5::readFloats(root, "x").size(), values.size());
        } // every HDF5 object closed: the file is unlocked

        // HDF5's own tool reads it with the standard filters (hdf5-tools, a project package).
        const QString h5dump = QStandardPaths::findExecutable(QStringLiteral("h5dump"));
        if (h5dump.isEmpty())
            QSKIP("h5dump is not installed");
        QProcess dump;
        dump.start(h5dump, {QStringLiteral("-d"), QStringLiteral("/x"), QStringLiteral("-s"),
                            QStringLiteral("39,99,0"), QStringLiteral("-c"),
                            QStringLiteral("1,1,5"), dir.filePath(QStringLiteral("b.h5"))});
        QVERIFY(dump.waitForFinished(30000));
        const QString out = QString::fromUtf8(dump.readAllStandardOutput());
        QVERIFY2(dump.exitCode() == 0, qPrintable(dump.readAllStandardError()));
        const std::size_t last = values.size() - 5; // gene 39, bin 99, marks 0 … 4
        QVERIFY2(out.contains(QString::number(double(values[last + 1]), 'g', 6)), qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("FILTERS")) || out.contains(QStringLiteral("DATA")),
                 qPrintable(out));
    }
};

QTEST_MAIN(TestParallelChunkWriter)
#include "tst_parallelchunkwriter.moc"
