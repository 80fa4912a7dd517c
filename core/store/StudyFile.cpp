#include "store/StudyFile.h"

#include "store/Hdf5Io.h"
#include "store/StudyChecks.h"
#include "store/StudyError.h"
#include "store/StudyIndex.h"
#include "store/StudyLayout.h"
#include "store/StudyParts.h"
#include "store/WriterProcess.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace ac
{

struct StudyFile::Private {
    QString path;
    H5::H5File file;
    int version = 0;
    bool unpacked = false; ///< an index with parts (format version 3), not one file
    StudyIndex index;      ///< of an unpacked study: where each cell type and run is stored

    /// Runs `f`; turns any HDF5 or layout error into `error` naming the file and `object`.
    template <typename F> bool guarded(const QString& object, QString* error, F&& f) const
    {
        try {
            f();
            return true;
        } catch (const StudyError& e) {
            if (error)
                *error = describe(object, e);
        } catch (const H5::Exception&) {
            if (error)
                *error = damaged(object, QString());
        } catch (const std::exception& e) {
            if (error)
                *error =
                    QStringLiteral("%1: %2: %3").arg(path, object, QString::fromUtf8(e.what()));
        }
        return false;
    }

    /// Whether every part the index of an unpacked study names is there; else `error` names the
    /// first one missing.
    bool checkParts(QString* error)
    {
        if (!guarded(QStringLiteral("/"), error, [&] { index = StudyIndex::read(file); }))
            return false;
        for (const char* list : {layout::kCells, layout::kRuns})
            for (const StudyIndex::Entry& e : index.list(list))
                if (!QFileInfo::exists(StudyParts::absolutePath(path, e.part))) {
                    *error = QStringLiteral("%1: /%2/%3 is stored in %4, which is missing (moved "
                                            "or deleted?); an unpacked study is its file and the "
                                            "folder of parts its index names, kept together")
                                 .arg(path, QLatin1String(list), h5::qstr(e.name),
                                      StudyParts::absolutePath(path, e.part));
                    const QString here = StudyParts::folderName(path) + QLatin1Char('/') +
                                         QFileInfo(e.part).fileName();
                    if (QFileInfo::exists(StudyParts::absolutePath(path, here)))
                        *error += QStringLiteral(" (the part is in %1: name that folder %2 "
                                                 "again, as when the study was written)")
                                      .arg(StudyParts::folderName(path), QFileInfo(e.part).path());
                    return false;
                }
        return true;
    }

    /// The members of group `owner`/`group` (e.g. a cell's tracks); empty when it is absent or
    /// cannot be read.
    QStringList childNames(const QString& owner, const char* group) const
    {
        QStringList names;
        const std::string groupPath = h5::utf8(owner.mid(1)) + "/" + group;
        guarded(owner, nullptr, [&] {
            if (!h5::exists(file, groupPath))
                return;
            for (const std::string& n : h5::memberNames(file.openGroup(groupPath)))
                names << h5::qstr(n);
        });
        return names;
    }

    /// Issue 13, item 5: what could not be read, in words, and that nothing was changed.
    QString damaged(const QString& object, const QString& reason) const
    {
        const QString what =
            object == QLatin1String("/") ? QStringLiteral("its HDF5 structure") : object;
        // In an unpacked study, /cells/<cell>/... and /runs/<id>/... are read from a part.
        const QStringList segments = object.split(QLatin1Char('/'));
        const QString part = unpacked && segments.size() > 2
                                 ? index.partOf(h5::utf8(segments[1]), h5::utf8(segments[2]))
                                 : QString();
        return QStringLiteral("%1: the study file%2 is damaged or truncated (could not read "
                              "%3%4); nothing was changed")
            .arg(path,
                 part.isEmpty()
                     ? QString()
                     : QStringLiteral("'s part %1").arg(StudyParts::absolutePath(path, part)),
                 what, reason.isEmpty() ? QString() : QStringLiteral(": ") + reason);
    }

    QString describe(const QString& object, const StudyError& e) const
    {
        const QString member = h5::qstr(e.member());
        const QString full = member.isEmpty() ? object
                             : object.endsWith(QLatin1Char('/'))
                                 ? object + member
                                 : object + QLatin1Char('/') + member;
        if (e.kind() == StudyError::Kind::Unreadable)
            return damaged(full, h5::qstr(e.reason()));
        return QStringLiteral("%1: %2: %3").arg(path, full, h5::qstr(e.reason()));
    }
};

namespace
{

QString cellPath(const QString& cell)
{
    return QStringLiteral("/%1/%2").arg(QLatin1String(layout::kCells), cell);
}

QString runPath(const QString& runId)
{
    return QStringLiteral("/%1/%2").arg(QLatin1String(layout::kRuns), runId);
}

void requireLength(std::size_t actual, std::size_t expected, const char* what)
{
    if (actual != expected)
        throw StudyError(StudyError::Kind::Invalid, what,
                         std::to_string(actual) + " values where " + std::to_string(expected) +
                             " (one per gene) are expected");
}

/// The string attribute `name` of `o`, or empty when it has none (studies of older versions).
QString optionalString(const H5::H5Object& o, const char* name)
{
    return h5::hasAttr(o, name) ? h5::qstr(h5::stringAttr(o, name)) : QString();
}

/// Reads everything of a cell except X.
void readIndex(const H5::Group& g, const QString& name, CellData* out)
{
    studycheck::requireCellMembers(g);
    CellData c;
    c.name = name;
    c.binCount = static_cast<int>(h5::intAttr(g, layout::kBinCountAttr));
    c.binSize = static_cast<int>(h5::intAttr(g, layout::kBinSizeAttr));
    c.windowStart = static_cast<int>(h5::intAttr(g, layout::kWindowStartAttr));
    if (h5::hasAttr(g, layout::kAssemblyAttr))
        c.assembly = h5::qstr(h5::stringAttr(g, layout::kAssemblyAttr));
    c.markNames.clear();
    for (const std::string& m : h5::readStrings(g, layout::kMarkNames))
        c.markNames << h5::qstr(m);
    c.markCount = static_cast<int>(c.markNames.size());
    const std::vector<std::string> remc = h5::readStrings(g, layout::kGeneRemcId);
    const std::vector<std::string> ensembl = h5::readStrings(g, layout::kGeneEnsembl);
    const std::vector<std::string> symbol = h5::readStrings(g, layout::kGeneSymbol);
    const std::vector<std::string> chrom = h5::readStrings(g, layout::kGeneChrom);
    const std::vector<std::int64_t> tss = h5::readInt64(g, layout::kGeneTss);
    const std::vector<std::uint8_t> strand = h5::readUInt8(g, layout::kGeneStrand);
    const std::size_t n = remc.size();
    requireLength(ensembl.size(), n, layout::kGeneEnsembl);
    requireLength(symbol.size(), n, layout::kGeneSymbol);
    requireLength(chrom.size(), n, layout::kGeneChrom);
    requireLength(tss.size(), n, layout::kGeneTss);
    requireLength(strand.size(), n, layout::kGeneStrand);
    c.genes.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        GeneRecord& r = c.genes[i];
        r.remcId = h5::qstr(remc[i]);
        r.ensemblId = h5::qstr(ensembl[i]);
        r.symbol = h5::qstr(symbol[i]);
        r.chrom = h5::qstr(chrom[i]);
        r.tss = tss[i];
        r.strand = static_cast<char>(strand[i]);
    }
    c.labels = h5::readUInt8(g, layout::kLabels);
    requireLength(c.labels.size(), n, layout::kLabels);
    const std::vector<std::uint8_t> split = h5::readUInt8(g, layout::kSplit);
    requireLength(split.size(), n, layout::kSplit);
    c.splits.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        if (split[i] > static_cast<std::uint8_t>(Split::Test))
            throw StudyError(StudyError::Kind::Invalid, layout::kSplit,
                             "value " + std::to_string(split[i]) + " at row " + std::to_string(i) +
                                 "; a split is 0 (train), 1 (valid) or 2 (test)");
        c.splits[i] = static_cast<Split>(split[i]);
    }
    studycheck::checkCellIndex(c);
    studycheck::checkXShape(g, c);
    *out = std::move(c);
}

} // namespace

