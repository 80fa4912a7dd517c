#pragma once

#include "TrainMetaTypes.h"
#include "domain/ModelConfig.h"
#include "domain/RunRecord.h"
#include "domain/TrainConfig.h"

#include <QWidget>

class QComboBox;
class QCustomPlot;
class QDoubleSpinBox;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace ac
{

class TrainingController;

/**
 * The training tab: pick cell type(s), a variant and hyper-parameters (the paper's defaults),
 * Start / Cancel, a progress bar with ETA and live curves (loss and AUROC, train and validation,
 * per epoch). Training runs in a TrainingController's worker thread, so the window stays
 * responsive; each finished run is stored in the study with cached results and announced with
 * runStored().
 *
 * GUI thread only. Owns its controller; destroying the view cancels a running training (the run
 * is kept with status "cancelled").
 */
class TrainingView : public QWidget
{
    Q_OBJECT
public:
    explicit TrainingView(QWidget* parent = nullptr);
    ~TrainingView() override;

    /// The study trained into and its cell types (the current cell is ticked).
    void setStudy(const QString& path, const QStringList& cells, const QString& currentCell);
    void setCheckedCells(const QStringList& cells);
    QStringList checkedCells() const;

    void setModelConfig(const ModelConfig& config);
    ModelConfig modelConfig() const;
    void setTrainConfig(const TrainConfig& config);
    TrainConfig trainConfig() const;
    /// Resets every field to the paper's defaults (threads: all cores but one).
    void resetDefaults();

    /// One request per ticked cell with the form's settings.
    QList<TrainRequest> requests() const;
    /// Starts training; false (reason in statusText()) without study, cells, or while running.
    bool startTraining();
    /// Continues stored run `run` (cancelled or interrupted) from its last weights up to its
    /// planned epochs, with its own settings (trainModel's resume; issue 14); false (reason in
    /// statusText()) without a study or while a training runs.
    bool resumeRun(const RunRecord& run);
    void cancelTraining();
    bool isRunning() const;
    QString statusText() const;

    TrainingController* controller() const { return m_controller; }
    QCustomPlot* lossPlot() const { return m_lossPlot; }
    QCustomPlot* aurocPlot() const { return m_aurocPlot; }

Q_SIGNALS:
    /// A run was stored in the study (with its cached results unless it ended before an epoch).
    void runStored(const QString& runId);
    void trainingFinished();

private:
    void createFields();
    QWidget* buildSettingsPane();
    QWidget* buildProgressPane();
    void onProgress(const TrainProgress& p);
    void onRunStarted(int index, const TrainRequest& request);
    void onRunFinished(bool ok, const QString& message, const QString& runId,
                       const QString& status);
    void onAllFinished();
    void setBusy(bool busy);
    void updateVariantFields();
    bool startRequests(const QList<TrainRequest>& requests);

    TrainingController* m_controller = nullptr;
    QString m_studyPath;
    QListWidget* m_cells = nullptr;
    QComboBox* m_variant = nullptr;
    QSpinBox* m_binHidden = nullptr;
    QSpinBox* m_markHidden = nullptr;
    QSpinBox* m_convFilters = nullptr;
    QSpinBox* m_convKernel = nullptr;
    QSpinBox* m_poolSize = nullptr;
    QSpinBox* m_mlpHidden = nullptr;
    QDoubleSpinBox* m_dropout = nullptr;
    QSpinBox* m_epochs = nullptr;
    QSpinBox* m_batch = nullptr;
    QDoubleSpinBox* m_lr = nullptr;
    QDoubleSpinBox* m_clip = nullptr;
    QDoubleSpinBox* m_initRange = nullptr;
    QSpinBox* m_patience = nullptr;
    QSpinBox* m_seed = nullptr;
    QSpinBox* m_threads = nullptr;
    QPushButton* m_start = nullptr;
    QPushButton* m_cancel = nullptr;
    QPushButton* m_defaults = nullptr;
    QProgressBar* m_bar = nullptr;
    QLabel* m_status = nullptr;
    QPlainTextEdit* m_log = nullptr;
    QCustomPlot* m_lossPlot = nullptr;
    QCustomPlot* m_aurocPlot = nullptr;
};

} // namespace ac
