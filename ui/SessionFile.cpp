#include "SessionFile.h"

#include "PlotPalette.h"
#include "data/GeneListFile.h"
#include "data/InputFile.h"
#include "interpret/AttributionMethod.h"
#include "interpret/IgBaseline.h"
#include "store/StudyFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <algorithm>
#include <cmath>

namespace ac
{

namespace
{

const QString kFormat = QStringLiteral("attentivechrome-session");
constexpr qint64 kMaxSize = 1 << 20; // a session is a few hundred bytes
constexpr double kMaxZoom = 1e7;     // bp from the TSS: far beyond any window

QString fileName(const QString& path)
{
    return QFileInfo(path).fileName();
}

/// `path` as stored: relative to `folder` when inside it, else absolute.
QString storedPath(const QString& path, const QDir& folder)
{
    if (path.isEmpty())
        return {};
    const QString absolute = QFileInfo(path).absoluteFilePath();
    const QString relative = folder.relativeFilePath(absolute);
    if (relative == QLatin1String("..") || relative.startsWith(QLatin1String("../")) ||
        QDir::isAbsolutePath(relative))
        return absolute;
    return relative;
}

/// A stored path as a path to open: relative ones are taken from `folder`.
QString openedPath(const QString& stored, const QDir& folder)
{
    return stored.isEmpty() ? QString() : QDir::cleanPath(folder.absoluteFilePath(stored));
}

/// Reads the fields of a session's JSON object, each of the type it must have.
class FieldReader
{
public:
    FieldReader(const QJsonObject& object, const QString& file, QString* error)
        : m_object(object), m_file(file), m_error(error)
    {
    }

    /// False with the error when `key` is there but not text; absent keys leave `out`.
    bool text(const char* key, QString* out)
    {
        const QJsonValue v = m_object.value(QLatin1String(key));
        if (v.isUndefined())
            return true;
        if (!v.isString())
            return fail(key, QStringLiteral("must be text"));
        *out = v.toString();
        return true;
    }

    /// False with the error when `key` is there but not a whole number in [min, max].
    bool integer(const char* key, int min, int max, int* out)
    {
        const QJsonValue v = m_object.value(QLatin1String(key));
        if (v.isUndefined())
            return true;
        const double d = v.toDouble(-1.0);
        // The range first: converting 1e300 to an integer is undefined (found by fuzz_session).
        if (!v.isDouble() || !(d >= min && d <= max) || d != std::floor(d))
            return fail(key, QStringLiteral("must be a whole number %1 … %2").arg(min).arg(max));
        *out = int(d);
        return true;
    }

    /// False with the error when `key` is there but not two numbers [from, to] with
    /// from < to, each within ±limit; absent keys leave the outputs.
    bool range(const char* key, double limit, double* from, double* to)
    {
        const QJsonValue v = m_object.value(QLatin1String(key));
        if (v.isUndefined())
            return true;
        const QJsonArray a = v.toArray();
        const double lo = a.at(0).toDouble(qQNaN()), hi = a.at(1).toDouble(qQNaN());
        if (!v.isArray() || a.size() != 2 || !(lo < hi) || !(lo >= -limit) || !(hi <= limit))
            return fail(key, QStringLiteral("must be [from, to], two numbers with from < to, "
                                            "within ±%1")
                                 .arg(limit, 0, 'f', 0));
        *from = lo;
        *to = hi;
        return true;
    }