StudyFile::StudyFile() : d(std::make_unique<Private>()) {}
StudyFile::~StudyFile() = default;

std::unique_ptr<StudyFile> StudyFile::open(const QString& path, QString* error)
{
    H5::Exception::dontPrint();
    const QFileInfo info(path);
    if (!info.exists()) {
        *error = QStringLiteral("%1: no such file").arg(path);
        return nullptr;
    }
    if (!info.isReadable()) {
        *error = QStringLiteral("%1: not readable").arg(path);
        return nullptr;
    }
    std::unique_ptr<StudyFile> study(new StudyFile);
    study->d->path = path;
    const std::string name = h5::utf8(path);
    bool isStudy = false;
    const bool ok = study->d->guarded(QStringLiteral("/"), error, [&] {
        if (!H5::H5File::isHdf5(name))
            return;
        // The parts of an unpacked study stay open once read (HDF5's external file cache): a reader
        // keeps reading them after a change replaced them (StudyParts::kGraceSeconds).
        H5::FileAccPropList access;
        H5Pset_elink_file_cache_size(access.getId(), kPartCacheSize);
        study->d->file.openFile(h5::utf8(info.absoluteFilePath()), H5F_ACC_RDONLY, access);
        if (!h5::hasAttr(study->d->file, layout::kFormatAttr) ||
            h5::stringAttr(study->d->file, layout::kFormatAttr) != layout::kFormatName)
            return;
        study->d->version = static_cast<int>(h5::intAttr(study->d->file, layout::kVersionAttr));
        study->d->unpacked = study->d->version == layout::kUnpackedVersion;
        isStudy = true;
    });
    if (!ok)
        return nullptr;
    if (study->d->unpacked && !study->d->checkParts(error))
        return nullptr;
    if (!isStudy) {
        *error = QStringLiteral("%1: not an AttentiveChrome study (an HDF5 file with the "
                                "attribute format=\"%2\" is expected)")
                     .arg(path, QLatin1String(layout::kFormatName));
        return nullptr;
    }
    if (study->d->version > kFormatVersion || study->d->version < 1) {
        *error = QStringLiteral("%1: study format version %2 is not supported (this program "
                                "reads version %3); update AttentiveChrome Studio")
                     .arg(path)
                     .arg(study->d->version)
                     .arg(kFormatVersion);
        return nullptr;
    }
    return study;
}

