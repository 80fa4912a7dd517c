#include "data/BigWigWriter.h"

#include <QFile>
#include <QFileInfo>
#include <algorithm>
#include <bigWig.h>
#include <mutex>

namespace ac
{

void initBigWigLibrary()
{
    static std::once_flag once;
    // 128 KiB buffers: only remote (URL) reads use them; local files are read directly.
    std::call_once(once, [] { bwInit(1 << 17); });
}

struct BigWigWriter::Handle {
    bigWigFile_t* file = nullptr;
    ~Handle()
    {
        if (file)
            bwClose(file);
    }
};

BigWigWriter::BigWigWriter(const QString& path, std::unique_ptr<Handle> handle)
    : m_path(path), m_handle(std::move(handle))
{
}

BigWigWriter::~BigWigWriter() = default;

std::unique_ptr<BigWigWriter> BigWigWriter::create(const QString& path,
                                                   const std::vector<Chromosome>& chromosomes,
                                                   QString* error)
{
    initBigWigLibrary();
    const QString name = QFileInfo(path).fileName();
    if (chromosomes.empty()) {
        *error = QStringLiteral("%1: a bigWig file needs at least one chromosome").arg(name);
        return nullptr;
    }
    {
        // libBigWig crashes when it cannot create the file (1.13 era, in its cleanup), so make
        // sure it can.
        QFile probe(path);
        if (!probe.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            *error = QStringLiteral("%1: cannot create: %2").arg(path, probe.errorString());
            return nullptr;
        }
    }
    bigWigFile_t* fp = bwOpen(QFile::encodeName(path).constData(), nullptr, "w");
    if (!fp) {
        *error = QStringLiteral("%1: cannot create the bigWig file").arg(path);
        return nullptr;
    }
    auto handle = std::make_unique<Handle>();
    handle->file = fp;
    std::unique_ptr<BigWigWriter> writer(new BigWigWriter(path, std::move(handle)));
    writer->m_chromosomes = chromosomes;
    std::vector<const char*> names;
    std::vector<std::uint32_t> lengths;
    for (const Chromosome& c : chromosomes) {
        names.push_back(c.name.constData());
        lengths.push_back(c.length);
    }
    // 10 zoom levels, libBigWig's usual choice (what bedGraphToBigWig writes too).
    if (bwCreateHdr(fp, 10) != 0) {
        *error = QStringLiteral("%1: cannot write the bigWig header").arg(name);
        return nullptr;
    }
    fp->cl = bwCreateChromList(names.data(), lengths.data(),
                               static_cast<std::int64_t>(chromosomes.size()));
    if (!fp->cl || bwWriteHdr(fp) != 0) {
        *error = QStringLiteral("%1: cannot write the chromosome list").arg(name);
        return nullptr;
    }
    return writer;
}

bool BigWigWriter::add(const QByteArray& chrom, const std::vector<std::uint32_t>& starts,
                       const std::vector<std::uint32_t>& ends, const std::vector<float>& values,
                       QString* error)
{
    const QString name = QFileInfo(m_path).fileName();
    if (starts.size() != ends.size() || starts.size() != values.size()) {
        *error = QStringLiteral("%1: %2: starts, ends and values differ in length")
                     .arg(name, QString::fromUtf8(chrom));
        return false;
    }
    if (starts.empty())
        return true;
    if (!m_handle) {
        *error = QStringLiteral("%1: the file is already closed").arg(name);
        return false;
    }
    const auto known = std::find_if(m_chromosomes.begin(), m_chromosomes.end(),
                                    [&](const Chromosome& c) { return c.name == chrom; });
    const int index = int(known - m_chromosomes.begin());
    if (known == m_chromosomes.end() || index < m_current) {
        *error = QStringLiteral("%1: %2: %3")
                     .arg(name, QString::fromUtf8(chrom),
                          known == m_chromosomes.end()
                              ? QStringLiteral("not in the file's chromosome list")
                              : QStringLiteral("comes after a later chromosome of the list"));
        return false;
    }
    const bool sameChromosome = index == m_current;
    std::uint32_t previousEnd = sameChromosome ? m_lastEnd : 0;
    for (std::size_t i = 0; i < starts.size(); ++i) {
        QString problem;
        if (ends[i] <= starts[i])
            problem = QStringLiteral("end is not after start");
        else if (starts[i] < previousEnd)
            problem = QStringLiteral("unsorted or overlapping: starts before the previous "
                                     "interval's end %1")
                          .arg(previousEnd);
        else if (ends[i] > known->length)
            problem = QStringLiteral("ends past the chromosome's length %1").arg(known->length);
        if (!problem.isEmpty()) {
            *error = QStringLiteral("%1: %2:%3-%4: %5")
                         .arg(name, QString::fromUtf8(chrom))
                         .arg(starts[i])
                         .arg(ends[i])
                         .arg(problem);
            return false;
        }
        previousEnd = ends[i];
    }
    const auto n = static_cast<std::uint32_t>(starts.size());
    int rc = 0;
    if (sameChromosome) {
        rc = bwAppendIntervals(m_handle->file, starts.data(), ends.data(), values.data(), n);
    } else {
        const std::vector<const char*> chroms(starts.size(), chrom.constData());
        rc = bwAddIntervals(m_handle->file, chroms.data(), starts.data(), ends.data(),
                            values.data(), n);
    }
    if (rc != 0) {
        *error = QStringLiteral("%1: %2: libBigWig could not write the intervals")
                     .arg(name, QString::fromUtf8(chrom));
        return false;
    }
    m_current = index;
    m_lastEnd = previousEnd;
    return true;
}

bool BigWigWriter::close(QString* error)
{
    if (!m_handle)
        return true;
    m_handle.reset(); // bwClose writes the index and zoom levels; libBigWig reports no status
    if (!QFileInfo(m_path).isFile() || QFileInfo(m_path).size() == 0) {
        *error = QStringLiteral("%1: the bigWig file was not written").arg(m_path);
        return false;
    }
    return true;
}

} // namespace ac
