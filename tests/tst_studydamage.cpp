// Damaged studies (issue 13, findings 2, 3, 11 and 12; item 5): every damage the test writes
// itself gives an error naming the file and the object, never a crash; a full disk ends with
// the error and leaves the study unchanged. Crash-prone reads run in a child process (the CLI,
// or a fork), so a crash fails the test instead of killing it.
#include "CliRunner.h"
#include "FileDigest.h"
#include "jobs/SimulatedStudy.h"
#include "store/StudyEditor.h"
#include "store/StudyFile.h"
#include "store/StudyPacker.h"

#include <H5Cpp.h>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QtTest>
#include <sys/wait.h>
#include <unistd.h>

using namespace ac;

namespace
{

constexpr char kCell[] = "SimCell1";
constexpr char kRun[] = "R1";
constexpr int kGenes = 40;

/// A one-file study of one simulated cell type with a run (and its results) written by this
/// program. (An unpacked study's parts are HDF5 files read by the same code.)
bool writeStudy(const QString& path, QString* error)
{
    SimulationConfig config;
    config.cells = 1;
    config.genesPerCell = kGenes;
    if (!writeSimulatedStudy(path, config, {}, error, StudyEditor::Form::Packed))
        return false;
    return StudyEditor::apply(
        path,
        [](StudyEditor& e, QString* err) {
            RunRecord run;
            run.id = QLatin1String(kRun);
            run.cell = QLatin1String(kCell);
            run.status = QStringLiteral("complete");
            run.created = QDateTime(QDate(2026, 12, 1), QTime(9, 0), Qt::UTC);
            RunResults results;
            results.geneCount = kGenes;
            results.p.assign(kGenes, 0.5f);
            return e.writeRun(run, {{"w", {1}, {1.0f}}}, {}, err) &&
                   e.writeResults(run.id, results, err);
        },
        error);
}

/// Changes the study with the HDF5 API directly (as another program, or damage, would).
void editRaw(const QString& path, const std::function<void(H5::H5File&)>& change)
{
    H5::H5File file(path.toStdString(), H5F_ACC_RDWR);
    change(file);
}

std::string cellGroup()
{
    return std::string("cells/") + kCell;
}

std::string cellMember(const char* member)
{
    return cellGroup() + "/" + member;
}

/// Rewrites a cell's gene symbols and the study's format attribute as variable-length strings,
/// as format version 1 keeps them (in HDF5's global heap).
void makeSymbolsVariableLength(H5::H5File& file)
{
    H5::Group cell = file.openGroup(cellGroup());
    std::vector<std::string> symbols;
    for (int g = 0; g < kGenes; ++g)
        symbols.push_back("GENE" + std::to_string(g));
    cell.unlink("gene_symbol");
    H5::StrType type(H5::PredType::C_S1, H5T_VARIABLE);
    type.setCset(H5T_CSET_UTF8);
    const hsize_t n = symbols.size();
    H5::DataSet ds = cell.createDataSet("gene_symbol", type, H5::DataSpace(1, &n));
    std::vector<const char*> ptrs;
    for (const std::string& s : symbols)
        ptrs.push_back(s.c_str());
    ds.write(ptrs.data(), type);
    file.removeAttr("format");
    file.createAttribute("format", type, H5::DataSpace(H5S_SCALAR))
        .write(type, std::string("attentivechrome-study"));
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void writeAll(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(f.write(bytes), bytes.size());
}

/// Runs `f` in a forked child; its exit code, or -1 when it died of a signal.
int inChild(const std::function<int()>& f)
{
    const pid_t child = ::fork();
    if (child == 0) {
        ::alarm(20);
        ::_exit(f());
    }
    int status = 0;
    if (child < 0 || ::waitpid(child, &status, 0) != child || !WIFEXITED(status))
        return -1;
    return WEXITSTATUS(status);
}

/// What reading the whole study gives: empty when it reads, else the first error.
QString readEverything(const QString& path)
{
    QString error;
    const std::unique_ptr<StudyFile> study = StudyFile::open(path, &error);
    if (!study)
        return error;
    for (const QString& cell : study->cellNames()) {
        CellData c;
        if (!study->readCell(cell, &c, &error))
            return error;
    }
    for (const QString& id : study->runIds()) {
        RunRecord r;
        RunResults results;
        if (!study->readRun(id, &r, &error) ||
            (study->hasResults(id) && !study->readResults(id, &results, &error)))
            return error;
    }
    return QString();
}

} // namespace

class TestStudyDamage : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString freshStudy(const QString& name)
    {
        const QString path = m_dir.filePath(name);
        QFile::remove(path);
        QString error;
        if (!writeStudy(path, &error))
            qWarning("%s", qPrintable(error));
        return path;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    // Issue 13, finding 2 (a): new studies keep no string in the global heap, and use the
    // HDF5 1.10 file format (superblock version 3: checksummed metadata).
    void newStudiesHaveNoGlobalHeap()
    {
        const QString path = freshStudy(QStringLiteral("new.h5"));
        const QByteArray bytes = readAll(path);
        QVERIFY(!bytes.isEmpty());
        QVERIFY(!bytes.contains("GCOL"));
        QCOMPARE(bytes.mid(0, 8), QByteArray("\x89HDF\r\n\x1a\n"));
        QCOMPARE(int(bytes.at(8)), 3);
        QCOMPARE(readEverything(path), QString());
        QString error;
        const auto study = StudyFile::open(path, &error);
        QVERIFY2(study, qPrintable(error));
        CellData cell;
        QVERIFY2(study->readCellIndex(QLatin1String(kCell), &cell, &error), qPrintable(error));
        QCOMPARE(cell.geneCount(), kGenes);
        QVERIFY(cell.genes[7].symbol.startsWith(QLatin1String("SIM"))); // fixed-length strings
    }