QString StudyFile::path() const
{
    return d->path;
}

int StudyFile::formatVersion() const
{
    return d->version;
}

bool StudyFile::isPacked() const
{
    return !d->unpacked;
}

QStringList StudyFile::cellNames() const
{
    QStringList names;
    d->guarded(QLatin1String(layout::kCells), nullptr, [&] {
        if (!h5::exists(d->file, layout::kCells))
            return;
        for (const std::string& n : h5::memberNames(d->file.openGroup(layout::kCells)))
            names << h5::qstr(n);
    });
    return names;
}

bool StudyFile::readCellIndex(const QString& cell, CellData* out, QString* error) const
{
    return d->guarded(cellPath(cell), error, [&] {
        if (!h5::exists(d->file, h5::utf8(cellPath(cell).mid(1))))
            throw std::runtime_error("no such cell type");
        CellData c;
        readIndex(d->file.openGroup(h5::utf8(cellPath(cell))), cell, &c);
        *out = std::move(c);
    });
}

QString StudyFile::cellDigest(const QString& cell) const
{
    QString digest;
    d->guarded(cellPath(cell), nullptr, [&] {
        if (h5::exists(d->file, h5::utf8(cellPath(cell).mid(1))))
            digest = optionalString(d->file.openGroup(h5::utf8(cellPath(cell))),
                                    layout::kDataDigestAttr);
    });
    return digest;
}

bool StudyFile::readCell(const QString& cell, CellData* out, QString* error) const
{
    return d->guarded(cellPath(cell), error, [&] {
        if (!h5::exists(d->file, h5::utf8(cellPath(cell).mid(1))))
            throw std::runtime_error("no such cell type");
        const H5::Group g = d->file.openGroup(h5::utf8(cellPath(cell)));
        CellData c;
        readIndex(g, cell, &c);
        c.values = h5::readFloats(g, layout::kX); // shape checked by readIndex
        *out = std::move(c);
    });
}

