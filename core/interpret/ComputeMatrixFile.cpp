#include "interpret/ComputeMatrixFile.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <zlib.h>

#include <charconv>

namespace ac
{

namespace
{

/// `value` repeated once per sample: computeMatrix (deepTools ≥ 3) writes these per sample.
QJsonArray perSample(const QJsonValue& value, int samples)
{
    QJsonArray a;
    for (int i = 0; i < samples; ++i)
        a.append(value);
    return a;
}

/// deepTools decodes every line as ASCII: non-ASCII characters of JSON text become \uXXXX
/// escapes (UTF-16, as JSON has them), which its JSON reader turns back into the characters.
QByteArray asciiJson(const QByteArray& json)
{
    QByteArray out;
    out.reserve(json.size());
    for (const QChar c : QString::fromUtf8(json)) {
        if (c.unicode() < 0x80)
            out.append(char(c.unicode()));
        else
            out.append(
                QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0')).toLatin1());
    }
    return out;
}

/// A row field in ASCII (deepTools reads ASCII): other characters become '_'.
QByteArray asciiField(const QString& text)
{
    QByteArray out = text.toLatin1();
    for (int i = 0; i < text.size(); ++i)
        if (text[i].unicode() >= 0x80 || text[i] == QLatin1Char('\t'))
            out[i] = '_';
    return out;
}

void appendNumber(QByteArray* out, float v)
{
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, 6);
    out->append(buf, int(r.ptr - buf));
}

/// One matrix row (with its line end) of gene `g`.
void appendRow(QByteArray* out, const GeneHeatmap& h, int g)
{
    const GeneRecord& gene = h.genes()[std::size_t(g)];
    const bool placed = !gene.chrom.isEmpty() && gene.tss > 0;
    out->append(placed ? asciiField(gene.chrom) : QByteArrayLiteral("NA"));
    out->append('\t');
    out->append(QByteArray::number(placed ? gene.tss - 1 : 0));
    out->append('\t');
    out->append(QByteArray::number(placed ? gene.tss : 1));
    out->append('\t');
    out->append(asciiField(gene.ensemblId.isEmpty() ? gene.remcId : gene.ensemblId));
    out->append('\t');
    appendNumber(out, h.p()[std::size_t(g)]);
    out->append('\t');
    out->append(gene.strand == '+' || gene.strand == '-' ? gene.strand : '.');
    const std::size_t bins = std::size_t(h.binCount());
    for (const HeatmapPanel& panel : h.panels()) {
        const float* row = panel.values.data() + std::size_t(g) * bins;
        for (std::size_t b = 0; b < bins; ++b) {
            out->append('\t');
            appendNumber(out, row[b]);
        }
    }
    out->append('\n');
}

/// Writes text to a QSaveFile, deflated into a gzip stream or as it is.
class MatrixSink
{
public:
    MatrixSink(QSaveFile* file, bool gzip) : m_file(file), m_gzip(gzip)
    {
        if (m_gzip)
            m_ok = deflateInit2(&m_z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8,
                                Z_DEFAULT_STRATEGY) == Z_OK;
    }
    ~MatrixSink()
    {
        if (m_gzip)
            deflateEnd(&m_z);
    }
    MatrixSink(const MatrixSink&) = delete;
    MatrixSink& operator=(const MatrixSink&) = delete;

    bool write(const QByteArray& text) { return deflateOrWrite(text, Z_NO_FLUSH); }
    bool finish() { return deflateOrWrite(QByteArray(), Z_FINISH); }

private:
    bool deflateOrWrite(const QByteArray& text, int flush)
    {
        if (!m_ok)
            return false;
        if (!m_gzip)
            return text.isEmpty() || m_file->write(text) == text.size();
        m_z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.constData()));
        m_z.avail_in = uInt(text.size());
        char out[1 << 16];
        int rc = Z_OK;
        do {
            m_z.next_out = reinterpret_cast<Bytef*>(out);
            m_z.avail_out = sizeof out;
            rc = deflate(&m_z, flush);
            const qint64 n = qint64(sizeof out - m_z.avail_out);
            if (rc == Z_STREAM_ERROR || (n > 0 && m_file->write(out, n) != n))
                return m_ok = false;
        } while (m_z.avail_out == 0 || (flush == Z_FINISH && rc != Z_STREAM_END));
        return true;
    }

