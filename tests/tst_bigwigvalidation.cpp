// Damaged bigWig files (issue 13, findings 1 and 4): libBigWig crashed on a file cut after its
// header or with one word of its chromosome tree overwritten, and imported other damaged files
// with lost coverage or as all-NaN. Each case damages a bigWig written by BigWigWriter; every
// import must either fail with an error naming the file or give exactly the undamaged track.
#include "GeneFixture.h"
#include "data/BigWigFile.h"
#include "data/BigWigWriter.h"
#include "data/TrackImporter.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

#include <cmath>
#include <cstring>

using namespace ac;

namespace
{

constexpr std::uint32_t kChr1Length = 2000000;
constexpr std::uint32_t kChr2Length = 300000;

using testing::locatedGene;

/// A gene every 20 kb of chr1 (their windows touch every data block) and three on chr2.
std::vector<GeneRecord> genes()
{
    std::vector<GeneRecord> out;
    for (int i = 0; i < 100; ++i)
        out.push_back(locatedGene("G", "chr1", 10001 + 20000 * i, i % 2 ? '-' : '+'));
    out.push_back(locatedGene("H1", "chr2", 100001, '+'));
    out.push_back(locatedGene("H2", "chr2", 250001, '-'));
    out.push_back(locatedGene("H3", "chr2", 290001, '+'));
    return out;
}

/// chr1 covered by 10 bp intervals (200,000 of them: about 70 data blocks, a two-level index),
/// chr2 by 100 bp intervals, chr3 listed without data.
bool writeBigWig(const QString& path, QString* error)
{
    const std::unique_ptr<BigWigWriter> writer = BigWigWriter::create(
        path, {{"chr1", kChr1Length}, {"chr2", kChr2Length}, {"chr3", 1000}}, error);
    if (!writer)
        return false;
    for (const auto& [chrom, length, step] : {std::tuple{QByteArray("chr1"), kChr1Length, 10u},
                                              std::tuple{QByteArray("chr2"), kChr2Length, 100u}}) {
        std::vector<std::uint32_t> starts;
        std::vector<std::uint32_t> ends;
        std::vector<float> values;
        for (std::uint32_t s = 0; s < length; s += step) {
            starts.push_back(s);
            ends.push_back(s + step);
            values.push_back(float(1 + (s / step) % 17));
        }
        if (!writer->add(chrom, starts, ends, values, error))
            return false;
    }
    return writer->close(error);
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeAll(const QString& path, const QByteArray& data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
}

std::uint64_t u64(const QByteArray& data, int offset)
{
    return qFromLittleEndian<std::uint64_t>(data.constData() + offset);
}

void putU32(QByteArray* data, qint64 offset, std::uint32_t value)
{
    qToLittleEndian(value, data->data() + offset);
}

/// Same values, NaN where NaN.
bool sameTrack(const TrackData& a, const TrackData& b)
{
    if (a.values.size() != b.values.size())
        return false;
    for (std::size_t i = 0; i < a.values.size(); ++i)
        if (a.values[i] != b.values[i] && !(std::isnan(a.values[i]) && std::isnan(b.values[i])))
            return false;
    return true;
}

} // namespace

class TestBigWigValidation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void soundFileOpens();
    void truncatedToHeader();
    void truncatedAnywhere();
    void chromosomeTreeWords();
    void headerAndZoomWords();
    void indexWords();
    void uncompressBufSizeZero();
    void damagedDataBlockNamesRegion();
    void bigBedRefused();
    void notBigWig();

private:
    /// Imports `data` written as "damaged.bw"; the result.
    TrackImportResult importDamaged(const QByteArray& data);
    /// Overwrites each 32-bit word of [from, to) with `value` in turn: each import must fail
    /// naming the file or give the sound track. Returns how many failed.
    int damageWords(qint64 from, qint64 to, std::uint32_t value);

    QTemporaryDir m_dir;
    QString m_sound;
    QByteArray m_bytes;
    TrackData m_track; // the sound file's track
};

