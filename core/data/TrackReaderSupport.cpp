#include "data/TrackReaderSupport.h"

#include "data/TextLineReader.h"
#include "domain/RemcLayout.h"

#include <QFileInfo>

namespace ac::trackio
{

QString fileName(const QString& path)
{
    return QFileInfo(path).fileName();
}

QString fileLine(const QString& path, qint64 line)
{
    return QStringLiteral("%1:%2").arg(fileName(path)).arg(line);
}

QString firstFew(QStringList names)
{
    names.sort();
    const int n = static_cast<int>(names.size());
    QString s = QLatin1Char('\'') + names.mid(0, 5).join(QLatin1String("', '")) + QLatin1Char('\'');
    if (n > 5)
        s += QStringLiteral(" and %1 more").arg(n - 5);
    return s;
}

QString badValue(const QString& where, const QString& text, bool finite)
{
    return QStringLiteral("%1: value '%2' %3")
        .arg(where, text,
             finite ? QStringLiteral("does not fit a 32-bit float")
                    : QStringLiteral("is not a finite number"));
}

bool reportProgress(const ProgressCallback& progress, const TextLineReader& reader,
                    const QString& path, TrackImportResult* result)
{
    if (!progress)
        return true;
    Progress p;
    p.fraction = reader.fraction();
    p.message =
        QStringLiteral("%1: %2%").arg(fileName(path)).arg(static_cast<int>(p.fraction * 100));
    if (progress(p))
        return true;
    result->error = QStringLiteral("%1: import cancelled").arg(fileName(path));
    return false;
}

void setTrack(const QString& path, const QString& name, std::vector<float> values, int missingGenes,
              TrackImportResult* result)
{
    result->track.name = name;
    result->track.source = QFileInfo(path).absoluteFilePath();
    result->track.binCount = remc::kBinCount;
    result->track.values = std::move(values);
    result->missingGenes = missingGenes;
    if (missingGenes > 0)
        result->warnings << QStringLiteral("%1 genes have no data in %2: their track is missing "
                                           "(NaN), not zero")
                                .arg(missingGenes)
                                .arg(fileName(path));
    result->ok = true;
}

} // namespace ac::trackio