    // Issue 13, finding 2 (b): variable-length strings of older studies still read, and a
    // changed byte anywhere in the global heap's collection header or its first objects is an
    // error naming the file and the data set, never a crash.
    void damagedGlobalHeapIsAnError()
    {
        const QString path = freshStudy(QStringLiteral("heap.h5"));
        editRaw(path, makeSymbolsVariableLength);
        QCOMPARE(readEverything(path), QString());
        const QByteArray original = readAll(path);
        const int heap = original.indexOf("GCOL");
        QVERIFY(heap > 0);
        const QString damaged = m_dir.filePath(QStringLiteral("heap-damaged.h5"));
        int errors = 0;
        for (int offset = heap; offset < heap + 16 + 4 * 32; ++offset) {
            QByteArray bytes = original;
            bytes[offset] = char(bytes[offset] ^ 0x5a);
            writeAll(damaged, bytes);
            const int code = inChild([&] { return readEverything(damaged).isEmpty() ? 0 : 1; });
            QVERIFY2(code >= 0, qPrintable(QStringLiteral("crash at heap byte %1").arg(offset)));
            errors += code;
        }
        // Every changed header or object-size byte is caught (65 of the 144 changes here); the
        // strings' own bytes can change unseen (the global heap has no checksum).
        QVERIFY2(errors > 50, qPrintable(QString::number(errors)));
        // The size of the first object made HDF5 1.10 copy past the heap (the reported crash).
        QByteArray bytes;
        // The same damage to the heap object of a string attribute.
        bytes = original;
        const int format = original.indexOf("attentivechrome-study", heap);
        QVERIFY(format > heap);
        bytes[format - 1] = char(0x7f); // last byte of the object's size
        writeAll(damaged, bytes);
        const testing::CliRun info =
            testing::runCli({QStringLiteral("info"), QStringLiteral("--study"), damaged}, 60000);
        QVERIFY2(info.exitCode > 0 && info.err.contains(QStringLiteral("could not read /format")),
                 qPrintable(info.err));
        bytes = original;
        bytes[heap + 16 + 15] = char(0x7f);
        writeAll(damaged, bytes);
        for (const char* command : {"info", "predict"}) {
            QStringList args{QLatin1String(command), QStringLiteral("--study"), damaged};
            if (QLatin1String(command) == QLatin1String("predict"))
                args << QStringLiteral("--run") << QLatin1String(kRun);
            const testing::CliRun r = testing::runCli(args, 60000);
            QVERIFY2(r.exitCode > 0, qPrintable(QLatin1String(command) + r.err));
            QVERIFY2(r.err.contains(damaged) && r.err.contains(QStringLiteral("damaged")) &&
                         r.err.contains(QStringLiteral("global heap")),
                     qPrintable(r.err));
        }
    }

