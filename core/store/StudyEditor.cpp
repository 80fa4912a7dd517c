#include "store/StudyEditor.h"

#include "store/DiskReservation.h"
#include "store/Hdf5Io.h"
#include "store/StudyFile.h"
#include "store/StudyIndex.h"
#include "store/StudyIndexChanges.h"
#include "store/StudyLayout.h"
#include "store/StudyLock.h"
#include "store/StudyParts.h"
#include "store/StudyTempFiles.h"
#include "store/WriterProcess.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <openssl/evp.h>

#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <memory>
#include <set>
#include <stdexcept>
#include <sys/stat.h>
#include <unistd.h>

namespace ac
{

namespace
{

/// One version of the study file: every commit renames a new file over it (new inode).
struct FileStamp {
    bool exists = false;
    dev_t device = 0;
    ino_t inode = 0;
    off_t size = 0;
    std::int64_t mtimeNs = 0;

    bool operator==(const FileStamp& o) const
    {
        return exists == o.exists && device == o.device && inode == o.inode && size == o.size &&
               mtimeNs == o.mtimeNs;
    }
    bool operator!=(const FileStamp& o) const { return !(*this == o); }
};

FileStamp stampOf(const QString& path)
{
    struct stat st {
    };
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return {};
    return {true, st.st_dev, st.st_ino, st.st_size,
            std::int64_t(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec};
}

/// The crash-safety test (tests/tst_crashsafety.cpp) sets AC_TEST_PAUSE_AT to a comma-separated
/// list of "begin", "copied", "writing", "locked", "renamed": the process then stops itself
/// (SIGSTOP) at those points of a change, where the test looks at the files and kills it. Unset
/// (always, outside that test): no effect.
void pauseForTestAt(const char* point)
{
    static const QList<QByteArray> wanted = qgetenv("AC_TEST_PAUSE_AT").split(',');
    if (wanted.contains(QByteArray(point)))
        ::raise(SIGSTOP);
}

/// SHA-256 (hex) of what a training reads of a cell: its shape, marks, genes, labels, splits, X.
/// OpenSSL's SHA-256 (with the CPU's SHA instructions: 0.03 s for a full-size cell's 40 MB, where
/// QCryptographicHash took 0.25 s); the bytes hashed are those of earlier releases, so stored
/// digests stay valid.
std::string dataDigest(const CellData& cell)
{
    const std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1)
        throw std::runtime_error("SHA-256 is not available (OpenSSL)");
    const auto add = [&](const void* data, std::size_t size) {
        if (size > 0 && EVP_DigestUpdate(ctx.get(), data, size) != 1)
            throw std::runtime_error("SHA-256 failed (OpenSSL)");
    };
    const auto addText = [&](const QString& text) {
        const QByteArray utf8 = text.toUtf8();
        add(utf8.constData(), std::size_t(utf8.size()) + 1); // with its terminating NUL
    };
    const std::int64_t shape[] = {cell.binCount, cell.binSize, cell.windowStart, cell.markCount,
                                  std::int64_t(cell.genes.size())};
    add(shape, sizeof shape);
    for (const QString& m : cell.markNames)
        addText(m);
    for (const GeneRecord& g : cell.genes)
        addText(g.remcId);
    add(cell.labels.data(), cell.labels.size());
    for (const Split s : cell.splits) {
        const char c = static_cast<char>(s);
        add(&c, 1);
    }
    add(cell.values.data(), cell.values.size() * sizeof(float));
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    if (EVP_DigestFinal_ex(ctx.get(), digest, &size) != 1)
        throw std::runtime_error("SHA-256 failed (OpenSSL)");
    return QByteArray(reinterpret_cast<const char*>(digest), int(size)).toHex().toStdString();
}

std::string cellPath(const QString& cell)
{
    return std::string(layout::kCells) + "/" + h5::utf8(cell);
}

std::string runPath(const QString& runId)
{
    return std::string(layout::kRuns) + "/" + h5::utf8(runId);
}

} // namespace

struct StudyEditor::Private {
    QString path;     ///< the study
    QString tempPath; ///< the copy every write goes to (of an unpacked study: of its index)
    FileStamp stamp;  ///< the study as begin() copied it
    H5::H5File file;
    DiskReservation reservation; ///< space for the growth of the file written to
    /// An unpacked study's changes (README "Study file"); null for a study in one file.
    std::unique_ptr<StudyIndexChanges> indexChanges;
    bool open = false;

