#include "RunOptions.h"

#include "CliSupport.h"
#include "session/StudyQueries.h"
#include "train/RunInference.h"

#include <torch/torch.h>

#include <QTextStream>

#include <thread>
#include <type_traits>

namespace ac::cli
{

bool intOption(const QCommandLineParser& p, const QString& name, int min, int max, int* out,
               QString* error)
{
    if (!p.isSet(name))
        return true;
    bool ok = false;
    const int v = p.value(name).toInt(&ok);
    if (!ok || v < min || v > max) {
        *error = QStringLiteral("--%1 must be an integer from %2 to %3, not '%4'")
                     .arg(name)
                     .arg(min)
                     .arg(max)
                     .arg(p.value(name));
        return false;
    }
    *out = v;
    return true;
}

namespace
{

template <typename T>
bool readTrainOption(const QCommandLineParser& p, const QString& name, T TrainConfig::*field,
                     TrainConfig* config, QString* error)
{
    if (!p.isSet(name))
        return true;
    bool ok = false;
    const QString text = p.value(name);
    T value{};
    if constexpr (std::is_same_v<T, int>)
        value = text.toInt(&ok);
    else
        value = text.toDouble(&ok);
    if (!ok) {
        *error = QStringLiteral("--%1 must be %2, not '%3'")
                     .arg(name,
                          std::is_same_v<T, int> ? QStringLiteral("an integer")
                                                 : QStringLiteral("a number"),
                          text);
        return false;
    }
    config->*field = value;
    QString rule;
    if (config->validate(&rule))
        return true;
    *error = QStringLiteral("--%1: %2").arg(name, rule);
    return false;
}

} // namespace

bool trainOption(const QCommandLineParser& p, const QString& name, int TrainConfig::*field,
                 TrainConfig* config, QString* error)
{
    return readTrainOption(p, name, field, config, error);
}

bool trainOption(const QCommandLineParser& p, const QString& name, double TrainConfig::*field,
                 TrainConfig* config, QString* error)
{
    return readTrainOption(p, name, field, config, error);
}

void setInferenceThreads(int requested)
{
    const int cores = static_cast<int>(std::thread::hardware_concurrency());
    at::set_num_threads(requested > 0 ? requested : std::max(1, cores));
}

bool chooseRun(const StudyFile& study, const QString& run, const QString& cell, QString* out,
               QString* error)
{
    const QStringList runs = study.runIds();
    const QString list = runs.isEmpty() ? QStringLiteral("none") : runs.join(QStringLiteral(", "));
    if (!run.isEmpty() && !runs.contains(run)) {
        *error = QStringLiteral("%1: no run \"%2\" (runs: %3)").arg(study.path(), run, list);
        return false;
    }
    if (!run.isEmpty()) {
        *out = run;
        return true;
    }
    if (cell.isEmpty()) {
        *error = QStringLiteral("--run or --cell (its active run) is required");
        return false;
    }
    if (!study.cellNames().contains(cell)) {
        *error = QStringLiteral("%1: no cell type \"%2\"").arg(study.path(), cell);
        return false;
    }
    *out = activeRun(study, cell);
    if (out->isEmpty()) {
        *error = QStringLiteral("%1: cell %2 has no complete run to use; name one with --run "
                                "(runs: %3)")
                     .arg(study.path(), cell, list);
        return false;
    }
    return true;
}

std::unique_ptr<StudyFile> openChosenRun(const QCommandLineParser& p, int threads, QString* runId,
                                         QString* error)
{
    setInferenceThreads(threads);
    std::unique_ptr<StudyFile> study = StudyFile::open(p.value(QStringLiteral("study")), error);
    const QString named = p.value(QStringLiteral("run"));
    if (!study || !chooseRun(*study, named, p.value(QStringLiteral("cell")), runId, error))
        return nullptr;
    if (named.isEmpty()) // say which run the rule chose (stdout stays the command's output)
        QTextStream(stderr) << "using run " << *runId << ", the active run of "
                            << p.value(QStringLiteral("cell")) << '\n';
    return study;
}

bool openStoredRun(const QCommandLineParser& p, int threads, const QString& which, OpenedRun* out,
                   QString* error)
{
    QString runId;
    out->study = openChosenRun(p, threads, &runId, error);
    if (!out->study)
        return false;
    return out->study->readRun(runId, &out->run, error) &&
           out->study->readCell(out->run.cell, &out->cell, error) &&
           runResults(*out->study, runId, which, out->cell, &out->results, {}, error);
}

bool checkWeightsChoice(const QString& which, QString* error)
{
    if (which == QLatin1String("best") || which == QLatin1String("last"))
        return true;
    *error = QStringLiteral("--weights must be 'best' or 'last', not '%1'").arg(which);
    return false;
}

void addStoredRunOptions(QCommandLineParser& p)
{
    p.addOption(
        {QStringLiteral("study"), QStringLiteral("Study file (.h5)."), QStringLiteral("FILE")});
    p.addOption({QStringLiteral("run"), QStringLiteral("Run id."), QStringLiteral("RUN")});
    p.addOption({QStringLiteral("cell"),
                 QStringLiteral("Cell type: use its active run (as the GUI shows it) when --run is "
                                "not given."),
                 QStringLiteral("CELL")});
    p.addOption({QStringLiteral("weights"), QStringLiteral("best (default) or last."),
                 QStringLiteral("WHICH"), QStringLiteral("best")});
    p.addOption({QStringLiteral("threads"), QStringLiteral("Torch threads (default: all cores)."),
                 QStringLiteral("N")});
}

bool readStoredRunOptions(const QCommandLineParser& p, int* threads, QString* which, QString* error)
{
    *which = p.value(QStringLiteral("weights"));
    if (!p.isSet(QStringLiteral("run")) && !p.isSet(QStringLiteral("cell"))) {
        *error = QStringLiteral("--run or --cell (its active run) is required");
        return false;
    }
    return requireOptions(p, {"study"}, error) &&
           intOption(p, QStringLiteral("threads"), 0, 1024, threads, error) &&
           checkWeightsChoice(*which, error);
}

void addClassOptimisationOptions(QCommandLineParser& p)
{
    p.addOption({QStringLiteral("class-opt-start"),
                 QStringLiteral("Start of class optimisation: mean (training-set mean input) or "
                                "zero (default mean)."),
                 QStringLiteral("START"), QStringLiteral("mean")});
    p.addOption({QStringLiteral("class-opt-lambda"),
                 QStringLiteral("L2 penalty lambda of class optimisation (default 0.001)."),
                 QStringLiteral("L"), QStringLiteral("0.001")});
    p.addOption({QStringLiteral("class-opt-steps"),
                 QStringLiteral("Most Adam steps of class optimisation (default 2000)."),
                 QStringLiteral("N"), QStringLiteral("2000")});
}

bool readClassOptimisationOptions(const QCommandLineParser& p, ClassOptimisationSettings* settings,
                                  QString* error)
{
    if (!parseClassOptimisationStart(p.value(QStringLiteral("class-opt-start")),
                                     &settings->start)) {
        *error = QStringLiteral("--class-opt-start must be mean or zero");
        return false;
    }
    bool ok = false;
    settings->lambda = p.value(QStringLiteral("class-opt-lambda")).toDouble(&ok);
    if (!ok || !(settings->lambda >= 0) || settings->lambda > 1e6) {
        *error = QStringLiteral("--class-opt-lambda must be a number from 0 to 1e6");
        return false;
    }
    return intOption(p, QStringLiteral("class-opt-steps"), 1, 1000000, &settings->maxSteps, error);
}

} // namespace ac::cli
