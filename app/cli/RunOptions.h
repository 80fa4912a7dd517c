#pragma once

#include "domain/CellData.h"
#include "domain/RunRecord.h"
#include "domain/RunResults.h"
#include "domain/TrainConfig.h"
#include "interpret/ClassOptimum.h"
#include "store/StudyFile.h"

#include <QCommandLineParser>
#include <QString>
#include <memory>

namespace ac::cli
{

/// Reads option `name` as an integer in [min, max]; false with `error` ("--name must be ...").
bool intOption(const QCommandLineParser& p, const QString& name, int min, int max, int* out,
               QString* error);
/// Reads option `name`, when set, into the training setting `config->*field` and checks the
/// result with TrainConfig::validate(); false with `error` ("--name must be an integer, not 'x'",
/// or "--name: " and the rule it breaks). `config` must be valid on entry (so the rule broken is
/// this option's): read one option after another into a default config.
bool trainOption(const QCommandLineParser& p, const QString& name, int TrainConfig::*field,
                 TrainConfig* config, QString* error);
bool trainOption(const QCommandLineParser& p, const QString& name, double TrainConfig::*field,
                 TrainConfig* config, QString* error);

/// Sets the torch thread count of the calling thread: `requested`, or every core when 0.
void setInferenceThreads(int requested);

/// A stored run opened for evaluate / predict / attention.
struct OpenedRun {
    std::unique_ptr<StudyFile> study;
    RunRecord run;
    CellData cell;      ///< the run's cell, with X
    RunResults results; ///< p, α, β of every gene with the chosen weights (cached or computed)
};

/// The run to use: `run` when given, else the active run of `cell` (ac::activeRun(): the run the
/// GUI shows, the user's choice or the best complete run by validation AUROC); false with
/// `error` naming the study when neither is given, the run is unknown or the cell has no run.
bool chooseRun(const StudyFile& study, const QString& run, const QString& cell, QString* out,
               QString* error);

/// Opens the study of --study and chooses the run of --run (else the active run of --cell, said
/// on stderr); sets the torch thread count to `threads`. nullptr with `error` naming the study.
std::unique_ptr<StudyFile> openChosenRun(const QCommandLineParser& p, int threads, QString* runId,
                                         QString* error);

/// Opens the study of --study, reads the run of --run (else the active run of --cell) and its cell,
/// and gets the run's results with `which` weights (computing them on `threads` torch threads when
/// not cached); false with `error` naming study and run.
bool openStoredRun(const QCommandLineParser& p, int threads, const QString& which, OpenedRun* out,
                   QString* error);

/// Checks that `which` names stored weights ("best" or "last").
bool checkWeightsChoice(const QString& which, QString* error);

/// Adds --study, --run, --cell (its active run when --run is not given), --weights (best | last)
/// and --threads: the options of every command that reads a stored run (evaluate, predict,
/// attention).
void addStoredRunOptions(QCommandLineParser& p);
/// Reads the options of addStoredRunOptions(); false with `error` when --study, or both --run and
/// --cell, are missing, or --weights or --threads is invalid.
bool readStoredRunOptions(const QCommandLineParser& p, int* threads, QString* which,
                          QString* error);

/// Adds --class-opt-start (mean | zero), --class-opt-lambda and --class-opt-steps: the settings
/// of class optimisation (validate, class-opt).
void addClassOptimisationOptions(QCommandLineParser& p);
/// Reads them into `settings`; false with `error` naming the option on a bad value.
bool readClassOptimisationOptions(const QCommandLineParser& p, ClassOptimisationSettings* settings,
                                  QString* error);

} // namespace ac::cli
