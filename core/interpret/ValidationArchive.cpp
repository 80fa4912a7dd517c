#include "interpret/ValidationArchive.h"

#include "store/StudyEditor.h"
#include "store/StudyFile.h"

#include <QCryptographicHash>

#include <stdexcept>

namespace ac
{

namespace
{

QString mapName(std::size_t i)
{
    return QStringLiteral("map_%1").arg(i);
}

/// The array `key` of `arrays` (of map `m`), or an error naming it.
template <typename T> const T& member(const std::map<QString, T>& m, const QString& key)
{
    const auto it = m.find(key);
    if (it == m.end())
        throw std::runtime_error(key.toStdString() + ": missing");
    return it->second;
}

QString text(const ArrayBundle& arrays, const QString& key)
{
    return member(arrays.texts, key).value(0);
}

void readMaps(const ArrayBundle& arrays, std::size_t genes, ValidationReport* r)
{
    const QStringList& keys = member(arrays.texts, QStringLiteral("map_keys"));
    const QStringList& names = member(arrays.texts, QStringLiteral("map_names"));
    const auto& marks = member(arrays.integers, QStringLiteral("map_mark_counts"));
    const auto& bins = member(arrays.integers, QStringLiteral("map_bin_counts"));
    const std::size_t n = std::size_t(keys.size());
    if (std::size_t(names.size()) != n || marks.size() != n || bins.size() != n)
        throw std::runtime_error("map_keys, map_names and the map sizes do not agree");
    for (std::size_t i = 0; i < n; ++i) {
        MapSeries map;
        map.key = keys[int(i)];
        map.name = names[int(i)];
        map.markCount = int(marks[i]);
        map.binCount = int(bins[i]);
        map.values = member(arrays.floats, mapName(i));
        if (map.values.size() != genes * std::size_t(map.markCount) * std::size_t(map.binCount))
            throw std::runtime_error(mapName(i).toStdString() + ": not genes × marks × bins");
        r->input.maps.push_back(std::move(map));
    }
}

// Integrated gradients' completeness and the class optima, when the validation had them.
void writeExtras(const ValidationReport& r, ArrayBundle* a)
{
    const IgCompleteness& c = r.completeness;
    if (!c.isEmpty()) {
        a->floats[QStringLiteral("ig_sum")] = c.sum;
        a->floats[QStringLiteral("ig_delta")] = c.delta;
        a->integers[QStringLiteral("ig_steps")] = {c.steps};
        a->texts[QStringLiteral("ig_baseline")] = {c.baseline};
    }
    if (r.classOptima.size() != 2)
        return;
    const ClassOptimisationSettings& s = r.classOptima[0].settings;
    a->texts[QStringLiteral("class_opt_start")] = {classOptimisationStartKey(s.start)};
    a->integers[QStringLiteral("class_opt_settings")] = {s.maxSteps, s.window};
    a->floats[QStringLiteral("class_opt_rates")] = {float(s.lambda), float(s.learningRate),
                                                    float(s.tolerance)};
    for (const ClassOptimum& o : r.classOptima) {
        const QString suffix = o.className().toLower();
        a->floats[QStringLiteral("class_opt_") + suffix] = o.values;
        a->floats[QStringLiteral("class_opt_objective_") + suffix].assign(o.objective.begin(),
                                                                          o.objective.end());
        a->floats[QStringLiteral("class_opt_scores_") + suffix] = {float(o.score), float(o.penalty),
                                                                   float(o.startScore)};
        a->integers[QStringLiteral("class_opt_steps_") + suffix] = {o.steps, o.converged ? 1 : 0};
    }
}

void readExtras(const ArrayBundle& arrays, ValidationReport* r)
{
    if (arrays.floats.count(QStringLiteral("ig_sum"))) {
        IgCompleteness& c = r->completeness;
        c.sum = member(arrays.floats, QStringLiteral("ig_sum"));
        c.delta = member(arrays.floats, QStringLiteral("ig_delta"));
        c.steps = int(member(arrays.integers, QStringLiteral("ig_steps")).at(0));
        c.baseline = text(arrays, QStringLiteral("ig_baseline"));
        if (c.sum.size() != r->genes.size() || c.delta.size() != r->genes.size())
            throw std::runtime_error("ig_sum and ig_delta do not have a value per gene");
    }
    if (!arrays.texts.count(QStringLiteral("class_opt_start")))
        return;
    ClassOptimisationSettings s;
    parseClassOptimisationStart(text(arrays, QStringLiteral("class_opt_start")), &s.start);
    const auto& settings = member(arrays.integers, QStringLiteral("class_opt_settings"));
    const auto& rates = member(arrays.floats, QStringLiteral("class_opt_rates"));
    if (settings.size() != 2 || rates.size() != 3)
        throw std::runtime_error("class_opt_settings or class_opt_rates: wrong length");
    s.maxSteps = int(settings[0]);
    s.window = int(settings[1]);
    s.lambda = rates[0];
    s.learningRate = rates[1];
    s.tolerance = rates[2];
    const int M = int(r->markNames.size());
    for (bool on : {true, false}) {
        ClassOptimum o;
        o.on = on;
        o.settings = s;
        const QString suffix = o.className().toLower();
        o.values = member(arrays.floats, QStringLiteral("class_opt_") + suffix);
        const auto& objective =
            member(arrays.floats, QStringLiteral("class_opt_objective_") + suffix);
        o.objective.assign(objective.begin(), objective.end());
        const auto& scores = member(arrays.floats, QStringLiteral("class_opt_scores_") + suffix);
        const auto& steps = member(arrays.integers, QStringLiteral("class_opt_steps_") + suffix);
        if (scores.size() != 3 || steps.size() != 2 || M == 0 ||
            o.values.size() != std::size_t(M) * std::size_t(r->input.binCount))
            throw std::runtime_error(("class_opt_" + suffix).toStdString() + ": wrong size");
        o.markCount = M;
        o.binCount = r->input.binCount;
        o.score = scores[0];
        o.penalty = scores[1];
        o.startScore = scores[2];
        o.steps = int(steps[0]);
        o.converged = steps[1] != 0;
        r->classOptima.push_back(std::move(o));
    }
}

} // namespace

QString ValidationArchive::entryName(const QString& track, const QString& split,
                                     const QStringList& listedGenes)
{
    const QString name = track + QLatin1Char('-') + split;
    if (listedGenes.isEmpty())
        return name;
    const QByteArray hash = QCryptographicHash::hash(listedGenes.join(QLatin1Char('\n')).toUtf8(),
                                                     QCryptographicHash::Sha256);
    return name + QStringLiteral("-list-") + QString::fromLatin1(hash.toHex().left(8));
}

ArrayBundle ValidationArchive::toArrays(const ValidationReport& r)
{
    ArrayBundle a;
    a.texts[QStringLiteral("run_id")] = {r.runId};
    a.texts[QStringLiteral("cell")] = {r.cell};
    a.texts[QStringLiteral("track")] = {r.track};
    a.texts[QStringLiteral("split")] = {r.split};
    a.texts[QStringLiteral("model")] = {r.model};
    a.texts[QStringLiteral("mark_names")] = r.markNames;
    a.texts[QStringLiteral("gene_ids")] = r.geneIds;
    a.texts[QStringLiteral("gene_symbols")] = r.geneSymbols;
    if (!r.listedGenes.isEmpty()) {
        a.texts[QStringLiteral("listed_genes")] = r.listedGenes;
        a.texts[QStringLiteral("gene_list_name")] = {r.geneListName};
    }
    a.integers[QStringLiteral("genes")].assign(r.genes.begin(), r.genes.end());
    a.integers[QStringLiteral("bin_count")] = {r.input.binCount};
    a.floats[QStringLiteral("track_values")] = r.input.track;
    a.floats[QStringLiteral("p")] = r.input.p;
    QStringList& keys = a.texts[QStringLiteral("map_keys")];
    QStringList& names = a.texts[QStringLiteral("map_names")];
    auto& marks = a.integers[QStringLiteral("map_mark_counts")];
    auto& bins = a.integers[QStringLiteral("map_bin_counts")];
    for (std::size_t i = 0; i < r.input.maps.size(); ++i) {
        const MapSeries& map = r.input.maps[i];
        keys << map.key;
        names << map.name;
        marks.push_back(map.markCount);
        bins.push_back(map.binCount);
        a.floats[mapName(i)] = map.values;
    }
    writeExtras(r, &a);
    return a;
}

bool ValidationArchive::fromArrays(const ArrayBundle& arrays, ValidationReport* out, QString* error)
{
    try {
        ValidationReport r;
        r.runId = text(arrays, QStringLiteral("run_id"));
        r.cell = text(arrays, QStringLiteral("cell"));
        r.track = text(arrays, QStringLiteral("track"));
        r.split = text(arrays, QStringLiteral("split"));
        r.model = text(arrays, QStringLiteral("model"));
        r.markNames = member(arrays.texts, QStringLiteral("mark_names"));
        r.geneIds = member(arrays.texts, QStringLiteral("gene_ids"));
        r.geneSymbols = member(arrays.texts, QStringLiteral("gene_symbols"));
        if (arrays.texts.count(QStringLiteral("listed_genes"))) {
            r.listedGenes = member(arrays.texts, QStringLiteral("listed_genes"));
            r.geneListName = text(arrays, QStringLiteral("gene_list_name"));
        }
        for (std::int64_t g : member(arrays.integers, QStringLiteral("genes")))
            r.genes.push_back(int(g));
        const auto& binCount = member(arrays.integers, QStringLiteral("bin_count"));
        r.input.binCount = binCount.empty() ? 0 : int(binCount[0]);
        r.input.markNames = r.markNames;
        r.input.track = member(arrays.floats, QStringLiteral("track_values"));
        r.input.p = member(arrays.floats, QStringLiteral("p"));
        const std::size_t n = r.genes.size();
        if (r.input.binCount <= 0 || r.input.p.size() != n || std::size_t(r.geneIds.size()) != n ||
            r.input.track.size() != n * std::size_t(r.input.binCount))
            throw std::runtime_error("genes, gene_ids, p and track_values do not agree");
        readMaps(arrays, n, &r);
        readExtras(arrays, &r);
        r.agreement = Agreement::compute(r.input);
        *out = std::move(r);
        return true;
    } catch (const std::exception& e) {
        *error = QString::fromUtf8(e.what());
        return false;
    }
}

bool ValidationArchive::store(const ValidationReport& report, QString* error)
{
    const ArrayBundle arrays = toArrays(report);
    const QString name = entryName(report.track, report.split, report.listedGenes);
    return StudyEditor::apply(
        report.studyPath,
        [&](StudyEditor& editor, QString* err) {
            return editor.writeValidation(report.runId, name, arrays, err);
        },
        error);
}

bool ValidationArchive::has(const StudyFile& study, const QString& runId, const QString& track,
                            const QString& split, const QStringList& listedGenes)
{
    return study.validationNames(runId).contains(entryName(track, split, listedGenes));
}

bool ValidationArchive::load(const StudyFile& study, const QString& runId, const QString& track,
                             const QString& split, const QStringList& listedGenes,
                             ValidationReport* out, QString* error)
{
    const QString name = entryName(track, split, listedGenes);
    ArrayBundle arrays;
    if (!study.readValidation(runId, name, &arrays, error))
        return false;
    ValidationReport r;
    if (!fromArrays(arrays, &r, error)) {
        *error =
            QStringLiteral("%1: /runs/%2/validation/%3: %4").arg(study.path(), runId, name, *error);
        return false;
    }
    r.studyPath = study.path();
    *out = std::move(r);
    return true;
}

} // namespace ac