    // Format version 1 (variable-length strings, written before issue 13) still reads, an edit
    // turns it into version 2 without rewriting what it does not touch, and unpack converts it
    // (issue 12).
    void versionOneStudiesStillRead()
    {
        const QString path = freshStudy(QStringLiteral("v1.h5"));
        editRaw(path, [](H5::H5File& file) {
            makeSymbolsVariableLength(file);
            const std::int64_t one = 1;
            file.openAttribute("format_version").write(H5::PredType::NATIVE_INT64, &one);
        });
        QString error;
        QCOMPARE(StudyFile::open(path, &error)->formatVersion(), 1);
        QCOMPARE(readEverything(path), QString());
        QVERIFY2(
            StudyEditor::apply(
                path, [](StudyEditor& e, QString* err) { return e.removeRun(kRun, err); }, &error),
            qPrintable(error));
        const auto study = StudyFile::open(path, &error);
        QVERIFY2(study, qPrintable(error));
        QCOMPARE(study->formatVersion(), 2);
        CellData cell;
        QVERIFY2(study->readCellIndex(QLatin1String(kCell), &cell, &error), qPrintable(error));
        QCOMPARE(cell.genes[3].symbol, QStringLiteral("GENE3"));

        const QString old = freshStudy(QStringLiteral("v1-unpacked.h5"));
        editRaw(old, [](H5::H5File& file) {
            makeSymbolsVariableLength(file);
            const std::int64_t one = 1;
            file.openAttribute("format_version").write(H5::PredType::NATIVE_INT64, &one);
        });
        QVERIFY2(StudyPacker::unpack(old, &error), qPrintable(error));
        const auto unpacked = StudyFile::open(old, &error);
        QVERIFY2(unpacked, qPrintable(error));
        QCOMPARE(unpacked->formatVersion(), StudyFile::kFormatVersion);
        QCOMPARE(unpacked->runIds(), QStringList{QLatin1String(kRun)});
        QVERIFY2(unpacked->readCellIndex(QLatin1String(kCell), &cell, &error), qPrintable(error));
        QCOMPARE(cell.genes[3].symbol, QStringLiteral("GENE3"));
        QCOMPARE(readEverything(old), QString());
    }

    // Issue 13, finding 12 and item 5: a truncated study says so in words.
    void truncatedStudyIsDescribedInWords()
    {
        const QString path = freshStudy(QStringLiteral("cut.h5"));
        QVERIFY(QFile::resize(path, QFileInfo(path).size() / 2));
        const QString error = readEverything(path);
        QVERIFY2(error.startsWith(path + QStringLiteral(": the study file is damaged or "
                                                        "truncated (could not read ")),
                 qPrintable(error));
        QVERIFY2(error.endsWith(QStringLiteral("); nothing was changed")), qPrintable(error));
        QVERIFY(!error.contains(QStringLiteral("H5Fopen")));
        const testing::CliRun r =
            testing::runCli({QStringLiteral("info"), QStringLiteral("--study"), path}, 60000);
        QVERIFY2(r.exitCode > 0 && r.err.contains(QStringLiteral("damaged or truncated")),
                 qPrintable(r.err));
    }