bool StudyFile::readGeneValues(const QString& cell, int gene, std::vector<float>* out,
                               QString* error) const
{
    const QString object = cellPath(cell) + QLatin1Char('/') + QLatin1String(layout::kX);
    return d->guarded(object, error, [&] {
        H5::DataSet ds = d->file.openDataSet(h5::utf8(object));
        const std::vector<hsize_t> dims = h5::shapeOf(ds);
        if (dims.size() != 3)
            throw std::runtime_error("expected a genes × bins × marks array");
        if (gene < 0 || hsize_t(gene) >= dims[0])
            throw std::runtime_error("gene index " + std::to_string(gene) + " out of range");
        H5::DataSpace file = ds.getSpace();
        const hsize_t start[3] = {hsize_t(gene), 0, 0};
        const hsize_t count[3] = {1, dims[1], dims[2]};
        file.selectHyperslab(H5S_SELECT_SET, count, start);
        H5::DataSpace mem(3, count);
        std::vector<float> values(h5::elementCount({dims[1], dims[2]}, layout::kX));
        ds.read(values.data(), H5::PredType::NATIVE_FLOAT, mem, file);
        *out = std::move(values);
    });
}

QStringList StudyFile::trackNames(const QString& cell) const
{
    return d->childNames(cellPath(cell), layout::kTracks);
}

bool StudyFile::readTrack(const QString& cell, const QString& track, TrackData* out,
                          QString* error) const
{
    const QString object = cellPath(cell) + QLatin1Char('/') + QLatin1String(layout::kTracks) +
                           QLatin1Char('/') + track;
    return d->guarded(object, error, [&] {
        if (!h5::exists(d->file, h5::utf8(object.mid(1))))
            throw std::runtime_error("no such track");
        const H5::Group tracks =
            d->file.openGroup(h5::utf8(cellPath(cell)) + "/" + layout::kTracks);
        TrackData t;
        t.name = track;
        std::vector<hsize_t> shape;
        t.values = h5::readFloats(tracks, h5::utf8(track), &shape);
        if (shape.size() != 2)
            throw std::runtime_error("expected a genes × bins array");
        t.binCount = static_cast<int>(shape[1]);
        const H5::DataSet ds = tracks.openDataSet(h5::utf8(track));
        if (h5::hasAttr(ds, layout::kSourceAttr))
            t.source = h5::qstr(h5::stringAttr(ds, layout::kSourceAttr));
        if (h5::hasAttr(ds, layout::kAssemblyAttr))
            t.assembly = h5::qstr(h5::stringAttr(ds, layout::kAssemblyAttr));
        *out = std::move(t);
    });
}

QStringList StudyFile::runIds(const QString& cell) const
{
    QStringList ids;
    d->guarded(QLatin1String(layout::kRuns), nullptr, [&] {
        if (!h5::exists(d->file, layout::kRuns))
            return;
        const H5::Group runs = d->file.openGroup(layout::kRuns);
        for (const std::string& n : h5::memberNames(runs)) {
            if (!cell.isEmpty() &&
                h5::stringAttr(runs.openGroup(n), layout::kCellAttr) != h5::utf8(cell))
                continue;
            ids << h5::qstr(n);
        }
    });
    return ids;
}

