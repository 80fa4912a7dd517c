#include "domain/TrainConfig.h"

#include <QJsonValue>
#include <QLocale>
#include <algorithm>
#include <cmath>
#include <thread>

namespace ac
{

namespace
{

bool readNumber(const QJsonObject& o, const char* key, double* out, QString* error)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined())
        return true;
    if (!v.isDouble()) {
        *error = QStringLiteral("training config: \"%1\" must be a number").arg(QLatin1String(key));
        return false;
    }
    *out = v.toDouble();
    return true;
}

/// `v` exactly (the shortest text that reads back as `v`), so a value just out of range is not
/// shown as the limit.
QString exact(double v)
{
    return QString::number(v, 'g', QLocale::FloatingPointShortest);
}

} // namespace

bool TrainConfig::validate(QString* error) const
{
    QString rule;
    if (epochs < 1 || epochs > kMaxEpochs)
        rule = QStringLiteral("epochs from 1 to %1, not %2").arg(kMaxEpochs).arg(epochs);
    else if (batchSize < 1 || batchSize > kMaxBatchSize)
        rule =
            QStringLiteral("a batch size from 1 to %1, not %2").arg(kMaxBatchSize).arg(batchSize);
    else if (!(learningRate > 0 && learningRate <= kMaxLearningRate))
        rule = QStringLiteral("a learning rate in (0, %1], not %2")
                   .arg(exact(kMaxLearningRate), exact(learningRate));
    else if (!(gradClip >= 0) || !std::isfinite(gradClip))
        rule = QStringLiteral("a gradient clip >= 0 (0 = off), not %1").arg(exact(gradClip));
    else if (!(initRange > 0) || !std::isfinite(initRange))
        rule = QStringLiteral("an init range > 0, not %1").arg(exact(initRange));
    else if (patience < 0 || patience > kMaxPatience)
        rule = QStringLiteral("a patience from 0 to %1 (0 = never stop early), not %2")
                   .arg(kMaxPatience)
                   .arg(patience);
    else if (threads < 0 || threads > kMaxThreads)
        rule = QStringLiteral("threads from 0 to %1 (0 = all cores but one), not %2")
                   .arg(kMaxThreads)
                   .arg(threads);
    if (rule.isEmpty())
        return true;
    if (error)
        *error = QStringLiteral("training needs ") + rule;
    return false;
}

QJsonObject TrainConfig::toJson() const
{
    return QJsonObject{{QStringLiteral("epochs"), epochs},
                       {QStringLiteral("batch_size"), batchSize},
                       {QStringLiteral("learning_rate"), learningRate},
                       {QStringLiteral("grad_clip"), gradClip},
                       {QStringLiteral("init_range"), initRange},
                       {QStringLiteral("patience"), patience},
                       // JSON numbers are doubles: keep the 64-bit seed exact as a string.
                       {QStringLiteral("seed"), QString::number(seed)},
                       {QStringLiteral("threads"), threads}};
}

bool TrainConfig::fromJson(const QJsonObject& o, TrainConfig* out, QString* error)
{
    TrainConfig c;
    double epochs = c.epochs, batch = c.batchSize, patience = c.patience, threads = c.threads;
    if (!readNumber(o, "epochs", &epochs, error) || !readNumber(o, "batch_size", &batch, error) ||
        !readNumber(o, "learning_rate", &c.learningRate, error) ||
        !readNumber(o, "grad_clip", &c.gradClip, error) ||
        !readNumber(o, "init_range", &c.initRange, error) ||
        !readNumber(o, "patience", &patience, error) || !readNumber(o, "threads", &threads, error))
        return false;
    if (epochs < 1 || batch < 1 || patience < 0 || threads < 0 || c.learningRate <= 0 ||
        c.initRange <= 0) {
        *error = QStringLiteral("training config: epochs and batch size must be >= 1, patience "
                                "and threads >= 0, learning rate and init range > 0");
        return false;
    }
    c.epochs = static_cast<int>(epochs);
    c.batchSize = static_cast<int>(batch);
    c.patience = static_cast<int>(patience);
    c.threads = static_cast<int>(threads);
    const QJsonValue seed = o.value(QStringLiteral("seed"));
    if (!seed.isUndefined()) {
        bool ok = false;
        c.seed = seed.isString() ? seed.toString().toULongLong(&ok)
                                 : static_cast<std::uint64_t>(seed.toDouble());
        if (seed.isDouble())
            ok = seed.toDouble() >= 0;
        if (!ok) {
            *error = QStringLiteral("training config: \"seed\" must be a non-negative integer");
            return false;
        }
    }
    *out = c;
    return true;
}

int TrainConfig::threadCount() const
{
    if (threads > 0)
        return threads;
    const int cores = static_cast<int>(std::thread::hardware_concurrency());
    return std::max(1, cores - 1);
}

} // namespace ac