void TestBigWigValidation::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_sound = m_dir.filePath(QStringLiteral("sound.bw"));
    QString error;
    QVERIFY2(writeBigWig(m_sound, &error), qPrintable(error));
    m_bytes = readAll(m_sound);
    const TrackImportResult r = TrackImporter(genes()).importBigWig(m_sound);
    QVERIFY2(r.ok, qPrintable(r.error));
    m_track = r.track;
    QCOMPARE(r.missingGenes, 0);
    // The reference itself, computed here: gene 0 (plus strand, TSS 10001) bin b covers the ten
    // 10 bp intervals from 5000 + 100 b, of values 1 + (start / 10) % 17.
    for (const int b : {0, 50, 99}) {
        double sum = 0;
        for (int k = 0; k < 10; ++k)
            sum += 1 + ((5000 + 100 * b) / 10 + k) % 17;
        QCOMPARE(m_track.values[std::size_t(b)], float(sum / 10));
    }
}

TrackImportResult TestBigWigValidation::importDamaged(const QByteArray& data)
{
    const QString path = m_dir.filePath(QStringLiteral("damaged.bw"));
    if (!writeAll(path, data))
        qFatal("cannot write %s", qPrintable(path));
    return TrackImporter(genes()).importBigWig(path);
}

int TestBigWigValidation::damageWords(qint64 from, qint64 to, std::uint32_t value)
{
    int failed = 0;
    for (qint64 at = from; at + 4 <= to; at += 4) {
        QByteArray data = m_bytes;
        if (qFromLittleEndian<std::uint32_t>(data.constData() + at) == value)
            continue;
        putU32(&data, at, value);
        const TrackImportResult r = importDamaged(data);
        if (r.ok && !sameTrack(r.track, m_track)) {
            qWarning("word at byte %lld = %08x: accepted with another track", at, value);
            return -1;
        }
        if (!r.ok && !r.error.startsWith(QStringLiteral("damaged.bw: "))) {
            qWarning("word at byte %lld = %08x: %s", at, value, qPrintable(r.error));
            return -1;
        }
        failed += r.ok ? 0 : 1;
    }
    return failed;
}

void TestBigWigValidation::soundFileOpens()
{
    BigWigFile s;
    QString error;
    QVERIFY2(s.open(m_sound, &error), qPrintable(error));
    QCOMPARE(s.chromosomes().size(), std::size_t(3));
    QCOMPARE(s.chromosomes()[1].name, QByteArray("chr2"));
    QCOMPARE(s.chromosomes()[1].length, kChr2Length);
    QVERIFY(s.hasData(0));
    QVERIFY(s.hasData(1));
    QVERIFY(!s.hasData(2)); // listed without data: the genes there are missing, not zero
    std::int64_t covered = 0;
    QVERIFY2(s.readBlocks(
                 0, {{0, kChr1Length}},
                 [&](std::int64_t start, std::int64_t end, float) { covered += end - start; },
                 &error),
             qPrintable(error));
    QCOMPARE(covered, std::int64_t(kChr1Length)); // every interval of chr1, once
}

// Finding 1: a file cut to its 64-byte header crashed bwOpen.
void TestBigWigValidation::truncatedToHeader()
{
    const TrackImportResult r = importDamaged(m_bytes.left(64));
    QVERIFY(!r.ok);
    QVERIFY2(r.error.startsWith(QStringLiteral("damaged.bw: damaged or truncated bigWig file: ")),
             qPrintable(r.error));
    QVERIFY2(r.error.contains(QStringLiteral("beyond the end of the file (64 bytes)")),
             qPrintable(r.error));
}

// Findings 1 and 4: cut anywhere, the file is refused (nothing of it may be imported partially).
void TestBigWigValidation::truncatedAnywhere()
{
    for (const qsizetype size :
         {qsizetype(0), qsizetype(3), qsizetype(63), qsizetype(65), qsizetype(200),
          m_bytes.size() / 4, m_bytes.size() / 2, m_bytes.size() - 1000, m_bytes.size() - 1}) {
        const TrackImportResult r = importDamaged(m_bytes.left(size));
        QVERIFY2(!r.ok, qPrintable(QString::number(size)));
        QVERIFY2(r.error.startsWith(QStringLiteral("damaged.bw: ")), qPrintable(r.error));
    }
}