    bool fail(const char* key, const QString& reason)
    {
        *m_error = QStringLiteral("%1: field '%2': %3").arg(m_file, QLatin1String(key), reason);
        return false;
    }

private:
    const QJsonObject& m_object;
    QString m_file;
    QString* m_error;
};

bool fieldError(const QString& path, const char* field, const QString& reason, QString* error)
{
    *error = QStringLiteral("%1: field '%2': %3").arg(fileName(path), QLatin1String(field), reason);
    return false;
}

/// The study of `session` has its cell, run and gene; false with `error`.
bool checkStudy(const QString& path, const SavedSession& session, QString* error)
{
    QString err;
    const std::unique_ptr<StudyFile> study = StudyFile::open(session.study, &err);
    if (!study)
        return fieldError(path, "study", err, error);
    const QString studyName = fileName(session.study);
    if (!session.cell.isEmpty() && !study->cellNames().contains(session.cell))
        return fieldError(path, "cell",
                          QStringLiteral("%1 has no cell type '%2'").arg(studyName, session.cell),
                          error);
    if (!session.run.isEmpty()) {
        RunRecord run;
        if (!study->readRun(session.run, &run, &err))
            return fieldError(path, "run", err, error);
        if (!session.cell.isEmpty() && run.cell != session.cell)
            return fieldError(path, "run",
                              QStringLiteral("run %1 of %2 is a run of cell type %3, not %4")
                                  .arg(session.run, studyName, run.cell, session.cell),
                              error);
    }
    if (session.geneId.isEmpty())
        return true;
    if (session.cell.isEmpty())
        return fieldError(path, "gene", QStringLiteral("a gene needs a cell type"), error);
    CellData cell;
    if (!study->readCellIndex(session.cell, &cell, &err))
        return fieldError(path, "cell", err, error);
    if (std::none_of(cell.genes.begin(), cell.genes.end(),
                     [&](const GeneRecord& g) { return g.remcId == session.geneId; }))
        return fieldError(path, "gene",
                          QStringLiteral("cell type %1 of %2 has no gene with REMC id '%3'")
                              .arg(session.cell, studyName, session.geneId),
                          error);
    return true;
}

} // namespace

bool SessionFile::write(const QString& path, const SavedSession& session, QString* error)
{
    const QDir folder = QFileInfo(path).absoluteDir();
    QJsonObject o;
    o.insert(QStringLiteral("format"), kFormat);
    o.insert(QStringLiteral("version"), kVersion);
    o.insert(QStringLiteral("study"), storedPath(session.study, folder));
    o.insert(QStringLiteral("cell"), session.cell);
    o.insert(QStringLiteral("run"), session.run);
    o.insert(QStringLiteral("gene"), session.geneId);
    o.insert(QStringLiteral("geneList"), storedPath(session.geneList, folder));
    o.insert(QStringLiteral("tab"), session.tab);
    o.insert(QStringLiteral("gradient"), session.gradient);
    o.insert(QStringLiteral("alphaScale"), session.alphaScale);
    o.insert(QStringLiteral("attribution"), session.attribution);
    o.insert(QStringLiteral("igBaseline"), session.igBaseline);
    if (session.zoomTo > session.zoomFrom)
        o.insert(QStringLiteral("zoom"), QJsonArray{session.zoomFrom, session.zoomTo});
    const QByteArray text = QJsonDocument(o).toJson(QJsonDocument::Indented);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size() || !file.commit()) {
        *error = QStringLiteral("%1: cannot write: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

bool SessionFile::read(const QString& path, SavedSession* session, QString* error)
{
    if (!checkInputFile(path, error))
        return false;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: cannot read: %2").arg(path, file.errorString());
        return false;
    }
    const QString name = fileName(path);
    if (file.size() > kMaxSize) {
        *error = QStringLiteral("%1: not a session file (larger than 1 MB)").arg(name);
        return false;
    }
    const QByteArray bytes = file.readAll();
    QJsonParseError parse;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parse);
    if (parse.error != QJsonParseError::NoError) {
        *error = QStringLiteral("%1:%2: not valid JSON: %3")
                     .arg(name)
                     .arg(bytes.left(parse.offset).count('\n') + 1)
                     .arg(parse.errorString());
        return false;
    }
    if (!doc.isObject()) {
        *error = QStringLiteral("%1: not a session file (expected a JSON object)").arg(name);
        return false;
    }
    const QJsonObject o = doc.object();
    FieldReader field(o, name, error);
    if (o.value(QStringLiteral("format")).toString() != kFormat)
        return field.fail("format", QStringLiteral("must be \"%1\"").arg(kFormat));
    int version = 0;
    if (!field.integer("version", 1, 1 << 30, &version))
        return false;
    if (version != kVersion)
        return field.fail("version", QStringLiteral("%1 is not supported (this program reads "
                                                    "version %2)")
                                         .arg(version)
                                         .arg(kVersion));
    SavedSession s = *session;
    QString study, geneList;
    if (!field.text("study", &study) || !field.text("cell", &s.cell) ||
        !field.text("run", &s.run) || !field.text("gene", &s.geneId) ||
        !field.text("geneList", &geneList) || !field.integer("tab", 0, 1000, &s.tab) ||
        !field.text("gradient", &s.gradient) || !field.text("alphaScale", &s.alphaScale) ||
        !field.text("attribution", &s.attribution) || !field.text("igBaseline", &s.igBaseline) ||
        !field.range("zoom", kMaxZoom, &s.zoomFrom, &s.zoomTo))
        return false;
    if (study.isEmpty())
        return field.fail("study", QStringLiteral("is required"));
    const QDir folder = QFileInfo(path).absoluteDir();
    s.study = openedPath(study, folder);
    s.geneList = openedPath(geneList, folder);
    *session = s;
    return true;
}

bool SessionFile::check(const QString& path, const SavedSession& session, int tabCount,
                        QString* error)
{
    if (!QFileInfo(session.study).isFile())
        return fieldError(path, "study", QStringLiteral("no such file: %1").arg(session.study),
                          error);
    if (!checkStudy(path, session, error))
        return false;
    QString err;
    if (!session.geneList.isEmpty() && !GeneListFile().load(session.geneList, &err))
        return fieldError(path, "geneList", err, error);
    if (session.tab < 0 || session.tab >= tabCount)
        return fieldError(
            path, "tab",
            QStringLiteral("%1 is not a tab (0 … %2)").arg(session.tab).arg(tabCount - 1), error);
    const QStringList gradients = PlotPalette::gradientNames();
    if (!session.gradient.isEmpty() && !gradients.contains(session.gradient))
        return fieldError(path, "gradient",
                          QStringLiteral("unknown colour map '%1' (%2)")
                              .arg(session.gradient, gradients.join(QLatin1String(", "))),
                          error);
    AttributionMethod method;
    if (session.attribution != QLatin1String("none") &&
        !parseAttributionMethod(session.attribution, &method))
        return fieldError(path, "attribution",
                          QStringLiteral("unknown attribution '%1'").arg(session.attribution),
                          error);
    IgBaselineKind baseline;
    if (!IgBaseline::parse(session.igBaseline, &baseline))
        return fieldError(
            path, "igBaseline",
            QStringLiteral("unknown baseline '%1' (zero, shuffled, mean)").arg(session.igBaseline),
            error);
    return true;
}

} // namespace ac
