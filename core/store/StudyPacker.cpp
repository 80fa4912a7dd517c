#include "store/StudyPacker.h"

#include "store/Hdf5Io.h"
#include "store/StudyFile.h"
#include "store/StudyIndex.h"
#include "store/StudyLayout.h"
#include "store/StudyLock.h"
#include "store/StudyParts.h"
#include "store/StudyTempFiles.h"

#include <QFile>
#include <QFileInfo>
#include <cstdio>
#include <stdexcept>

namespace ac
{

namespace
{

/// The cell types and runs of the open study `file`, as "cells/<name>" and "runs/<id>".
std::vector<std::pair<const char*, std::string>> objectsOf(const H5::H5File& file)
{
    std::vector<std::pair<const char*, std::string>> objects;
    for (const char* list : {layout::kCells, layout::kRuns})
        if (h5::exists(file, list))
            for (const std::string& name : h5::memberNames(file.openGroup(list)))
                objects.emplace_back(list, name);
    return objects;
}

void copyObject(const H5::H5File& from, const std::string& source, const H5::Group& to,
                const std::string& target)
{
    if (H5Ocopy(from.getId(), source.c_str(), to.getId(), target.c_str(), H5P_DEFAULT,
                H5P_DEFAULT) < 0)
        throw std::runtime_error("cannot copy /" + source);
}

struct Cancelled : std::exception {
};

void report(const StudyPacker::Progress& progress, int done, int total)
{
    if (progress && !progress(done, total))
        throw Cancelled();
}

/// Runs `f`; turns its exceptions into `error` (naming `study`); removes `temporary` on failure.
template <typename F>
bool guarded(const QString& study, const QString& temporary, QString* error, F&& f)
{
    try {
        f();
        return true;
    } catch (const Cancelled&) {
        *error = QStringLiteral("%1: cancelled; nothing was written").arg(study);
    } catch (const H5::Exception& e) {
        *error = QStringLiteral("%1: %2; nothing was written").arg(study, h5::describe(e));
    } catch (const std::exception& e) {
        *error =
            QStringLiteral("%1: %2; nothing was written").arg(study, QString::fromUtf8(e.what()));
    }
    QFile::remove(temporary);
    return false;
}

void replace(const QString& temporary, const QString& path)
{
    if (!StudyTempFiles::sync(temporary))
        throw std::runtime_error("cannot write " + h5::utf8(temporary) + " to disk (disk full?)");
    if (std::rename(QFile::encodeName(temporary).constData(),
                    QFile::encodeName(path).constData()) != 0)
        throw std::runtime_error("cannot replace " + h5::utf8(path) + " (no write access?)");
    StudyTempFiles::sync(QFileInfo(path).absolutePath());
}

} // namespace

bool StudyPacker::pack(const QString& study, const QString& out, QString* error,
                       const Progress& progress)
{
    if (QFileInfo(study).absoluteFilePath() == QFileInfo(out).absoluteFilePath()) {
        *error = QStringLiteral("%1: a study cannot be packed onto itself; choose another file")
                     .arg(out);
        return false;
    }
    const std::unique_ptr<StudyFile> source = StudyFile::open(study, error);
    if (!source)
        return false;
    const QString temporary = StudyTempFiles::newPath(out);
    return guarded(out, temporary, error, [&] {
        const H5::H5File from(h5::utf8(QFileInfo(study).absoluteFilePath()), H5F_ACC_RDONLY);
        const auto objects = objectsOf(from);
        {
            H5::H5File to(h5::utf8(temporary), H5F_ACC_EXCL, H5::FileCreatPropList::DEFAULT,
                          h5::checksummedFormat());
            h5::setAttr(to, layout::kFormatAttr, std::string(layout::kFormatName));
            h5::setAttr(to, layout::kVersionAttr, std::int64_t(layout::kPackedVersion));
            H5::Group root = to.openGroup("/");
            h5::openOrCreateGroup(root, layout::kCells);
            h5::openOrCreateGroup(root, layout::kRuns);
            int done = 0;
            for (const auto& [list, name] : objects) {
                copyObject(from, std::string(list) + "/" + name, to.openGroup(list), name);
                report(progress, ++done, int(objects.size()));
            }
            to.close();
        }
        replace(temporary, out);
    });
}

bool StudyPacker::unpack(const QString& study, QString* error, const Progress& progress)
{
    const std::unique_ptr<StudyFile> source = StudyFile::open(study, error);
    if (!source)
        return false;
    if (!source->isPacked()) {
        *error = QStringLiteral("%1: the study is unpacked already").arg(study);
        return false;
    }
    StudyLock lock(study);
    if (!lock.acquire(error))
        return false;
    const QString temporary = StudyTempFiles::newPath(study);
    QStringList written;
    const bool ok = guarded(study, temporary, error, [&] {
        const H5::H5File from(h5::utf8(QFileInfo(study).absoluteFilePath()), H5F_ACC_RDONLY);
        const auto objects = objectsOf(from);
        StudyIndex index;
        int done = 0;
        for (const auto& [list, name] : objects) {
            const QString part =
                StudyParts::newPart(study, StudyIndex::kindOf(list), h5::qstr(name));
            const QString path = StudyParts::absolutePath(study, part);
            written << path;
            H5::H5File to(h5::utf8(path), H5F_ACC_EXCL, H5::FileCreatPropList::DEFAULT,
                          h5::checksummedFormat());
            copyObject(from, std::string(list) + "/" + name, to.openGroup("/"),
                       StudyIndex::kindOf(list));
            to.close();
            if (!StudyTempFiles::sync(path))
                throw std::runtime_error("cannot write " + h5::utf8(path) +
                                         " to disk (disk full?)");
            index.set(list, name, part);
            report(progress, ++done, int(objects.size()));
        }
        StudyTempFiles::sync(QFileInfo(study).absolutePath() + QLatin1Char('/') +
                             StudyParts::folderName(study));
        index.write(temporary);
        replace(temporary, study);
    });
    if (!ok)
        for (const QString& path : std::as_const(written))
            QFile::remove(path);
    return ok;
}

} // namespace ac