    ~Private() { discard(); }

    void discard()
    {
        if (open) {
            try {
                file.close();
            } catch (const H5::Exception&) {
            }
            open = false;
        }
        reservation.release();
        if (!tempPath.isEmpty())
            QFile::remove(tempPath);
        tempPath.clear();
        indexChanges.reset(); // removes the parts this editor wrote
    }

    /// The group of cell type or run `name` (`list` is layout::kCells or layout::kRuns) for
    /// writing, created when missing; `fresh`: emptied first. In an unpacked study, a part of this
    /// editor's own (StudyIndexChanges), the disk reservation moved to it.
    H5::Group object(const char* list, const QString& name, bool fresh)
    {
        if (indexChanges) {
            QString part;
            H5::Group g = indexChanges->open(file, list, name, fresh, &part);
            QString reserveError;
            if (!reservation.attach(part, &reserveError))
                throw std::runtime_error(h5::utf8(reserveError));
            return g;
        }
        H5::Group root = file.openGroup("/");
        H5::Group group = h5::openOrCreateGroup(root, list);
        if (fresh)
            h5::remove(group, h5::utf8(name));
        return h5::openOrCreateGroup(group, h5::utf8(name));
    }

    /// Opens group `path` to read it. In an unpacked study the parts the index names are opened
    /// read-only (following a link would open them for writing, which changes a file readers
    /// share, and fails while another process reads it).
    H5::Group readGroup(const std::string& path) const
    {
        const H5::PropList access(H5Pcreate(H5P_GROUP_ACCESS));
        H5Pset_elink_acc_flags(access.getId(), H5F_ACC_RDONLY);
        const hid_t id = H5Gopen2(file.getId(), path.c_str(), access.getId());
        if (id < 0)
            throw H5::GroupIException("readGroup", "cannot open " + path);
        const H5::Group group(id);
        H5Gclose(id); // H5::Group(id) took its own reference
        return group;
    }

    /// Removes cell type or run `name` from `list`.
    void drop(const char* list, const QString& name)
    {
        if (indexChanges) {
            indexChanges->remove(file, list, name);
            return;
        }
        H5::Group group = file.openGroup(list);
        group.unlink(h5::utf8(name));
    }

    /// Before cell `name` is replaced by data of digest `digest`: its runs without a cell digest
    /// (older runs) get the replaced data's digest ("unknown" when it had none, in older
    /// studies) when the data changes, so that they read as stale afterwards like runs that
    /// have one.
    void pinRunsToOldData(const QString& name, const std::string& digest)
    {
        const std::string cell = cellPath(name);
        if (!h5::exists(file, cell) || !h5::exists(file, layout::kRuns))
            return;
        const H5::Group old = readGroup(cell);
        const std::string oldDigest = h5::hasAttr(old, layout::kDataDigestAttr)
                                          ? h5::stringAttr(old, layout::kDataDigestAttr)
                                          : std::string("unknown");
        if (oldDigest == digest)
            return;
        for (const std::string& id : h5::memberNames(file.openGroup(layout::kRuns))) {
            const H5::Group run = readGroup(std::string(layout::kRuns) + "/" + id);
            if (h5::stringAttr(run, layout::kCellAttr) == h5::utf8(name) &&
                !h5::hasAttr(run, layout::kCellDigestAttr)) {
                H5::Group changed = object(layout::kRuns, h5::qstr(id), false);
                h5::setAttr(changed, layout::kCellDigestAttr, oldDigest);
            }
        }
    }