    // Issue 13, finding 11: one validation when a cell or run is read; each message names the
    // object. The CLI says the same (and does not crash).
    void semanticDamageIsNamed_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::addColumn<QString>("expected");
        const QString cell = QStringLiteral("/cells/%1/").arg(QLatin1String(kCell));
        const QString run = QStringLiteral("/runs/%1/").arg(QLatin1String(kRun));
        QTest::newRow("label 7") << "label7"
                                 << cell + "labels: value 7 at row 12; labels must be 0 or 1";
        QTest::newRow("label 255") << "label255" << cell + "labels: value 255 at row 12";
        QTest::newRow("model JSON") << "json" << run + "model: not valid JSON";
        QTest::newRow("empty cell") << "empty"
                                    << "/cells/Empty: the cell type is empty";
        QTest::newRow("results/p")
            << "p" << run + "results/p: 5 values where cell type SimCell1 has 40 genes";
        QTest::newRow("bin size") << "binsize" << cell + "bin_size: -100 is outside 1 to";
        QTest::newRow("TSS") << "tss" << cell + "gene_tss: value 900000000000 at row 3";
        // Found by fuzz_study: an epoch far outside int's range was cast to int (undefined).
        QTest::newRow("metrics epoch") << "epoch" << run + "metrics: epoch 1e+200 at row 0";
        QTest::newRow("X shape") << "xshape"
                                 << cell +
                                        "X: shape 40 × 5 × 100 where 40 genes × 100 bins × 5 marks";
    }

    void semanticDamageIsNamed()
    {
        QFETCH(QString, damage);
        QFETCH(QString, expected);
        const QString path = freshStudy(QStringLiteral("semantic-%1.h5").arg(damage));
        const std::string d = damage.toStdString();
        editRaw(path, [&](H5::H5File& file) {
            if (d == "label7" || d == "label255") {
                H5::DataSet ds = file.openDataSet(cellMember("labels"));
                std::vector<std::uint8_t> labels(kGenes);
                ds.read(labels.data(), H5::PredType::NATIVE_UINT8);
                labels[12] = d == "label7" ? 7 : 255;
                ds.write(labels.data(), H5::PredType::NATIVE_UINT8);
            } else if (d == "json") {
                H5::Group g = file.openGroup(std::string("runs/") + kRun);
                g.removeAttr("model");
                H5::StrType type(H5::PredType::C_S1, 16);
                g.createAttribute("model", type, H5::DataSpace(H5S_SCALAR))
                    .write(type, std::string("{\"kind\": \"lstm"));
            } else if (d == "empty") {
                file.createGroup("cells/Empty");
            } else if (d == "p") {
                H5::Group g = file.openGroup(std::string("runs/") + kRun + "/results");
                g.unlink("p");
                const hsize_t n = 5;
                const float p[5] = {0.1f, 0.2f, 0.3f, 0.4f, 0.5f};
                g.createDataSet("p", H5::PredType::IEEE_F32LE, H5::DataSpace(1, &n))
                    .write(p, H5::PredType::NATIVE_FLOAT);
            } else if (d == "binsize") {
                const std::int64_t v = -100;
                file.openGroup(cellGroup())
                    .openAttribute("bin_size")
                    .write(H5::PredType::NATIVE_INT64, &v);
            } else if (d == "tss") {
                H5::DataSet ds = file.openDataSet(cellMember("gene_tss"));
                std::vector<std::int64_t> tss(kGenes);
                ds.read(tss.data(), H5::PredType::NATIVE_INT64);
                tss[3] = 900000000000;
                ds.write(tss.data(), H5::PredType::NATIVE_INT64);
            } else if (d == "epoch") {
                H5::Group g = file.openGroup(std::string("runs/") + kRun);
                g.unlink("metrics");
                const hsize_t dims[2] = {1, 9};
                const double row[9] = {1e200, 0.6, 0.6, 0.7, 0.7, 0.7, 0.7, 0.7, 1.0};
                g.createDataSet("metrics", H5::PredType::IEEE_F64LE, H5::DataSpace(2, dims))
                    .write(row, H5::PredType::NATIVE_DOUBLE);
            } else if (d == "xshape") {
                H5::Group g = file.openGroup(cellGroup());
                g.unlink("X");
                const hsize_t dims[3] = {kGenes, 5, 100};
                std::vector<float> x(kGenes * 500, 1.0f);
                g.createDataSet("X", H5::PredType::IEEE_F32LE, H5::DataSpace(3, dims))
                    .write(x.data(), H5::PredType::NATIVE_FLOAT);
            }
        });
        const QString error = readEverything(path);
        QVERIFY2(error.startsWith(path + QStringLiteral(": ")), qPrintable(error));
        QVERIFY2(error.contains(expected), qPrintable(error));
        const testing::CliRun r =
            testing::runCli({QStringLiteral("info"), QStringLiteral("--study"), path}, 60000);
        QVERIFY2(r.exitCode >= 0, "info crashed");
        if (damage != QLatin1String("json") && damage != QLatin1String("p"))
            QVERIFY2(r.err.contains(expected), qPrintable(r.err + r.out));
    }