bool StudyFile::readRun(const QString& runId, RunRecord* out, QString* error) const
{
    return d->guarded(runPath(runId), error, [&] {
        if (!h5::exists(d->file, h5::utf8(runPath(runId).mid(1))))
            throw std::runtime_error("no such run");
        const H5::Group g = d->file.openGroup(h5::utf8(runPath(runId)));
        RunRecord r;
        r.id = runId;
        r.cell = h5::qstr(h5::stringAttr(g, layout::kCellAttr));
        r.created =
            QDateTime::fromString(h5::qstr(h5::stringAttr(g, layout::kCreatedAttr)), Qt::ISODate);
        r.status = h5::qstr(h5::stringAttr(g, layout::kStatusAttr));
        r.bestEpoch = static_cast<int>(h5::intAttr(g, layout::kBestEpochAttr));
        r.cellDigest = optionalString(g, layout::kCellDigestAttr);
        r.writer = optionalString(g, layout::kWriterAttr);
        // Stale: the cell was imported again with other data since the run was made (older runs
        // have no digest until then; StudyEditor::writeCell gives them the replaced one).
        const QString current = cellDigest(r.cell);
        r.stale = !r.cellDigest.isEmpty() && !current.isEmpty() && r.cellDigest != current;
        r.interrupted = r.status == QLatin1String("running") && WriterProcess::isGone(r.writer);
        if (h5::hasAttr(g, layout::kNameAttr))
            r.name = h5::qstr(h5::stringAttr(g, layout::kNameAttr));
        if (h5::hasAttr(g, layout::kNoteAttr))
            r.note = h5::qstr(h5::stringAttr(g, layout::kNoteAttr));
        QString jsonError;
        const QJsonObject model =
            studycheck::jsonObject(h5::stringAttr(g, layout::kModelAttr), layout::kModelAttr);
        if (!ModelConfig::fromJson(model, &r.model, &jsonError))
            throw StudyError(StudyError::Kind::Invalid, layout::kModelAttr,
                             jsonError.toStdString());
        const QJsonObject train =
            studycheck::jsonObject(h5::stringAttr(g, layout::kTrainAttr), layout::kTrainAttr);
        if (!TrainConfig::fromJson(train, &r.train, &jsonError))
            throw StudyError(StudyError::Kind::Invalid, layout::kTrainAttr,
                             jsonError.toStdString());
        std::vector<hsize_t> shape;
        const std::vector<double> m = h5::readDoubles(g, layout::kMetrics, &shape);
        if (shape.size() != 2 || (shape[0] > 0 && shape[1] != 9))
            throw StudyError(StudyError::Kind::Invalid, layout::kMetrics,
                             "expected epochs × 9 values");
        for (hsize_t i = 0; i < shape[0]; ++i) {
            const double* row = m.data() + i * 9;
            // A whole number in int's range, or the cast is undefined (found by fuzzing).
            if (!(row[0] >= 1 && row[0] <= std::numeric_limits<int>::max() &&
                  row[0] == std::floor(row[0])))
                throw StudyError(StudyError::Kind::Invalid, layout::kMetrics,
                                 "epoch " + QString::number(row[0]).toStdString() + " at row " +
                                     std::to_string(i) + "; epochs are whole numbers from 1");
            EpochMetrics e;
            e.epoch = static_cast<int>(row[0]);
            e.trainLoss = row[1];
            e.validLoss = row[2];
            e.trainAuroc = row[3];
            e.validAuroc = row[4];
            e.validAupr = row[5];
            e.testAuroc = row[6];
            e.testAupr = row[7];
            e.seconds = row[8];
            r.epochs.push_back(e);
        }
        *out = std::move(r);
    });
}

bool StudyFile::readWeights(const QString& runId, const QString& which, Weights* out,
                            QString* error) const
{
    const char* group = which == QLatin1String("best")   ? layout::kWeightsBest
                        : which == QLatin1String("last") ? layout::kWeightsLast
                                                         : nullptr;
    const QString object = runPath(runId) + QLatin1Char('/') +
                           (group ? QLatin1String(group) : QLatin1String("weights/") + which);
    return d->guarded(object, error, [&] {
        if (!group)
            throw std::runtime_error("weights must be \"best\" or \"last\"");
        if (!h5::exists(d->file, h5::utf8(object.mid(1))))
            throw std::runtime_error("the run has no such weights");
        Weights w = h5::readWeightsGroup(d->file.openGroup(h5::utf8(object)));
        if (w.empty())
            throw std::runtime_error("the run has no such weights");
        *out = std::move(w);
    });
}

bool StudyFile::hasResults(const QString& runId) const
{
    bool found = false;
    d->guarded(runPath(runId), nullptr, [&] {
        found = h5::exists(d->file, h5::utf8(runPath(runId).mid(1)) + "/" + layout::kResults + "/" +
                                        layout::kP);
    });
    return found;
}

