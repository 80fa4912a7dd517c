#include "store/StudyIndexChanges.h"

#include "store/Hdf5Io.h"
#include "store/StudyLayout.h"
#include "store/StudyLock.h"
#include "store/StudyParts.h"
#include "store/StudyTempFiles.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <cstdio>
#include <stdexcept>
#include <utility>

namespace ac
{

namespace
{

QString describeEntry(const std::string& group, const std::string& name)
{
    return QStringLiteral("%1 \"%2\"")
        .arg(group == layout::kCells ? QStringLiteral("cell type") : QStringLiteral("run"),
             h5::qstr(name));
}

/// The index `study` has now; empty when it does not exist (yet).
StudyIndex currentIndex(const QString& study)
{
    if (!QFileInfo::exists(study))
        return {};
    const H5::H5File file(h5::utf8(QFileInfo(study).absoluteFilePath()), H5F_ACC_RDONLY);
    if (!StudyIndex::isIndex(file))
        throw std::runtime_error("the study was turned into one file meanwhile");
    return StudyIndex::read(file);
}

} // namespace

StudyIndexChanges::StudyIndexChanges(QString study, StudyIndex base)
    : m_study(std::move(study)), m_base(std::move(base))
{
}

StudyIndexChanges::~StudyIndexChanges()
{
    for (const QString& part : std::as_const(m_written))
        QFile::remove(StudyParts::absolutePath(m_study, part));
}

StudyIndexChanges::Change* StudyIndexChanges::find(const std::string& group,
                                                   const std::string& name)
{
    for (Change& c : m_changes)
        if (c.group == group && c.name == name)
            return &c;
    return nullptr;
}

void StudyIndexChanges::forget(const QString& part)
{
    if (m_written.remove(part))
        QFile::remove(StudyParts::absolutePath(m_study, part));
}

H5::Group StudyIndexChanges::open(H5::H5File& index, const char* group, const QString& name,
                                  bool fresh, QString* partFile)
{
    const std::string n = h5::utf8(name);
    H5::Group root = index.openGroup("/");
    H5::Group list = h5::openOrCreateGroup(root, group);
    Change* change = find(group, n);
    const QString own = change ? change->part : QString();
    if (!own.isEmpty() && !fresh) {
        *partFile = StudyParts::absolutePath(m_study, own);
        return list.openGroup(n);
    }
    const QString part = StudyParts::newPart(m_study, StudyIndex::kindOf(group), name);
    const QString target = StudyParts::absolutePath(m_study, part);
    const QString source = change ? own : m_base.partOf(group, n);
    m_written.insert(part);
    if (!fresh && !source.isEmpty()) {
        const QString from = StudyParts::absolutePath(m_study, source);
        if (!QFile::copy(from, target))
            throw std::runtime_error("cannot copy " + h5::utf8(from) + " to " + h5::utf8(target) +
                                     " (disk full or no write access?)");
        QFile::setPermissions(target, QFile::permissions(target) | QFile::WriteOwner);
    } else {
        H5::H5File file(h5::utf8(target), H5F_ACC_EXCL, H5::FileCreatPropList::DEFAULT,
                        h5::checksummedFormat());
        H5::Group partRoot = file.openGroup("/");
        h5::openOrCreateGroup(partRoot, StudyIndex::kindOf(group));
    }
    forget(own);
    if (change)
        change->part = part;
    else
        m_changes.push_back({group, n, part});
    h5::remove(list, n);
    StudyIndex::link(list, group, n, part);
    *partFile = target;
    return list.openGroup(n);
}

void StudyIndexChanges::remove(H5::H5File& index, const char* group, const QString& name)
{
    const std::string n = h5::utf8(name);
    H5::Group list = index.openGroup(group);
    list.unlink(n);
    if (Change* change = find(group, n)) {
        forget(change->part);
        change->part.clear();
    } else {
        m_changes.push_back({group, n, QString()});
    }
}

bool StudyIndexChanges::conflicts(const StudyIndex& current, QString* which) const
{
    for (const Change& c : m_changes)
        if (current.partOf(c.group, c.name) != m_base.partOf(c.group, c.name)) {
            *which = describeEntry(c.group, c.name);
            return true;
        }
    return false;
}

bool StudyIndexChanges::commit(QString* error, bool* conflict,
                               const std::function<void(const char*)>& pause)
{
    for (const QString& part : std::as_const(m_written))
        if (!StudyTempFiles::sync(StudyParts::absolutePath(m_study, part))) {
            *error = QStringLiteral("%1: cannot write %2 to disk (disk full?); the study is "
                                    "unchanged")
                         .arg(m_study, part);
            return false;
        }
    const QString folder = QFileInfo(m_study).absolutePath();
    StudyTempFiles::sync(folder + QLatin1Char('/') + StudyParts::folderName(m_study));
    StudyLock lock(m_study);
    if (!lock.acquire(error))
        return false;
    const QString indexPath = StudyTempFiles::newPath(m_study);
    try {
        StudyIndex next = currentIndex(m_study);
        QString which;
        if (conflicts(next, &which)) {
            *error = QStringLiteral("%1: another import or training changed %2 while this change "
                                    "was prepared; nothing was written, run it again")
                         .arg(m_study, which);
            *conflict = true;
            return false;
        }
        const QSet<QString> before = next.parts();
        for (const Change& c : m_changes)
            next.set(c.group, c.name, c.part);
        // Only parts of this study's own folder: a copy of an index still names its original's.
        for (const QString& part : before - next.parts())
            if (part.startsWith(StudyParts::folderName(m_study) + QLatin1Char('/')))
                next.retired.push_back({part, QDateTime::currentSecsSinceEpoch()});
        for (const QString& part : std::as_const(m_written))
            if (!QFileInfo::exists(StudyParts::absolutePath(m_study, part)))
                throw std::runtime_error(h5::utf8(part) + " was removed while this change was "
                                                          "prepared");
        StudyParts::collectGarbage(m_study, &next);
        next.write(indexPath);
        pause("locked");
        if (std::rename(QFile::encodeName(indexPath).constData(),
                        QFile::encodeName(m_study).constData()) != 0)
            throw std::runtime_error("cannot replace the study's index (no write access?)");
        m_written.clear(); // the index names them now
        pause("renamed");
        StudyTempFiles::sync(folder);
        return true;
    } catch (const H5::Exception& e) {
        *error = QStringLiteral("%1: cannot write its index: %2; the study is unchanged")
                     .arg(m_study, h5::describe(e));
    } catch (const std::exception& e) {
        *error = QStringLiteral("%1: %2; the study is unchanged")
                     .arg(m_study, QString::fromUtf8(e.what()));
    }
    QFile::remove(indexPath);
    return false;
}

} // namespace ac
