// TrainConfig::validate(): the one rule set of the trainer, the GUI and the CLI (issue 10), each
// rule at its boundaries.
#include "domain/TrainConfig.h"

#include <QtTest>
#include <functional>
#include <limits>

using namespace ac;

Q_DECLARE_METATYPE(std::function<void(TrainConfig&)>)

class TestTrainConfig : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultsAreValid();
    void boundaries_data();
    void boundaries();
    void errorIsOptional();
};

void TestTrainConfig::defaultsAreValid()
{
    QString error = QStringLiteral("untouched");
    QVERIFY(TrainConfig().validate(&error));
    QCOMPARE(error, QStringLiteral("untouched"));
}

void TestTrainConfig::boundaries_data()
{
    using Change = std::function<void(TrainConfig&)>;
    QTest::addColumn<Change>("change");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("message"); ///< the error, when not valid

    const double inf = std::numeric_limits<double>::infinity();
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const auto row = [](const char* name, Change change, bool valid, const char* message = "") {
        QTest::newRow(name) << change << valid << QString::fromUtf8(message);
    };
    row(
        "epochs 0", [](TrainConfig& c) { c.epochs = 0; }, false,
        "training needs epochs from 1 to 100000, not 0");
    row(
        "epochs 1", [](TrainConfig& c) { c.epochs = 1; }, true);
    row(
        "epochs max", [](TrainConfig& c) { c.epochs = TrainConfig::kMaxEpochs; }, true);
    row(
        "epochs max+1", [](TrainConfig& c) { c.epochs = TrainConfig::kMaxEpochs + 1; }, false,
        "training needs epochs from 1 to 100000, not 100001");

    row(
        "batch 0", [](TrainConfig& c) { c.batchSize = 0; }, false,
        "training needs a batch size from 1 to 1048576, not 0");
    row(
        "batch 1", [](TrainConfig& c) { c.batchSize = 1; }, true);
    row(
        "batch max", [](TrainConfig& c) { c.batchSize = TrainConfig::kMaxBatchSize; }, true);
    row(
        "batch max+1", [](TrainConfig& c) { c.batchSize = TrainConfig::kMaxBatchSize + 1; }, false,
        "training needs a batch size from 1 to 1048576, not 1048577");

    row(
        "lr 0", [](TrainConfig& c) { c.learningRate = 0; }, false,
        "training needs a learning rate in (0, 1], not 0");
    row(
        "lr -1e-3", [](TrainConfig& c) { c.learningRate = -1e-3; }, false,
        "training needs a learning rate in (0, 1], not -0.001");
    row(
        "lr tiny", [](TrainConfig& c) { c.learningRate = 1e-20; }, true);
    row(
        "lr max", [](TrainConfig& c) { c.learningRate = TrainConfig::kMaxLearningRate; }, true);
    row(
        "lr above max", [](TrainConfig& c) { c.learningRate = 1.0000001; }, false,
        "training needs a learning rate in (0, 1], not 1.0000001");
    row(
        "lr 1e38", [](TrainConfig& c) { c.learningRate = 1e38; }, false,
        "training needs a learning rate in (0, 1], not 1e+38");
    row(
        "lr NaN", [nan](TrainConfig& c) { c.learningRate = nan; }, false,
        "training needs a learning rate in (0, 1], not nan");

    row(
        "clip 0 (off)", [](TrainConfig& c) { c.gradClip = 0; }, true);
    row(
        "clip -0.5", [](TrainConfig& c) { c.gradClip = -0.5; }, false,
        "training needs a gradient clip >= 0 (0 = off), not -0.5");
    row(
        "clip inf", [inf](TrainConfig& c) { c.gradClip = inf; }, false,
        "training needs a gradient clip >= 0 (0 = off), not inf");
    row(
        "clip NaN", [nan](TrainConfig& c) { c.gradClip = nan; }, false,
        "training needs a gradient clip >= 0 (0 = off), not nan");

    row(
        "init 0", [](TrainConfig& c) { c.initRange = 0; }, false,
        "training needs an init range > 0, not 0");
    row(
        "init tiny", [](TrainConfig& c) { c.initRange = 1e-9; }, true);
    row(
        "init inf", [inf](TrainConfig& c) { c.initRange = inf; }, false,
        "training needs an init range > 0, not inf");

    row(
        "patience -1", [](TrainConfig& c) { c.patience = -1; }, false,
        "training needs a patience from 0 to 100000 (0 = never stop early), not -1");
    row(
        "patience 0", [](TrainConfig& c) { c.patience = 0; }, true);
    row(
        "patience max", [](TrainConfig& c) { c.patience = TrainConfig::kMaxPatience; }, true);
    row(
        "patience max+1", [](TrainConfig& c) { c.patience = TrainConfig::kMaxPatience + 1; }, false,
        "training needs a patience from 0 to 100000 (0 = never stop early), not 100001");

    row(
        "threads -1", [](TrainConfig& c) { c.threads = -1; }, false,
        "training needs threads from 0 to 1024 (0 = all cores but one), not -1");
    row(
        "threads 0", [](TrainConfig& c) { c.threads = 0; }, true);
    row(
        "threads max", [](TrainConfig& c) { c.threads = TrainConfig::kMaxThreads; }, true);
    row(
        "threads max+1", [](TrainConfig& c) { c.threads = TrainConfig::kMaxThreads + 1; }, false,
        "training needs threads from 0 to 1024 (0 = all cores but one), not 1025");

    row(
        "any seed", [](TrainConfig& c) { c.seed = std::numeric_limits<std::uint64_t>::max(); },
        true);
}

void TestTrainConfig::boundaries()
{
    QFETCH(std::function<void(TrainConfig&)>, change);
    QFETCH(bool, valid);
    QFETCH(QString, message);
    TrainConfig config;
    change(config);
    QString error;
    QCOMPARE(config.validate(&error), valid);
    QCOMPARE(error, valid ? QString() : message);
}

void TestTrainConfig::errorIsOptional()
{
    TrainConfig config;
    config.epochs = 0;
    QVERIFY(!config.validate(nullptr));
}

QTEST_GUILESS_MAIN(TestTrainConfig)
#include "tst_trainconfig.moc"
