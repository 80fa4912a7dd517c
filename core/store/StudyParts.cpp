#include "store/StudyParts.h"

#include "store/Hdf5Io.h"
#include "store/StudyIndex.h"
#include "store/WriterProcess.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QRandomGenerator>
#include <QRegularExpression>

#include <stdexcept>

namespace ac
{

QString StudyParts::folderName(const QString& study)
{
    return QFileInfo(study).fileName() + QStringLiteral(".parts");
}

QString StudyParts::newPart(const QString& study, const char* kind, const QString& name)
{
    const QFileInfo info(study);
    const QString folder = info.absolutePath() + QLatin1Char('/') + folderName(study);
    if (!QFileInfo(folder).isDir() && !QDir().mkdir(folder))
        throw std::runtime_error("cannot create the folder " + folder.toStdString() +
                                 " (no write access?)");
    // File names keep letters, digits, '.', '_' and '-' of the name; the random part makes them
    // unique.
    QString safe = name.left(40);
    safe.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]")), QStringLiteral("_"));
    return QStringLiteral("%1/%2-%3-%4.%5.h5")
        .arg(folderName(study), QLatin1String(kind), safe)
        .arg(QRandomGenerator::system()->generate64(), 16, 16, QLatin1Char('0'))
        .arg(WriterProcess::currentTag());
}

QString StudyParts::absolutePath(const QString& study, const QString& part)
{
    return QFileInfo(study).absolutePath() + QLatin1Char('/') + part;
}

namespace
{

/// Indexes are small (links and names); larger files are one-file studies or other data.
constexpr qint64 kLargestIndex = 4 << 20;

/// The parts named by the other indexes in the folder of `study`: a copy of the study's file
/// made beside it (`cp s.h5 backup.h5`) still names the parts it had.
QSet<QString> namedByOtherIndexes(const QString& study)
{
    QSet<QString> named;
    const QFileInfo info(study);
    const QFileInfoList files = QDir(info.absolutePath()).entryInfoList(QDir::Files);
    for (const QFileInfo& f : files) {
        if (f.absoluteFilePath() == info.absoluteFilePath() || f.size() > kLargestIndex)
            continue;
        try {
            const std::string path = QFile::encodeName(f.absoluteFilePath()).toStdString();
            if (!H5::H5File::isHdf5(path))
                continue;
            const H5::H5File file(path, H5F_ACC_RDONLY);
            if (StudyIndex::isIndex(file))
                named += StudyIndex::read(file).parts();
        } catch (const H5::Exception&) {
        } catch (const std::exception&) { // not an index: it names no part
        }
    }
    return named;
}

} // namespace

int StudyParts::collectGarbage(const QString& study, StudyIndex* index)
{
    const QDir folder(QFileInfo(study).absolutePath() + QLatin1Char('/') + folderName(study));
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QSet<QString> named = index->parts();
    QHash<QString, qint64> retired;
    for (const StudyIndex::Retired& r : index->retired)
        retired.insert(r.part, r.since);
    const QRegularExpression tag(QStringLiteral("\\.([0-9]{1,10}@.+)\\.h5$"));
    int removed = 0;
    QSet<QString> shared; // read when the first part could go
    bool otherIndexesRead = false;
    const QFileInfoList entries = folder.entryInfoList(QDir::Files | QDir::Hidden | QDir::System);
    for (const QFileInfo& entry : entries) {
        const QString part = folderName(study) + QLatin1Char('/') + entry.fileName();
        if (named.contains(part))
            continue;
        const bool unneeded =
            retired.contains(part)
                ? now - retired.value(part) >= kGraceSeconds
                : WriterProcess::isGone(tag.match(entry.fileName()).captured(1)) ||
                      entry.lastModified().secsTo(QDateTime::currentDateTime()) >= kOrphanSeconds;
        if (unneeded && !otherIndexesRead) {
            shared = namedByOtherIndexes(study);
            otherIndexesRead = true;
        }
        if (unneeded && !shared.contains(part) && QFile::remove(entry.absoluteFilePath()))
            ++removed;
    }
    // Retired parts that are gone (removed now or earlier) leave the list.
    std::vector<StudyIndex::Retired> kept;
    for (const StudyIndex::Retired& r : index->retired)
        if (QFileInfo::exists(absolutePath(study, r.part)))
            kept.push_back(r);
    index->retired = std::move(kept);
    return removed;
}

} // namespace ac