    QSaveFile* m_file;
    bool m_gzip;
    bool m_ok = true;
    z_stream m_z{};
};

} // namespace

QByteArray ComputeMatrixFile::header(const GeneHeatmap& h, const HeatmapLayout& layout)
{
    const int samples = int(h.panels().size());
    const int upstream = -h.windowStart();
    const int downstream = h.windowStart() + h.binCount() * h.binSize();
    QJsonObject o;
    o.insert(QStringLiteral("upstream"), perSample(upstream, samples));
    o.insert(QStringLiteral("downstream"), perSample(downstream, samples));
    o.insert(QStringLiteral("body"), perSample(0, samples));
    o.insert(QStringLiteral("bin size"), perSample(h.binSize(), samples));
    o.insert(QStringLiteral("ref point"), perSample(QStringLiteral("TSS"), samples));
    o.insert(QStringLiteral("unscaled 5 prime"), perSample(0, samples));
    o.insert(QStringLiteral("unscaled 3 prime"), perSample(0, samples));
    o.insert(QStringLiteral("nan after end"), perSample(false, samples));
    o.insert(QStringLiteral("verbose"), false);
    o.insert(QStringLiteral("scale"), 1);
    o.insert(QStringLiteral("skip zeros"), false);
    o.insert(QStringLiteral("min threshold"), QJsonValue::Null);
    o.insert(QStringLiteral("max threshold"), QJsonValue::Null);
    o.insert(QStringLiteral("bin avg type"), QStringLiteral("mean"));
    o.insert(QStringLiteral("missing data as zero"), false);
    o.insert(QStringLiteral("proc number"), 1);
    o.insert(QStringLiteral("sort regions"), QStringLiteral("keep"));
    o.insert(QStringLiteral("sort using"), QStringLiteral("mean"));
    QJsonArray sampleLabels, sampleBounds{0}, groupLabels, groupBounds{0};
    for (const HeatmapPanel& p : h.panels()) {
        sampleLabels.append(p.name);
        sampleBounds.append(sampleBounds.last().toInt() + h.binCount());
    }
    for (const HeatmapGroup& g : layout.groups) {
        groupLabels.append(g.label);
        groupBounds.append(groupBounds.last().toInt() + int(g.genes.size()));
    }
    o.insert(QStringLiteral("sample_labels"), sampleLabels);
    o.insert(QStringLiteral("sample_boundaries"), sampleBounds);
    o.insert(QStringLiteral("group_labels"), groupLabels);
    o.insert(QStringLiteral("group_boundaries"), groupBounds);
    return asciiJson(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

bool ComputeMatrixFile::write(const QString& path, const GeneHeatmap& heatmap,
                              const HeatmapLayout& layout, QString* error)
{
    if (layout.rowCount() == 0) {
        *error = QStringLiteral("%1: the heatmap has no rows").arg(path);
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("%1: cannot write: %2").arg(path, file.errorString());
        return false;
    }
    MatrixSink sink(&file, path.endsWith(QLatin1String(".gz"), Qt::CaseInsensitive));
    QByteArray text = '@' + header(heatmap, layout) + '\n';
    bool ok = true;
    for (const HeatmapGroup& group : layout.groups)
        for (int g : group.genes) {
            appendRow(&text, heatmap, g);
            if (text.size() > (1 << 20)) {
                ok = ok && sink.write(text);
                text.clear();
            }
        }
    ok = ok && sink.write(text) && sink.finish();
    if (!ok || !file.commit()) {
        file.cancelWriting();
        *error = QStringLiteral("%1: cannot write: %2")
                     .arg(path, file.errorString().isEmpty() ? QStringLiteral("compression failed")
                                                             : file.errorString());
        return false;
    }
    return true;
}

} // namespace ac
