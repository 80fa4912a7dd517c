// TrainConfig::validate(): the one rule set of the trainer, the GUI and the CLI (issue 10), each
// rule at its boundaries.
#include "domain/TrainConfig.h"

#include <QtTest>
#include <limits>

using namespace ac;

namespace
{

const double kInf = std::numeric_limits<double>::infinity();
const double kNaN = std::numeric_limits<double>::quiet_NaN();

/// The default config with one setting, named as in the rows, set to `value`.
TrainConfig withSetting(const QString& setting, double value)
{
    TrainConfig c;
    if (setting == QLatin1String("epochs"))
        c.epochs = static_cast<int>(value);
    else if (setting == QLatin1String("batch"))
        c.batchSize = static_cast<int>(value);
    else if (setting == QLatin1String("patience"))
        c.patience = static_cast<int>(value);
    else if (setting == QLatin1String("threads"))
        c.threads = static_cast<int>(value);
    else if (setting == QLatin1String("lr"))
        c.learningRate = value;
    else if (setting == QLatin1String("clip"))
        c.gradClip = value;
    else if (setting == QLatin1String("init"))
        c.initRange = value;
    return c;
}

void addColumns()
{
    QTest::addColumn<QString>("setting");
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("message"); ///< validate()'s error; empty: valid
}

/// A row named "<setting> <value>"; `message` is validate()'s error, or nullptr when valid.
void row(const char* setting, double value, const char* message)
{
    QTest::addRow("%s %.10g", setting, value)
        << QString::fromLatin1(setting) << value << QString::fromUtf8(message ? message : "");
}

/// Checks validate()'s answer and message for the row's config.
void checkRow()
{
    QFETCH(QString, setting);
    QFETCH(double, value);
    QFETCH(QString, message);
    QString error;
    QCOMPARE(withSetting(setting, value).validate(&error), message.isEmpty());
    QCOMPARE(error, message);
}

} // namespace

class TestTrainConfig : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultsAreValid();
    void countBoundaries_data();
    void countBoundaries();
    void realBoundaries_data();
    void realBoundaries();
    void anySeedIsValid();
    void errorIsOptional();
};

void TestTrainConfig::defaultsAreValid()
{
    QString error = QStringLiteral("untouched");
    QVERIFY(TrainConfig().validate(&error));
    QCOMPARE(error, QStringLiteral("untouched"));
}

void TestTrainConfig::countBoundaries_data()
{
    addColumns();
    row("epochs", 0, "training needs epochs from 1 to 100000, not 0");
    row("epochs", 1, nullptr);
    row("epochs", TrainConfig::kMaxEpochs, nullptr);
    row("epochs", TrainConfig::kMaxEpochs + 1,
        "training needs epochs from 1 to 100000, not 100001");
    row("batch", 0, "training needs a batch size from 1 to 1048576, not 0");
    row("batch", 1, nullptr);
    row("batch", TrainConfig::kMaxBatchSize, nullptr);
    row("batch", TrainConfig::kMaxBatchSize + 1,
        "training needs a batch size from 1 to 1048576, not 1048577");
    row("patience", -1,
        "training needs a patience from 0 to 100000 (0 = never stop early), not -1");
    row("patience", 0, nullptr);
    row("patience", TrainConfig::kMaxPatience, nullptr);
    row("patience", TrainConfig::kMaxPatience + 1,
        "training needs a patience from 0 to 100000 (0 = never stop early), not 100001");
    row("threads", -1, "training needs threads from 0 to 1024 (0 = all cores but one), not -1");
    row("threads", 0, nullptr);
    row("threads", TrainConfig::kMaxThreads, nullptr);
    row("threads", TrainConfig::kMaxThreads + 1,
        "training needs threads from 0 to 1024 (0 = all cores but one), not 1025");
}

void TestTrainConfig::countBoundaries()
{
    checkRow();
}

void TestTrainConfig::realBoundaries_data()
{
    addColumns();
    row("lr", 0, "training needs a learning rate in (0, 1], not 0");
    row("lr", -1e-3, "training needs a learning rate in (0, 1], not -0.001");
    row("lr", 1e-20, nullptr);
    row("lr", TrainConfig::kMaxLearningRate, nullptr);
    row("lr", 1.0000001, "training needs a learning rate in (0, 1], not 1.0000001");
    row("lr", 1e38, "training needs a learning rate in (0, 1], not 1e+38");
    row("lr", kNaN, "training needs a learning rate in (0, 1], not nan");
    row("clip", 0, nullptr); // off
    row("clip", -0.5, "training needs a gradient clip >= 0 (0 = off), not -0.5");
    row("clip", kInf, "training needs a gradient clip >= 0 (0 = off), not inf");
    row("clip", kNaN, "training needs a gradient clip >= 0 (0 = off), not nan");
    row("init", 0, "training needs an init range > 0, not 0");
    row("init", 1e-9, nullptr);
    row("init", kInf, "training needs an init range > 0, not inf");
}

void TestTrainConfig::realBoundaries()
{
    checkRow();
}

void TestTrainConfig::anySeedIsValid()
{
    TrainConfig config;
    config.seed = std::numeric_limits<std::uint64_t>::max();
    QVERIFY(config.validate(nullptr));
    config.seed = 0;
    QVERIFY(config.validate(nullptr));
}

void TestTrainConfig::errorIsOptional()
{
    TrainConfig config;
    config.epochs = 0;
    QVERIFY(!config.validate(nullptr));
}

QTEST_GUILESS_MAIN(TestTrainConfig)
#include "tst_trainconfig.moc"