    template <typename F> bool guarded(const QString& object, QString* error, F&& f)
    {
        if (!open) {
            *error = QStringLiteral("%1: the edit was already committed or abandoned").arg(path);
            return false;
        }
        try {
            f();
            pauseForTestAt("writing");
            return true;
        } catch (const H5::Exception& e) {
            *error = QStringLiteral("%1: %2: %3").arg(path, object, h5::describe(e));
        } catch (const std::exception& e) {
            *error = QStringLiteral("%1: %2: %3").arg(path, object, QString::fromUtf8(e.what()));
        }
        return false;
    }

    /// Reserves the space a write of `payload` bytes in `datasets` data sets can take (chunk
    /// indexes, object headers, deflate's worst case); throws when the disk is too full.
    void reserve(std::uint64_t payload, std::uint64_t datasets)
    {
        QString error;
        if (!reservation.reserve(payload + payload / 64 + datasets * 4096 + (64 << 10), &error))
            throw std::runtime_error(h5::utf8(error));
    }
};

namespace
{

std::uint64_t stringBytes(const std::vector<std::string>& v)
{
    std::size_t width = 1;
    for (const std::string& s : v)
        width = std::max(width, s.size() + 1);
    return std::uint64_t(width) * v.size();
}

std::uint64_t weightBytes(const Weights& weights)
{
    std::uint64_t n = 0;
    for (const WeightArray& w : weights)
        n += w.values.size() * sizeof(float) + 256;
    return n;
}

void checkName(const QString& name, const char* what)
{
    if (name.isEmpty() || name.contains(QLatin1Char('/')) || name == QLatin1String(".") ||
        name == QLatin1String(".."))
        throw std::runtime_error(std::string(what) + " name \"" + h5::utf8(name) +
                                 "\" is empty or contains '/'");
}

} // namespace

StudyEditor::StudyEditor() : d(std::make_unique<Private>()) {}
StudyEditor::~StudyEditor() = default;

std::unique_ptr<StudyEditor> StudyEditor::begin(const QString& path, QString* error, Form form)
{
    H5::Exception::dontPrint();
    pauseForTestAt("begin");
    std::unique_ptr<StudyEditor> editor(new StudyEditor);
    Private& p = *editor->d;
    p.path = path;
    const QFileInfo info(path);
    const bool existing = info.exists();
    if (existing && !StudyFile::open(path, error))
        return nullptr; // never overwrite something that is not a study we can read
    if (!QFileInfo(info.absolutePath()).isDir()) { // a study's folder is never created for it
        *error = QStringLiteral("%1: no such folder").arg(info.path());
        return nullptr;
    }
    p.tempPath = StudyTempFiles::newPath(path);
    {
        // No commit may replace the study between its stamp and its copy.
        StudyLock lock(path);
        if (!lock.acquire(error)) {
            p.tempPath.clear();
            return nullptr;
        }
        StudyTempFiles::removeAbandoned(path); // copies of killed writers
        p.stamp = stampOf(path);
        if (p.stamp.exists != existing) {
            *error =
                QStringLiteral("%1: the study was %2 while opening it; try again")
                    .arg(path, existing ? QStringLiteral("removed") : QStringLiteral("created"));
            p.tempPath.clear();
            return nullptr;
        }
        if (existing && !QFile::copy(path, p.tempPath)) {
            *error =
                QStringLiteral("%1: cannot copy the study to %2 (disk full or no write access?)")
                    .arg(path, p.tempPath);
            p.tempPath.clear();
            return nullptr;
        }
    }
    try {
        if (existing) {
            QFile::setPermissions(p.tempPath, QFile::permissions(p.tempPath) | QFile::WriteOwner);
            p.file.openFile(h5::utf8(p.tempPath), H5F_ACC_RDWR, h5::checksummedFormat());
        } else {
            p.file = H5::H5File(h5::utf8(p.tempPath), H5F_ACC_EXCL, H5::FileCreatPropList::DEFAULT,
                                h5::checksummedFormat());
            h5::setAttr(p.file, layout::kFormatAttr, std::string(layout::kFormatName));
            H5::Group root = p.file.openGroup("/");
            h5::openOrCreateGroup(root, layout::kCells);
            h5::openOrCreateGroup(root, layout::kRuns);
        }
        const bool unpacked = existing ? StudyIndex::isIndex(p.file) : form == Form::Unpacked;
        if (unpacked)
            p.indexChanges = std::make_unique<StudyIndexChanges>(
                path, existing ? StudyIndex::read(p.file) : StudyIndex());
        // What this editor writes (fixed-length strings) older programs cannot read: they then
        // say the version is too new instead of failing on a string.
        h5::setAttr(p.file, layout::kVersionAttr,
                    std::int64_t(unpacked ? layout::kUnpackedVersion : layout::kPackedVersion));
        p.open = true;
    } catch (const H5::Exception& e) {
        *error = QStringLiteral("%1: cannot write %2: %3").arg(path, p.tempPath, h5::describe(e));
        return nullptr; // ~Private removes the temporary file
    } catch (const std::exception& e) {
        *error = QStringLiteral("%1: %2").arg(path, QString::fromUtf8(e.what()));
        return nullptr;
    }
    pauseForTestAt("copied");
    // Room for rewriting metadata at commit, before anything is written.
    QString reserveError;
    if (!p.reservation.attach(p.tempPath, &reserveError) ||
        !p.reservation.reserve((1 << 20) + std::uint64_t(info.size()) / 100, &reserveError)) {
        *error = QStringLiteral("%1: %2; the study is unchanged").arg(path, reserveError);
        return nullptr;
    }
    return editor;
}

bool StudyEditor::writeCell(const CellData& cell, QString* error)
{
    return d->guarded(h5::qstr("/" + cellPath(cell.name)), error, [&] {
        checkName(cell.name, "cell");
        const std::size_t n = cell.genes.size();
        if (cell.labels.size() != n || cell.splits.size() != n ||
            cell.values.size() != n * std::size_t(cell.binCount) * std::size_t(cell.markCount) ||
            cell.markNames.size() != cell.markCount)
            throw std::runtime_error("genes, labels, splits, values and marks do not agree");
        const std::string digest = dataDigest(cell);
        d->pinRunsToOldData(cell.name, digest);
        H5::Group g = d->object(layout::kCells, cell.name, true);
        h5::setAttr(g, layout::kBinCountAttr, std::int64_t(cell.binCount));
        h5::setAttr(g, layout::kBinSizeAttr, std::int64_t(cell.binSize));
        h5::setAttr(g, layout::kWindowStartAttr, std::int64_t(cell.windowStart));
        h5::setAttr(g, layout::kDataDigestAttr, digest);
        if (!cell.assembly.isEmpty())
            h5::setAttr(g, layout::kAssemblyAttr, h5::utf8(cell.assembly));
        std::vector<std::string> marks;
        for (const QString& m : cell.markNames)
            marks.push_back(h5::utf8(m));
        h5::writeStrings(g, layout::kMarkNames, marks);
        std::vector<std::string> remc, ensembl, symbol, chrom;
        std::vector<std::int64_t> tss;
        std::vector<std::uint8_t> strand, split;
        for (std::size_t i = 0; i < n; ++i) {
            const GeneRecord& r = cell.genes[i];
            remc.push_back(h5::utf8(r.remcId));
            ensembl.push_back(h5::utf8(r.ensemblId));
            symbol.push_back(h5::utf8(r.symbol));
            chrom.push_back(h5::utf8(r.chrom));
            tss.push_back(r.tss);
            strand.push_back(static_cast<std::uint8_t>(r.strand));
            split.push_back(static_cast<std::uint8_t>(cell.splits[i]));
        }
        d->reserve(cell.values.size() * sizeof(float) + stringBytes(remc) + stringBytes(ensembl) +
                       stringBytes(symbol) + stringBytes(chrom) + stringBytes(marks) + n * 11 +
                       n / layout::kGenesPerChunk * 64,
                   10);
        h5::writeStrings(g, layout::kGeneRemcId, remc);
        h5::writeStrings(g, layout::kGeneEnsembl, ensembl);
        h5::writeStrings(g, layout::kGeneSymbol, symbol);
        h5::writeStrings(g, layout::kGeneChrom, chrom);
        h5::writeInt64(g, layout::kGeneTss, tss);
        h5::writeUInt8(g, layout::kGeneStrand, strand);
        h5::writeUInt8(g, layout::kLabels, cell.labels);
        h5::writeUInt8(g, layout::kSplit, split);
        const std::vector<hsize_t> shape{n, hsize_t(cell.binCount), hsize_t(cell.markCount)};
        h5::Layout chunked;
        if (n > 0)
            chunked = {{std::min<hsize_t>(n, layout::kGenesPerChunk), shape[1], shape[2]},
                       layout::kDeflateLevel};
        h5::writeFloats(g, layout::kX, shape, cell.values.data(), chunked);
    });
}

bool StudyEditor::removeCell(const QString& cell, QString* error)
{
    return d->guarded(h5::qstr("/" + cellPath(cell)), error, [&] {
        if (!h5::exists(d->file, cellPath(cell)))
            throw std::runtime_error("no such cell type");
        d->drop(layout::kCells, cell);
        // Runs of a removed cell type would point at nothing.
        for (const std::string& id : h5::memberNames(d->file.openGroup(layout::kRuns)))
            if (h5::stringAttr(d->readGroup(runPath(h5::qstr(id))), layout::kCellAttr) ==
                h5::utf8(cell))
                d->drop(layout::kRuns, h5::qstr(id));
    });
}

bool StudyEditor::writeTrack(const QString& cell, const TrackData& track, QString* error)
{
    const std::string object = cellPath(cell) + "/" + layout::kTracks + "/" + h5::utf8(track.name);
    return d->guarded(h5::qstr("/" + object), error, [&] {
        checkName(track.name, "track");
        if (!h5::exists(d->file, cellPath(cell)))
            throw std::runtime_error("no such cell type");
        H5::Group g = d->object(layout::kCells, cell, false);
        const std::vector<hsize_t> labels = h5::shapeOf(g.openDataSet(layout::kLabels));
        const std::size_t genes = labels.empty() ? 0 : labels[0];
        if (track.binCount <= 0 || track.values.size() != genes * std::size_t(track.binCount))
            throw std::runtime_error("the track has " + std::to_string(track.values.size()) +
                                     " values; the cell type has " + std::to_string(genes) +
                                     " genes of " + std::to_string(track.binCount) + " bins");
        d->reserve(track.values.size() * sizeof(float) + genes / 256 * 64 +
                       std::uint64_t(track.source.size()) * 4,
                   2);
        H5::Group tracks = h5::openOrCreateGroup(g, layout::kTracks);
        h5::writeFloats(
            tracks, h5::utf8(track.name), {genes, hsize_t(track.binCount)}, track.values.data(),
            {{std::min<hsize_t>(std::max<std::size_t>(genes, 1), 256), hsize_t(track.binCount)},
             layout::kDeflateLevel});
        H5::DataSet ds = tracks.openDataSet(h5::utf8(track.name));
        h5::setAttr(ds, layout::kSourceAttr, h5::utf8(track.source));
        if (!track.assembly.isEmpty())
            h5::setAttr(ds, layout::kAssemblyAttr, h5::utf8(track.assembly));
    });
}

bool StudyEditor::writeRun(const RunRecord& run, const Weights& best, const Weights& last,
                           QString* error)
{
    return d->guarded(h5::qstr("/" + runPath(run.id)), error, [&] {
        checkName(run.id, "run");
        if (!h5::exists(d->file, cellPath(run.cell)))
            throw std::runtime_error("cell type \"" + h5::utf8(run.cell) +
                                     "\" is not in the study");
        // Updated in place (not unlinked) so the run keeps its place in creation order.
        H5::Group g = d->object(layout::kRuns, run.id, false);
        d->reserve(weightBytes(best) + weightBytes(last) + run.epochs.size() * 9 * sizeof(double),
                   best.size() + last.size() + 4);
        h5::setAttr(g, layout::kCellAttr, h5::utf8(run.cell));
        h5::setAttr(g, layout::kCreatedAttr, h5::utf8(run.created.toString(Qt::ISODate)));
        h5::setAttr(g, layout::kStatusAttr, h5::utf8(run.status));
        h5::setAttr(g, layout::kBestEpochAttr, std::int64_t(run.bestEpoch));
        if (run.cellDigest.isEmpty() && h5::hasAttr(g, layout::kCellDigestAttr))
            g.removeAttr(layout::kCellDigestAttr);
        else if (!run.cellDigest.isEmpty())
            h5::setAttr(g, layout::kCellDigestAttr, h5::utf8(run.cellDigest));
        h5::setAttr(g, layout::kWriterAttr, h5::utf8(WriterProcess::currentTag()));
        h5::setAttr(g, layout::kModelAttr,
                    QJsonDocument(run.model.toJson()).toJson(QJsonDocument::Compact).toStdString());
        h5::setAttr(g, layout::kTrainAttr,
                    QJsonDocument(run.train.toJson()).toJson(QJsonDocument::Compact).toStdString());
        std::vector<double> m;
        for (const EpochMetrics& e : run.epochs)
            m.insert(m.end(), {double(e.epoch), e.trainLoss, e.validLoss, e.trainAuroc,
                               e.validAuroc, e.validAupr, e.testAuroc, e.testAupr, e.seconds});
        h5::writeDoubles(g, layout::kMetrics, {run.epochs.size(), 9}, m.data());
        H5::DataSet metrics = g.openDataSet(layout::kMetrics);
        h5::setAttr(metrics, layout::kColumnsAttr, std::string(layout::kMetricColumns));
        H5::Group bestGroup = h5::openOrCreateGroup(g, layout::kWeightsBest);
        h5::writeWeightsGroup(bestGroup, best);
        H5::Group lastGroup = h5::openOrCreateGroup(g, layout::kWeightsLast);
        h5::writeWeightsGroup(lastGroup, last);
        // Cached results and validations belong to the weights they were computed from.
        h5::remove(g, layout::kResults);
        h5::remove(g, layout::kValidation);
    });
}

bool StudyEditor::writeResults(const QString& runId, const RunResults& results, QString* error)
{
    const std::string object = runPath(runId) + "/" + layout::kResults;
    return d->guarded(h5::qstr("/" + object), error, [&] {
        if (!h5::exists(d->file, runPath(runId)))
            throw std::runtime_error("no such run");
        const hsize_t n = hsize_t(results.geneCount);
        const hsize_t m = hsize_t(results.markCount), t = hsize_t(results.binCount);
        if (results.p.size() != n ||
            (!results.alpha.empty() && results.alpha.size() != n * m * t) ||
            (!results.beta.empty() && results.beta.size() != n * m))
            throw std::runtime_error("p, alpha and beta do not match the gene count");
        H5::Group runGroup = d->object(layout::kRuns, runId, false);
        d->reserve((results.p.size() + results.alpha.size() + results.beta.size()) * sizeof(float),
                   4);
        h5::remove(runGroup, layout::kResults);
        H5::Group g = h5::openOrCreateGroup(runGroup, layout::kResults);
        h5::writeFloats(g, layout::kP, {n}, results.p.data());
        if (!results.alpha.empty())
            h5::writeFloats(
                g, layout::kAlpha, {n, m, t}, results.alpha.data(),
                {{std::min<hsize_t>(std::max<hsize_t>(n, 1), layout::kGenesPerChunk), m, t},
                 layout::kDeflateLevel});
        if (!results.beta.empty())
            h5::writeFloats(g, layout::kBeta, {n, m}, results.beta.data());
    });
}

bool StudyEditor::removeRun(const QString& runId, QString* error)
{
    return d->guarded(h5::qstr("/" + runPath(runId)), error, [&] {
        if (!h5::exists(d->file, runPath(runId)))
            throw std::runtime_error("no such run");
        const std::string cell = h5::stringAttr(d->readGroup(runPath(runId)), layout::kCellAttr);
        d->drop(layout::kRuns, runId);
        if (!h5::exists(d->file, cellPath(h5::qstr(cell))))
            return;
        const H5::Group g = d->readGroup(cellPath(h5::qstr(cell)));
        if (h5::hasAttr(g, layout::kActiveRunAttr) &&
            h5::stringAttr(g, layout::kActiveRunAttr) == h5::utf8(runId))
            d->object(layout::kCells, h5::qstr(cell), false).removeAttr(layout::kActiveRunAttr);
    });
}

bool StudyEditor::setActiveRun(const QString& cell, const QString& runId, QString* error)
{
    return d->guarded(h5::qstr("/" + cellPath(cell)), error, [&] {
        if (!h5::exists(d->file, cellPath(cell)))
            throw std::runtime_error("no such cell type");
        if (runId.isEmpty()) {
            if (h5::hasAttr(d->readGroup(cellPath(cell)), layout::kActiveRunAttr))
                d->object(layout::kCells, cell, false).removeAttr(layout::kActiveRunAttr);
            return;
        }
        if (!h5::exists(d->file, runPath(runId)))
            throw std::runtime_error("no run \"" + h5::utf8(runId) + "\"");
        const std::string runCell = h5::stringAttr(d->readGroup(runPath(runId)), layout::kCellAttr);
        if (runCell != h5::utf8(cell))
            throw std::runtime_error("run \"" + h5::utf8(runId) + "\" belongs to cell type \"" +
                                     runCell + "\"");
        H5::Group g = d->object(layout::kCells, cell, false);
        h5::setAttr(g, layout::kActiveRunAttr, h5::utf8(runId));
    });
}

bool StudyEditor::setRunName(const QString& runId, const QString& name, QString* error)
{
    return d->guarded(h5::qstr("/" + runPath(runId)), error, [&] {
        if (!h5::exists(d->file, runPath(runId)))
            throw std::runtime_error("no such run");
        H5::Group g = d->object(layout::kRuns, runId, false);
        h5::setAttr(g, layout::kNameAttr, h5::utf8(name.trimmed()));
    });
}

bool StudyEditor::setRunNote(const QString& runId, const QString& note, QString* error)
{
    return d->guarded(h5::qstr("/" + runPath(runId)), error, [&] {
        if (!h5::exists(d->file, runPath(runId)))
            throw std::runtime_error("no such run");
        H5::Group g = d->object(layout::kRuns, runId, false);
        h5::setAttr(g, layout::kNoteAttr, h5::utf8(note));
    });
}

bool StudyEditor::writeValidation(const QString& runId, const QString& name,
                                  const ArrayBundle& arrays, QString* error)
{
    const std::string object = runPath(runId) + "/" + layout::kValidation + "/" + h5::utf8(name);
    return d->guarded(h5::qstr("/" + object), error, [&] {
        checkName(name, "validation");
        if (!h5::exists(d->file, runPath(runId)))
            throw std::runtime_error("no such run");
        H5::Group runGroup = d->object(layout::kRuns, runId, false);
        H5::Group validations = h5::openOrCreateGroup(runGroup, layout::kValidation);
        h5::remove(validations, h5::utf8(name));
        std::set<QString> names;
        const auto claim = [&names](const QString& key) {
            checkName(key, "array");
            if (!names.insert(key).second)
                throw std::runtime_error("array name \"" + h5::utf8(key) + "\" used twice");
        };
        H5::Group g = h5::openOrCreateGroup(validations, h5::utf8(name));
        for (const auto& [key, values] : arrays.floats) {
            claim(key);
            const hsize_t n = values.size();
            h5::writeFloats(g, h5::utf8(key), {n}, values.data(),
                            n > 0 ? h5::Layout{{std::min<hsize_t>(n, 65536)}, layout::kDeflateLevel}
                                  : h5::Layout{});
        }
        for (const auto& [key, values] : arrays.integers) {
            claim(key);
            h5::writeInt64(g, h5::utf8(key), values);
        }
        for (const auto& [key, texts] : arrays.texts) {
            claim(key);
            std::vector<std::string> v;
            for (const QString& t : texts)
                v.push_back(h5::utf8(t));
            h5::writeStrings(g, h5::utf8(key), v);
        }
    });
}

bool StudyEditor::commit(QString* error, bool* conflict)
{
    if (conflict)
        *conflict = false;
    if (!d->open) {
        *error = QStringLiteral("%1: the edit was already committed or abandoned").arg(d->path);
        return false;
    }
    try {
        d->file.flush(H5F_SCOPE_GLOBAL);
        d->file.close();
        d->open = false;
        d->reservation.release();
    } catch (const H5::Exception& e) {
        *error = QStringLiteral("%1: cannot finish writing %2: %3")
                     .arg(d->path, d->tempPath, h5::describe(e));
        d->discard();
        return false;
    }
    if (d->indexChanges) {
        bool indexConflict = false;
        const bool ok = d->indexChanges->commit(error, &indexConflict, pauseForTestAt);
        if (conflict)
            *conflict = indexConflict;
        d->discard(); // the working index; the parts are the study's now (or removed)
        return ok;
    }
    // fsync the data before the rename, and the folder after it, so a crash shows either the
    // old or the new study, never a renamed but empty file.
    if (!StudyTempFiles::sync(d->tempPath)) {
        *error = QStringLiteral("%1: cannot write %2 to disk (disk full?); the study is unchanged")
                     .arg(d->path, d->tempPath);
        d->discard();
        return false;
    }
    StudyLock lock(d->path);
    if (!lock.acquire(error)) {
        d->discard();
        return false;
    }
    if (stampOf(d->path) != d->stamp) {
        *error = QStringLiteral("%1: another import or training changed the study while this "
                                "change was prepared; nothing was written, run it again")
                     .arg(d->path);
        if (conflict)
            *conflict = true;
        d->discard();
        return false;
    }
    pauseForTestAt("locked");
    if (std::rename(QFile::encodeName(d->tempPath).constData(),
                    QFile::encodeName(d->path).constData()) != 0) {
        *error = QStringLiteral("%1: cannot replace the study with %2 (disk full or no write "
                                "access?); the study is unchanged")
                     .arg(d->path, d->tempPath);
        d->discard();
        return false;
    }
    d->tempPath.clear();
    pauseForTestAt("renamed");
    StudyTempFiles::sync(QFileInfo(d->path).absolutePath());
    return true;
}

bool StudyEditor::apply(const QString& path,
                        const std::function<bool(StudyEditor& editor, QString* error)>& writes,
                        QString* error, int attempts)
{
    for (int attempt = 1;; ++attempt) {
        const std::unique_ptr<StudyEditor> editor = begin(path, error);
        if (!editor || !writes(*editor, error))
            return false;
        bool conflict = false;
        if (editor->commit(error, &conflict))
            return true;
        if (!conflict || attempt >= attempts)
            return false;
    }
}

} // namespace ac
