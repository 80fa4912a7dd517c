#pragma once

#include "domain/CellData.h"
#include "domain/RunRecord.h"
#include "domain/WeightArray.h"
#include "model/ChromatinModel.h"
#include "train/FlatAdam.h"
#include "train/RunSink.h"
#include "train/Trainer.h"
#include "train/TrainingSplit.h"

#include <torch/torch.h>

#include <QElapsedTimer>
#include <cstdint>
#include <memory>
#include <vector>

namespace ac
{

class StudyFile;

/**
 * One training, from request to stored run, in named steps: validate the request, prepare the
 * run (a new record or the stored one to resume, and its cell), build the model, then for each
 * epoch train, evaluate, keep the best weights and end the epoch (finish, save when due, or go
 * on). The study is written only through a RunSink. trainModel() runs it; the contract
 * (statuses, saves, cancel, resume, errors) is trainModel()'s.
 *
 * Single use: construct, then execute() once. Blocking; use from one thread. Owns the model and
 * its optimiser. Errors come back in the outcome, except what LibTorch throws, which propagates
 * (trainModel() turns it into an error outcome).
 */
class TrainingRun
{
public:
    TrainingRun(const TrainRequest& request, const TrainCallback& progress);
    ~TrainingRun();

    TrainOutcome execute();

private:
    /// What one epoch's pass over the training genes gathered, in the epoch's (shuffled) order.
    struct EpochPass {
        double lossSum = 0; ///< summed over genes
        std::vector<float> scores;
        std::vector<std::uint8_t> labels;
    };

    bool validateRequest();
    bool prepare();
    bool resumeStoredRun(const StudyFile& study);
    bool startNewRun(const StudyFile& study);
    bool loadCell(const StudyFile& study);
    bool buildModel();

    bool trainEpoch(int epoch, const QElapsedTimer& clock, EpochPass* pass);
    double trainBatch(const torch::Tensor& genes, torch::Tensor* p);
    bool reportBatch(int epoch, int batch, double meanLoss, const QElapsedTimer& clock);
    EpochMetrics evaluate(int epoch, const EpochPass& pass);
    void keepBest(const EpochMetrics& m);
    bool endEpoch(const EpochMetrics& m, double trainSeconds, const QElapsedTimer& clock);
    bool saveEpoch(int epoch);

    void finish(const QString& status);
    void cancel();
    void failOnLoss(double loss, int epoch, int batch);

    const TrainRequest m_request;
    const TrainCallback m_progress;
    const bool m_resuming;
    TrainOutcome m_outcome; ///< its `error` collects the step that failed
    RunSink m_sink;

    RunRecord m_run;
    Weights m_best;
    Weights m_last;
    CellData m_cell;

    std::shared_ptr<ChromatinModelImpl> m_model;
    std::unique_ptr<FlatAdam> m_optimizer; ///< declared after the model it points into
    TrainingSplit m_train;
    TrainingSplit m_valid;
    TrainingSplit m_test;
    int m_batches = 0;    ///< per epoch
    int m_firstEpoch = 1; ///< the first epoch of this training (later when resuming)
    double m_bestAuroc = 0;
    double m_lastEvalSeconds = 0; ///< evaluation and saving time of the last epoch
};

} // namespace ac
