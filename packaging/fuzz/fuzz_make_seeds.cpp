// Writes the seed corpora of the fuzz targets with the project's own writers: REMC CSV rows as the
// tests make them, track files and gene lists for the genes of FuzzSupport.h, a session file, a
// bigWig (BigWigWriter), a simulated study with a run (writeSimulatedStudy, StudyEditor) and a
// weights file. Usage: fuzz_make_seeds <folder>; makes <folder>/<target>/ for every target.
#include "FuzzSupport.h"
#include "RemcCsvFixture.h"
#include "data/BigWigWriter.h"
#include "jobs/SimulatedStudy.h"
#include "store/StudyEditor.h"
#include "store/WeightsFile.h"

#include <QDir>
#include <QFile>

#include <cstdio>
#include <cstdlib>
#include <zlib.h>

namespace
{

QDir g_root;

[[noreturn]] void fail(const QString& what)
{
    std::fprintf(stderr, "fuzz_make_seeds: %s\n", qPrintable(what));
    std::exit(1);
}

QString seedPath(const char* target, const char* name)
{
    if (!g_root.mkpath(QString::fromLatin1(target)))
        fail(QStringLiteral("cannot create %1").arg(g_root.filePath(QString::fromLatin1(target))));
    return g_root.filePath(QStringLiteral("%1/%2").arg(QLatin1String(target), QLatin1String(name)));
}

void writeSeed(const char* target, const char* name, const QByteArray& bytes)
{
    QFile f(seedPath(target, name));
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        fail(f.fileName() + QStringLiteral(": cannot write"));
}

/// `members` gzip streams, one after the other, as zlib writes them.
QByteArray gzipped(const QList<QByteArray>& members)
{
    const QString path = g_root.filePath(QStringLiteral("scratch.gz"));
    QFile::remove(path);
    for (const QByteArray& m : members) {
        gzFile gz = gzopen(QFile::encodeName(path).constData(), "ab");
        if (!gz || gzwrite(gz, m.constData(), unsigned(m.size())) != int(m.size()) ||
            gzclose(gz) != Z_OK)
            fail(path + QStringLiteral(": cannot write"));
    }
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        fail(path + QStringLiteral(": cannot read"));
    const QByteArray out = f.readAll();
    f.remove();
    return out;
}

void remcSeeds()
{
    using ac::testing::remcGeneRows;
    const QByteArray nul(1, '\0');
    writeSeed("remc_csv", "three-splits",
              remcGeneRows(1, 0) + remcGeneRows(2, 1) + nul + remcGeneRows(3, 1) + nul +
                  remcGeneRows(4, 0));
    QByteArray windows = remcGeneRows(5, 1);
    windows.replace("\n", "\r\n");
    writeSeed("remc_csv", "bom-header-crlf",
              "\xEF\xBB\xBFGeneID,BinID,H3K27me3,H3K36me3,H3K4me1,H3K4me3,H3K9me3,label\r\n" +
                  windows);
    writeSeed("remc_csv", "decimals", remcGeneRows(6, 0).replace(",1,", ",1.5e2,"));
}

QByteArray binnedCsv()
{
    QByteArray out = "# H3K27ac, binned like X\nGeneID,BinID,value\n";
    for (int g = 1; g <= 4; ++g)
        for (int b = 1; b <= 100; b += 9)
            out += QByteArray("00000") + QByteArray::number(g) + ',' + QByteArray::number(b) + ',' +
                   QByteArray::number(b * 0.25 + g) + '\n';
    return out + "999999,1,2.5\n\n";
}

QByteArray bedGraph()
{
    QByteArray out = "browser hide all\ntrack type=bedGraph name=H3K27ac\n# sorted\n";
    const QList<QPair<QByteArray, int>> chroms = {{"chr1", 40000}, {"chr2", 9000}, {"chrX", 20000}};
    for (const auto& [chrom, length] : chroms)
        for (int s = 0; s < length; s += 700)
            out += chrom + (s % 1400 ? '\t' : ' ') + QByteArray::number(s) + ' ' +
                   QByteArray::number(s + 500) + ' ' + QByteArray::number(s % 13 * 0.5) + '\n';
    return out;
}

void textSeeds()
{
    const QByteArray csv = binnedCsv();
    const QByteArray bed = bedGraph();
    writeSeed("binned_csv", "plain.csv", csv);
    writeSeed("binned_csv", "gzip.csv.gz", gzipped({csv}));
    writeSeed("bedgraph", "plain.bedGraph", bed);
    writeSeed("bedgraph", "gzip.bedGraph.gz", gzipped({bed}));
    writeSeed("gzip_lines", "plain.txt", csv);
    writeSeed("gzip_lines", "crlf.txt", QByteArray(bed).replace("\n", "\r\n"));
    writeSeed("gzip_lines", "one.gz", gzipped({bed}));
    writeSeed("gzip_lines", "two-members.gz", gzipped({csv.left(200), csv.mid(200)}));
    const QByteArray names = "# genes\n000001\nENSG00000000003.5  # versioned\n\n000005\r\n";
    writeSeed("gene_list", "names.txt", names);
    writeSeed("gene_list", "names.txt.gz", gzipped({names}));
    writeSeed("gene_list", "tss.bed", "track name=tss\nchr1\t5000\t7000\tA\n2\t0\t2500\n");
    writeSeed("session", "session.acsession",
              "{\"format\": \"attentivechrome-session\", \"version\": 1, \"study\": "
              "\"study.h5\", \"cell\": \"E123\", \"run\": \"E123-run\", \"gene\": "
              "\"000003\", \"geneList\": \"lists/genes.txt\", \"tab\": 2, \"gradient\": "
              "\"Viridis\", \"alphaScale\": \"uniform:5\", \"attribution\": "
              "\"integrated-gradients\", \"igBaseline\": \"mean\", \"zoom\": [-2000, 1500]}\n");
}

void bigWigSeed()
{
    QString error;
    const std::vector<ac::BigWigWriter::Chromosome> chroms = {
        {"chr1", 50000}, {"chr2", 12000}, {"chrX", 30000}};
    const QString path = seedPath("bigwig", "three-chromosomes.bw");
    auto writer = ac::BigWigWriter::create(path, chroms, &error);
    if (!writer)
        fail(error);
    for (const auto& c : chroms) {
        std::vector<std::uint32_t> starts, ends;
        std::vector<float> values;
        for (std::uint32_t s = 0; s + 500 <= c.length; s += 900) {
            starts.push_back(s);
            ends.push_back(s + 500);
            values.push_back(float(s % 17) * 0.5f);
        }
        if (!writer->add(c.name, starts, ends, values, &error))
            fail(error);
    }
    if (!writer->close(&error))
        fail(error);
}

ac::Weights weights()
{
    return {{"rnn.weight_ih_l0", {2, 3}, {1, 2, 3, 4, 5, 6}}, {"fc.bias", {2}, {0.5f, -0.5f}}};
}

/// A run of SimCell1 with weights and results, as training would store it.
bool addRun(ac::StudyEditor& editor, int genes, QString* error)
{
    ac::RunRecord run;
    run.id = QStringLiteral("SimCell1-fuzz");
    run.cell = QStringLiteral("SimCell1");
    run.created = QDateTime(QDate(2026, 12, 1), QTime(9, 0), Qt::UTC);
    run.status = QStringLiteral("complete");
    run.bestEpoch = 1;
    run.epochs.resize(1);
    ac::RunResults results;
    results.geneCount = genes;
    results.p.assign(std::size_t(genes), 0.25f);
    results.alpha.assign(std::size_t(genes) * 5 * 100, 0.01f);
    results.beta.assign(std::size_t(genes) * 5, 0.2f);
    return editor.writeRun(run, weights(), weights(), error) &&
           editor.writeResults(run.id, results, error);
}

void hdf5Seeds()
{
    QString error;
    if (!ac::writeWeightsFile(seedPath("weights", "two-parameters.h5"), weights(), &error))
        fail(error);
    // The study is written in a scratch folder: its lock file is no seed.
    const QString scratch = g_root.filePath(QStringLiteral("scratch"));
    QDir(scratch).removeRecursively();
    QDir().mkpath(scratch);
    const QString path = scratch + QStringLiteral("/study.h5");
    ac::SimulationConfig config;
    config.cells = 1;
    config.genesPerCell = 3;
    if (!ac::writeSimulatedStudy(path, config, {}, &error))
        fail(error);
    auto editor = ac::StudyEditor::begin(path, &error);
    if (!editor || !addRun(*editor, config.genesPerCell, &error) || !editor->commit(&error))
        fail(error);
    const QString seed = seedPath("study", "simulated.h5");
    QFile::remove(seed);
    if (!QFile::rename(path, seed))
        fail(seed + QStringLiteral(": cannot write"));
    QDir(scratch).removeRecursively();
}

} // namespace

int main(int argc, char** argv)
{
    if (argc != 2)
        fail(QStringLiteral("usage: fuzz_make_seeds <folder>"));
    g_root = QDir(QString::fromLocal8Bit(argv[1]));
    if (!g_root.mkpath(QStringLiteral(".")))
        fail(g_root.path() + QStringLiteral(": cannot create"));
    remcSeeds();
    textSeeds();
    bigWigSeed();
    hdf5Seeds();
    return 0;
}