    // Issue 13, finding 3: on a full disk (a 5 MB tmpfs) an edit ends with the error, no
    // crash, the study unchanged and no temporary copy left.
    void fullDiskEndsWithTheError()
    {
        if (::geteuid() != 0)
            QSKIP("mounting a small tmpfs needs root");
        const QString mount = m_dir.filePath(QStringLiteral("tmpfs"));
        QVERIFY(QDir().mkpath(mount));
        if (QProcess::execute(QStringLiteral("mount"),
                              {QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
                               QStringLiteral("size=5m"), QStringLiteral("tmpfs"), mount}) != 0)
            QSKIP("cannot mount a tmpfs here (a container without CAP_SYS_ADMIN?)");
        const auto unmount =
            qScopeGuard([&] { QProcess::execute(QStringLiteral("umount"), {mount}); });
        const QString path = QDir(mount).filePath(QStringLiteral("s.h5"));
        QString error;
        QVERIFY2(writeStudy(path, &error), qPrintable(error));
        const QByteArray before = testing::fileDigest(path);
        // Leave about 1.5 MB free: enough for the copy, not for a 2 MB cell.
        QFile ballast(QDir(mount).filePath(QStringLiteral("ballast")));
        QVERIFY(ballast.open(QIODevice::WriteOnly));
        const qint64 room = 5 * 1024 * 1024 - 2 * QFileInfo(path).size() - 1536 * 1024;
        QVERIFY(ballast.write(QByteArray(int(room), 'x')) == room);
        ballast.close();
        int fds[2];
        QVERIFY(::pipe(fds) == 0);
        const int code = inChild([&] {
            CellData cell;
            cell.name = QStringLiteral("Big");
            const int genes = 1000; // 1000 × 100 × 5 floats: 2 MB, incompressible
            QRandomGenerator random(7);
            for (int g = 0; g < genes; ++g) {
                GeneRecord r;
                r.remcId = QString::number(g);
                r.chrom = QStringLiteral("chr1");
                r.tss = 1000 + g;
                cell.genes.push_back(r);
                cell.labels.push_back(std::uint8_t(g % 2));
                cell.splits.push_back(Split::Train);
            }
            for (int i = 0; i < genes * 500; ++i)
                cell.values.push_back(float(random.generateDouble()));
            QString err;
            const bool ok = StudyEditor::apply(
                path, [&](StudyEditor& e, QString* x) { return e.writeCell(cell, x); }, &err);
            const QByteArray text = err.toUtf8();
            return ::write(fds[1], text.constData(), size_t(text.size())) == text.size() && !ok ? 0
                                                                                                : 1;
        });
        ::close(fds[1]);
        QByteArray text;
        char buffer[4096];
        ssize_t n = 0;
        while ((n = ::read(fds[0], buffer, sizeof buffer)) > 0)
            text.append(buffer, int(n));
        ::close(fds[0]);
        QCOMPARE(code, 0); // -1: the child crashed
        const QString message = QString::fromUtf8(text);
        QVERIFY2(message.contains(path) &&
                     message.contains(QStringLiteral("not enough disk space")),
                 qPrintable(message));
        QCOMPARE(testing::fileDigest(path), before);
        QCOMPARE(QDir(mount).entryList(QDir::Files | QDir::Hidden).size(), 2); // study, ballast
        QCOMPARE(readEverything(path), QString());
    }
};

QTEST_GUILESS_MAIN(TestStudyDamage)
#include "tst_studydamage.moc"