bool StudyFile::readResults(const QString& runId, RunResults* out, QString* error) const
{
    const QString object = runPath(runId) + QLatin1Char('/') + QLatin1String(layout::kResults);
    return d->guarded(object, error, [&] {
        if (!h5::exists(d->file, h5::utf8(object.mid(1))))
            throw std::runtime_error("the run has no cached results");
        const H5::Group g = d->file.openGroup(h5::utf8(object));
        RunResults r;
        r.p = h5::readFloats(g, layout::kP);
        r.geneCount = static_cast<int>(r.p.size());
        // p must fit the run's cell type before alpha and beta are compared with it.
        const std::string cell =
            h5::stringAttr(d->file.openGroup(h5::utf8(runPath(runId))), layout::kCellAttr);
        const std::string labels = std::string(layout::kCells) + "/" + cell + "/" + layout::kLabels;
        if (h5::exists(d->file, labels)) {
            const std::vector<hsize_t> genes = h5::shapeOf(d->file.openDataSet(labels));
            studycheck::requireGeneCount(r.p.size(), genes.empty() ? 0 : genes[0], layout::kP,
                                         cell);
        }
        if (h5::exists(g, layout::kAlpha)) {
            std::vector<hsize_t> shape;
            r.alpha = h5::readFloats(g, layout::kAlpha, &shape);
            if (shape.size() != 3 || shape[0] != hsize_t(r.geneCount))
                throw StudyError(StudyError::Kind::Invalid, layout::kAlpha,
                                 "expected genes × marks × bins");
            r.markCount = static_cast<int>(shape[1]);
            r.binCount = static_cast<int>(shape[2]);
        }
        if (h5::exists(g, layout::kBeta)) {
            std::vector<hsize_t> shape;
            r.beta = h5::readFloats(g, layout::kBeta, &shape);
            if (shape.size() != 2 || shape[0] != hsize_t(r.geneCount))
                throw StudyError(StudyError::Kind::Invalid, layout::kBeta,
                                 "expected genes × marks");
            r.markCount = static_cast<int>(shape[1]);
        }
        *out = std::move(r);
    });
}

QString StudyFile::activeRunChoice(const QString& cell) const
{
    QString run;
    d->guarded(cellPath(cell), nullptr, [&] {
        const std::string path = h5::utf8(cellPath(cell).mid(1));
        if (!h5::exists(d->file, path))
            return;
        const H5::Group g = d->file.openGroup(path);
        if (h5::hasAttr(g, layout::kActiveRunAttr))
            run = h5::qstr(h5::stringAttr(g, layout::kActiveRunAttr));
    });
    return run;
}

QStringList StudyFile::validationNames(const QString& runId) const
{
    return d->childNames(runPath(runId), layout::kValidation);
}

bool StudyFile::readValidation(const QString& runId, const QString& name, ArrayBundle* out,
                               QString* error) const
{
    const QString object = runPath(runId) + QLatin1Char('/') + QLatin1String(layout::kValidation) +
                           QLatin1Char('/') + name;
    return d->guarded(object, error, [&] {
        if (!h5::exists(d->file, h5::utf8(object.mid(1))))
            throw std::runtime_error("no such stored validation");
        const H5::Group g = d->file.openGroup(h5::utf8(object));
        ArrayBundle b;
        for (const std::string& n : h5::memberNames(g)) {
            const H5T_class_t type = g.openDataSet(n).getTypeClass();
            if (type == H5T_FLOAT)
                b.floats[h5::qstr(n)] = h5::readFloats(g, n);
            else if (type == H5T_INTEGER)
                b.integers[h5::qstr(n)] = h5::readInt64(g, n);
            else if (type == H5T_STRING) {
                QStringList& texts = b.texts[h5::qstr(n)]; // kept when empty
                for (const std::string& t : h5::readStrings(g, n))
                    texts << h5::qstr(t);
            } else
                throw std::runtime_error(n + ": expected numbers or text");
        }
        *out = std::move(b);
    });
}

} // namespace ac