// Finding 1: one 32-bit word of the chromosome B+ tree overwritten crashed bwOpen.
void TestBigWigValidation::chromosomeTreeWords()
{
    const qint64 tree = qint64(u64(m_bytes, 8));
    const qint64 data = qint64(u64(m_bytes, 16));
    QVERIFY(tree > 64 && data > tree);
    for (const std::uint32_t value : {0xFFFFFFFFu, 0x00000000u, 0x00000002u, 0x7FFF0001u})
        QVERIFY(damageWords(tree, data, value) > 0);
}

void TestBigWigValidation::headerAndZoomWords()
{
    const qint64 tree = qint64(u64(m_bytes, 8));
    for (const std::uint32_t value : {0xFFFFFFFFu, 0x00000000u, 0x00010000u})
        QVERIFY(damageWords(0, tree, value) > 0);
}

// Finding 4: a damaged index made libBigWig skip data without a word.
void TestBigWigValidation::indexWords()
{
    const qint64 index = qint64(u64(m_bytes, 24));
    QVERIFY(index > 0 && index < m_bytes.size());
    // The index header, the root node (two children) and the first leaf's first items.
    const qint64 end = std::min<qint64>(m_bytes.size(), index + 48 + 4 + 2 * 24 + 4 + 32 * 8);
    for (const std::uint32_t value : {0xFFFFFFFFu, 0x00000000u, 0x00000100u})
        QVERIFY(damageWords(index, end, value) > 0);
}

// Finding 4: uncompressBufSize 0 over compressed data became an all-NaN track.
void TestBigWigValidation::uncompressBufSizeZero()
{
    QByteArray data = m_bytes;
    putU32(&data, 52, 0);
    const TrackImportResult r = importDamaged(data);
    QVERIFY(!r.ok);
    QVERIFY2(r.error.startsWith(QStringLiteral("damaged.bw: damaged or truncated bigWig file: ")),
             qPrintable(r.error));
    QVERIFY2(r.error.contains(QStringLiteral("is compressed but the header says it is not")),
             qPrintable(r.error));
}

// Finding 4: a corrupt data block lost coverage silently; now the chromosome and region are named.
void TestBigWigValidation::damagedDataBlockNamesRegion()
{
    const qint64 data = qint64(u64(m_bytes, 16));
    const qint64 index = qint64(u64(m_bytes, 24));
    for (const qint64 at : {data + 8 + 40, (data + index) / 2, index - 40}) {
        QByteArray damaged = m_bytes;
        for (qint64 i = at; i < at + 8; ++i)
            damaged[i] = char(damaged[i] ^ 0x5a);
        const TrackImportResult r = importDamaged(damaged);
        QVERIFY2(!r.ok, qPrintable(QString::number(at)));
        QVERIFY2(r.error.startsWith(QStringLiteral("damaged.bw: damaged or truncated bigWig "
                                                   "file: the data for chr")),
                 qPrintable(r.error));
        QVERIFY2(r.error.contains(QStringLiteral("does not decompress")), qPrintable(r.error));
    }
}

// Finding 4: a bigBed was read as a bigWig.
void TestBigWigValidation::bigBedRefused()
{
    QByteArray data = m_bytes;
    putU32(&data, 0, 0x8789F2EB);
    const TrackImportResult r = importDamaged(data);
    QVERIFY(!r.ok);
    QCOMPARE(r.error, QStringLiteral("damaged.bw: a bigBed file, not a bigWig file"));
}

void TestBigWigValidation::notBigWig()
{
    TrackImportResult r = importDamaged("chr1\t0\t100\t1\n");
    QCOMPARE(r.error, QStringLiteral("damaged.bw: not a bigWig file (it does not start with the "
                                     "bigWig signature)"));
    QByteArray swapped = m_bytes;
    putU32(&swapped, 0, qbswap(std::uint32_t(0x888FFC26)));
    r = importDamaged(swapped);
    QCOMPARE(r.error, QStringLiteral("damaged.bw: a big-endian bigWig file, which this program "
                                     "cannot read"));
}

QTEST_MAIN(TestBigWigValidation)
#include "tst_bigwigvalidation.moc"
