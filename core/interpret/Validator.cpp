#include "interpret/Validator.h"

#include "domain/CellData.h"
#include "interpret/Attributor.h"
#include "interpret/ClassOptimizer.h"
#include "store/StudyFile.h"
#include "train/RunPredictor.h"

#include <QDir>
#include <QSaveFile>
#include <QSet>
#include <QTextStream>
#include <cmath>

namespace ac
{

namespace
{

// Maps the progress of one stage onto [from, to] of the whole job.
ProgressCallback stage(const ProgressCallback& progress, double from, double to)
{
    if (!progress)
        return {};
    return [progress, from, to](const Progress& p) {
        Progress whole = p;
        whole.fraction = from + (to - from) * p.fraction;
        return progress(whole);
    };
}

QString skipName(AgreementSkip skip)
{
    switch (skip) {
    case AgreementSkip::None:
        return QStringLiteral("used");
    case AgreementSkip::MissingTrack:
        return QStringLiteral("missing-track");
    case AgreementSkip::Constant:
        return QStringLiteral("constant");
    }
    return {};
}

QString seriesColumn(const AgreementSeries& s)
{
    return s.map + QLatin1Char(':') + s.mark;
}

bool writeFile(const QString& path, const QString& text, QString* error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text)) {
        *error = QStringLiteral("%1: cannot write: %2").arg(path, file.errorString());
        return false;
    }
    file.write(text.toUtf8());
    if (!file.commit()) {
        *error = QStringLiteral("%1: cannot write: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

// Integrated gradients' completeness per gene (ig-completeness.tsv).
bool writeCompleteness(const ValidationReport& report, const QDir& out, QString* error)
{
    const IgCompleteness& c = report.completeness;
    QString text = QStringLiteral("# %1\ngene_id\tsymbol\tsum_attribution\tlogit_change\terror\t"
                                  "large\n")
                       .arg(c.summary());
    for (int g = 0; g < c.geneCount(); ++g)
        text += QStringList{report.geneIds.value(g),
                            report.geneSymbols.value(g),
                            QString::number(c.sum[g], 'g', 6),
                            QString::number(c.delta[g], 'g', 6),
                            QString::number(c.error(g), 'g', 4),
                            c.isLarge(g) ? QStringLiteral("yes") : QStringLiteral("no")}
                    .join(QLatin1Char('\t')) +
                QLatin1Char('\n');
    return writeFile(out.filePath(QStringLiteral("ig-completeness.tsv")), text, error);
}

QString number(double v)
{
    return std::isnan(v) ? QStringLiteral("NA") : QString::number(v, 'g', 6);
}

// What one validation reads from the study.
struct ValidationInputs {
    std::unique_ptr<StudyFile> study;
    RunRecord run;
    CellData cell;
    TrackData track;
};

bool readInputs(const ValidationRequest& request, ValidationInputs* in, QString* error)
{
    const QStringList splits{QStringLiteral("train"), QStringLiteral("valid"),
                             QStringLiteral("test"), QStringLiteral("all")};
    if (!splits.contains(request.split)) {
        *error =
            QStringLiteral("unknown split '%1' (train, valid, test or all)").arg(request.split);
        return false;
    }
    in->study = StudyFile::open(request.studyPath, error);
    if (!in->study || !in->study->readRun(request.runId, &in->run, error))
        return false;
    const StudyFile& study = *in->study;
    const QString& cellName = in->run.cell;
    const QStringList tracks = study.trackNames(cellName);
    if (!tracks.contains(request.track)) {
        *error =
            QStringLiteral("%1: cell %2 (of run %3) has no track '%4' (tracks: %5); import "
                           "one with 'attentivechrome-cli import-track'")
                .arg(study.path(), cellName, request.runId, request.track,
                     tracks.isEmpty() ? QStringLiteral("none") : tracks.join(QLatin1String(", ")));
        return false;
    }
    if (!study.readCell(cellName, &in->cell, error) ||
        !study.readTrack(cellName, request.track, &in->track, error))
        return false;
    const std::size_t T = static_cast<std::size_t>(in->track.binCount);
    if (in->track.binCount != in->cell.binCount ||
        in->track.values.size() != in->cell.genes.size() * T) {
        *error = QStringLiteral("%1: track '%2' of cell %3 does not have %4 genes × %5 bins")
                     .arg(study.path(), request.track, cellName)
                     .arg(in->cell.geneCount())
                     .arg(in->cell.binCount);
        return false;
    }
    return true;
}

// The report's header and the genes of the requested split; false when there are none.
bool selectGenes(const ValidationRequest& request, const ValidationInputs& in, ValidationReport* r,
                 QString* error)
{
    const CellData& cell = in.cell;
    r->studyPath = in.study->path();
    r->runId = request.runId;
    r->cell = in.run.cell;
    r->track = request.track;
    r->split = request.split;
    r->model = modelKindKey(in.run.model.kind);
    r->markNames = cell.markNames;
    const QSet<QString> listed(request.geneIds.begin(), request.geneIds.end());
    r->listedGenes = QStringList(listed.begin(), listed.end());
    r->listedGenes.sort();
    r->geneListName = listed.isEmpty() ? QString() : request.geneListName;
    for (int g = 0; g < cell.geneCount(); ++g) {
        if (request.split != QLatin1String("all") && (g >= static_cast<int>(cell.splits.size()) ||
                                                      splitName(cell.splits[g]) != request.split))
            continue;
        if (!listed.isEmpty() && !listed.contains(cell.genes[g].remcId))
            continue;
        r->genes.push_back(g);
        r->geneIds << cell.genes[g].remcId;
        r->geneSymbols << cell.genes[g].symbol;
    }
    if (r->genes.empty()) {
        *error = QStringLiteral("%1: cell %2 has no genes in split '%3'%4")
                     .arg(r->studyPath, r->cell, request.split,
                          listed.isEmpty()
                              ? QString()
                              : QStringLiteral(" among the %1 listed genes").arg(listed.size()));
        return false;
    }
    return true;
}

// p and α of every gene: the cached results are those of the best weights; otherwise (or for the
// last weights) they are computed.
bool readOrPredict(const ValidationRequest& request, const ValidationInputs& in,
                   const ProgressCallback& progress, RunResults* results, QString* error)
{
    const StudyFile& study = *in.study;
    if (request.weights == QLatin1String("best") && study.hasResults(request.runId) &&
        study.readResults(request.runId, results, error) &&
        results->geneCount == in.cell.geneCount())
        return true;
    std::unique_ptr<RunPredictor> predictor =
        RunPredictor::load(study, request.runId, request.weights, error);
    if (!predictor)
        return false;
    if (!predictor->predictAll(in.cell, results, progress)) {
        *error = QStringLiteral("cancelled");
        return false;
    }
    return true;
}

// The track and p of the reported genes, and their α map when the variant has one.
void addTrackAndAlpha(const ValidationInputs& in, const RunResults& results, ValidationReport* r)
{
    const CellData& cell = in.cell;
    const std::size_t T = static_cast<std::size_t>(in.track.binCount);
    AgreementInput& input = r->input;
    input.markNames = cell.markNames;
    input.binCount = in.track.binCount;
    const std::size_t mapSize = static_cast<std::size_t>(cell.markCount) * cell.binCount;
    MapSeries alpha;
    alpha.key = QStringLiteral("alpha");
    alpha.name = QStringLiteral("\u03b1 (bin attention)");
    alpha.markCount = cell.markCount;
    alpha.binCount = cell.binCount;
    const bool hasAlpha = results.alpha.size() == cell.genes.size() * mapSize;
    for (int g : r->genes) {
        input.p.push_back(results.p[g]);
        input.track.insert(input.track.end(), in.track.values.begin() + g * T,
                           in.track.values.begin() + (g + 1) * T);
        if (hasAlpha)
            alpha.values.insert(alpha.values.end(), results.alpha.begin() + g * mapSize,
                                results.alpha.begin() + (g + 1) * mapSize);
    }
    if (hasAlpha)
        input.maps.push_back(std::move(alpha));
}

// One map per requested attribution method; method i is stage i + 1 of `stages`.
bool addAttributions(const ValidationRequest& request, const ValidationInputs& in, int stages,
                     const ProgressCallback& progress, ValidationReport* r, QString* error)
{
    std::unique_ptr<Attributor> attributor =
        Attributor::load(*in.study, request.runId, request.weights, error);
    if (!attributor)
        return false;
    attributor->setIntegratedGradientSteps(request.integratedGradientSteps);
    if (!attributor->setIntegratedGradientBaseline(
            IgBaseline::forCell(request.integratedGradientBaseline, in.cell), error))
        return false;
    for (int i = 0; i < request.methods.size(); ++i) {
        const AttributionMethod method = request.methods[i];
        MapSeries map;
        map.key = attributionMethodKey(method);
        map.name = attributionMethodName(method);
        map.markCount = in.cell.markCount;
        map.binCount = attributor->mapBinCount(method);
        const double from = static_cast<double>(i + 1) / stages;
        if (!attributor->attributeAll(in.cell, r->genes, method, &map.values, nullptr,
                                      stage(progress, from, from + 1.0 / stages),
                                      &r->completeness)) {
            *error = QStringLiteral("cancelled");
            return false;
        }
        r->input.maps.push_back(std::move(map));
    }
    return true;
}

// The class-optimal ON and OFF inputs (the last stage) and their series.
bool addClassOptima(const ValidationRequest& request, const ValidationInputs& in,
                    const ProgressCallback& progress, ValidationReport* r, QString* error)
{
    std::unique_ptr<ClassOptimizer> optimizer =
        ClassOptimizer::load(*in.study, request.runId, request.weights, error);
    if (!optimizer || !optimizer->optimiseBoth(in.cell, request.classOptimisationSettings,
                                               &r->classOptima, progress, error))
        return false;
    r->input.maps.push_back(Validator::classOptimalSeries(r->classOptima, r->input.p));
    return true;
}

} // namespace

QString Validator::classOptimalKey()
{
    return QStringLiteral("class-optimal");
}

MapSeries Validator::classOptimalSeries(const std::vector<ClassOptimum>& optima,
                                        const std::vector<float>& p)
{
    MapSeries map;
    map.key = classOptimalKey();
    map.name = QStringLiteral("Class optimisation");
    if (optima.size() != 2)
        return map;
    map.markCount = optima[0].markCount;
    map.binCount = optima[0].binCount;
    for (float pg : p) {
        const std::vector<float>& v = optima[pg >= 0.5f ? 0 : 1].values;
        map.values.insert(map.values.end(), v.begin(), v.end());
    }
    return map;
}

bool Validator::run(const ValidationRequest& request, ValidationReport* report,
                    const ProgressCallback& progress, QString* error)
{
    ValidationInputs in;
    ValidationReport r;
    if (!readInputs(request, &in, error) || !selectGenes(request, in, &r, error))
        return false;
    const int stages =
        1 + static_cast<int>(request.methods.size()) + (request.classOptimisation ? 1 : 0);
    RunResults results;
    if (!readOrPredict(request, in, stage(progress, 0.0, 1.0 / stages), &results, error))
        return false;
    addTrackAndAlpha(in, results, &r);
    if (!request.methods.isEmpty() && !addAttributions(request, in, stages, progress, &r, error))
        return false;
    if (request.classOptimisation &&
        !addClassOptima(request, in, stage(progress, 1.0 - 1.0 / stages, 1.0), &r, error))
        return false;
    if (r.input.maps.empty()) {
        *error = QStringLiteral("%1: run %2 is a %3 model without attention and no attribution "
                                "method was asked for: nothing to compare")
                     .arg(r.studyPath, request.runId, modelKindName(in.run.model.kind));
        return false;
    }
    r.agreement = Agreement::compute(r.input);
    *report = std::move(r);
    return true;
}

QStringList Validator::tableHeader()
{
    return {QStringLiteral("map"),
            QStringLiteral("mark"),
            QStringLiteral("group"),
            QStringLiteral("genes"),
            QStringLiteral("used"),
            QStringLiteral("skipped_missing_track"),
            QStringLiteral("skipped_constant"),
            QStringLiteral("mean_pearson"),
            QStringLiteral("median_pearson"),
            QStringLiteral("mean_spearman"),
            QStringLiteral("median_spearman"),
            QStringLiteral("average_map_pearson"),
            QStringLiteral("average_map_spearman")};
}

QStringList Validator::tableRow(const AgreementRow& row)
{
    return {row.map,
            row.mark,
            row.group,
            QString::number(row.genes),
            QString::number(row.used),
            QString::number(row.missingTrack),
            QString::number(row.constant),
            formatNumber(row.meanPearson),
            formatNumber(row.medianPearson),
            formatNumber(row.meanSpearman),
            formatNumber(row.medianSpearman),
            formatNumber(row.averagePearson),
            formatNumber(row.averageSpearman)};
}

QString Validator::formatNumber(double value)
{
    return std::isnan(value) ? QStringLiteral("NA") : QString::number(value, 'f', 4);
}

bool Validator::writeTables(const ValidationReport& report, const QString& dir, QString* error)
{
    if (!QDir().mkpath(dir)) {
        *error = QStringLiteral("%1: cannot create folder").arg(dir);
        return false;
    }
    const QDir out(dir);
    const QChar tab(QLatin1Char('\t'));
    const QChar nl(QLatin1Char('\n'));
    const AgreementReport& a = report.agreement;

    QString table = tableHeader().join(tab) + nl;
    for (const AgreementRow& row : a.rows)
        table += tableRow(row).join(tab) + nl;
    if (!writeFile(out.filePath(QStringLiteral("agreement.tsv")), table, error))
        return false;

    QStringList header{QStringLiteral("bin"), QStringLiteral("position"),
                       QStringLiteral("track_ON"), QStringLiteral("track_OFF")};
    for (const AgreementSeries& s : a.series)
        header << seriesColumn(s) + QStringLiteral("_ON")
               << seriesColumn(s) + QStringLiteral("_OFF");
    QString profiles = header.join(tab) + nl;
    for (int b = 0; b < a.binCount; ++b) {
        QStringList line{QString::number(b + 1),
                         QString::number(remc::kWindowStart + b * remc::kBinSize),
                         number(a.trackOn[b]), number(a.trackOff[b])};
        for (const AgreementSeries& s : a.series)
            line << number(s.profileOn[b]) << number(s.profileOff[b]);
        profiles += line.join(tab) + nl;
    }
    if (!writeFile(out.filePath(QStringLiteral("profiles.tsv")), profiles, error))
        return false;

    QString genes =
        QStringList{QStringLiteral("gene_id"), QStringLiteral("symbol"),   QStringLiteral("p"),
                    QStringLiteral("group"),   QStringLiteral("map"),      QStringLiteral("mark"),
                    QStringLiteral("pearson"), QStringLiteral("spearman"), QStringLiteral("status")}
            .join(tab) +
        nl;
    for (std::size_t g = 0; g < report.genes.size(); ++g) {
        const float p = report.input.p[g];
        const QString prefix =
            QStringList{report.geneIds.value(static_cast<int>(g)),
                        report.geneSymbols.value(static_cast<int>(g)), QString::number(p, 'f', 4),
                        p >= 0.5f ? QStringLiteral("ON") : QStringLiteral("OFF")}
                .join(tab);
        for (const AgreementSeries& s : a.series)
            genes += prefix + tab + s.map + tab + s.mark + tab + formatNumber(s.pearson[g]) + tab +
                     formatNumber(s.spearman[g]) + tab + skipName(s.skip[g]) + nl;
    }
    if (!writeFile(out.filePath(QStringLiteral("genes.tsv")), genes, error))
        return false;
    for (const ClassOptimum& optimum : report.classOptima)
        if (!ClassOptimizer::writeTsv(
                optimum, report.markNames, remc::kWindowStart, remc::kBinSize,
                out.filePath(QStringLiteral("class-optimal-%1.tsv").arg(optimum.className())),
                error))
            return false;
    return report.completeness.isEmpty() || writeCompleteness(report, out, error);
}

} // namespace ac
