// attentivechrome-cli import-weights: stores weights trained elsewhere (e.g. by the reference
// PyTorch code, converted by packaging/tools/convert_pytorch_weights.py) as a run of a study.
#include "CliCommand.h"
#include "CliSupport.h"

#include "model/ModelFactory.h"
#include "model/ModelWeights.h"
#include "store/StudyEditor.h"
#include "store/StudyFile.h"
#include "store/WeightsReaderProcess.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>

namespace ac::cli
{

namespace
{

QString kindKeys()
{
    QStringList keys;
    for (ModelKind k : {ModelKind::AttentiveChrome, ModelKind::LstmAlpha, ModelKind::Lstm,
                        ModelKind::DeepChrome, ModelKind::CnnAlphaBeta})
        keys << modelKindKey(k);
    return keys.join(QStringLiteral(", "));
}

// torch.save() writes a zip archive (PyTorch >= 1.6) or a pickle (protocol 2, byte 0x80 0x02).
bool looksLikePyTorch(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    const QByteArray head = f.read(4);
    return head.startsWith("PK\x03\x04") || head.startsWith("\x80\x02");
}

void addOptions(QCommandLineParser& p)
{
    p.addOption(
        {QStringLiteral("study"), QStringLiteral("Study file (.h5)."), QStringLiteral("FILE")});
    p.addOption({QStringLiteral("cell"),
                 QStringLiteral("Cell type of the study the weights were trained on."),
                 QStringLiteral("CELL")});
    p.addOption({QStringLiteral("weights"),
                 QStringLiteral("Weights file: HDF5 with one dataset per parameter in /weights."),
                 QStringLiteral("FILE")});
    p.addOption({QStringLiteral("kind"), QStringLiteral("Model variant: %1.").arg(kindKeys()),
                 QStringLiteral("KIND"), QStringLiteral("attentivechrome")});
    p.addOption({QStringLiteral("run-id"),
                 QStringLiteral("Id of the new run (default: <cell>-<kind>-imported-<time>)."),
                 QStringLiteral("ID")});
}

// Checks the cell and the new run id against the study (opened read-only and closed again,
// before the editor copies it); fills the bins and marks of `config`, a default `runId` and the
// digest of the cell's data the run is imported for.
bool checkStudy(const QString& studyPath, const QString& cellName, ModelConfig* config,
                QString* runId, QString* cellDigest, QString* error)
{
    auto study = StudyFile::open(studyPath, error);
    if (!study)
        return false;
    if (!study->cellNames().contains(cellName)) {
        *error = QStringLiteral("%1: no cell '%2' (cells: %3)")
                     .arg(studyPath, cellName, study->cellNames().join(QStringLiteral(", ")));
        return false;
    }
    CellData cell;
    if (!study->readCellIndex(cellName, &cell, error))
        return false;
    if (runId->isEmpty())
        *runId =
            QStringLiteral("%1-%2-imported-%3")
                .arg(cellName, modelKindKey(config->kind),
                     QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss")));
    if (study->runIds().contains(*runId)) {
        *error =
            QStringLiteral("%1: run '%2' exists; choose another --run-id").arg(studyPath, *runId);
        return false;
    }
    config->binCount = cell.binCount;
    config->markCount = cell.markCount;
    *cellDigest = study->cellDigest(cellName);
    return true;
}

// Reads `weightsPath` into a model of `config`; the weights in the model's names and order.
bool loadWeights(const QString& weightsPath, const ModelConfig& config, Weights* out,
                 QString* error)
{
    // In a child process: a damaged file may crash or hang HDF5 (WeightsReaderProcess).
    Weights weights;
    if (!WeightsReaderProcess().read(weightsPath, &weights, error)) {
        if (looksLikePyTorch(weightsPath))
            *error += QStringLiteral(" (a PyTorch file: convert it first with "
                                     "packaging/tools/convert_pytorch_weights.py)");
        return false;
    }
    auto model = makeModel(config);
    if (!importWeights(*model, weights, error)) {
        *error =
            QStringLiteral("%1: %2 (model %3)").arg(weightsPath, *error, modelKindKey(config.kind));
        return false;
    }
    *out = exportWeights(*model);
    return true;
}

} // namespace

int runImportWeights(const QStringList& args)
{
    const QString cmd = QStringLiteral("import-weights");
    QCommandLineParser p;
    addOptions(p);
    int code = 0;
    if (!parseArguments(p, cmd,
                        QStringLiteral("Validate weights against a model variant and store them as "
                                       "a run with status \"imported\"."),
                        args, &code))
        return code;
    if (QString missing; !requireOptions(p, {"study", "cell", "weights"}, &missing))
        return fail(cmd, missing);

    ModelConfig config;
    const QString kindKey = p.value(QStringLiteral("kind"));
    if (!parseModelKind(kindKey, &config.kind))
        return fail(cmd, QStringLiteral("unknown --kind '%1' (%2)").arg(kindKey, kindKeys()));

    const QString studyPath = p.value(QStringLiteral("study"));
    const QString cellName = p.value(QStringLiteral("cell"));
    const QString weightsPath = p.value(QStringLiteral("weights"));
    QString runId = p.value(QStringLiteral("run-id"));
    QString err;
    Weights stored;
    RunRecord run;
    if (!checkStudy(studyPath, cellName, &config, &runId, &run.cellDigest, &err) ||
        !loadWeights(weightsPath, config, &stored, &err))
        return fail(cmd, err);

    run.id = runId;
    run.cell = cellName;
    run.model = config;
    run.created = QDateTime::currentDateTimeUtc();
    run.status = QStringLiteral("imported");
    auto editor = StudyEditor::begin(studyPath, &err);
    if (!editor || !editor->writeRun(run, stored, stored, &err) || !editor->commit(&err))
        return fail(cmd, err);
    printLine(
        QStringLiteral("imported %1 parameters from %2 as run %3 (%4) of cell %5")
            .arg(stored.size())
            .arg(QFileInfo(weightsPath).fileName(), runId, modelKindName(config.kind), cellName));
    return 0;
}

} // namespace ac::cli
