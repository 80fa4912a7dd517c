#include "interpret/ClassOptimum.h"

namespace ac
{

QString ClassOptimum::summary() const
{
    return QStringLiteral("start %1, lambda %2, %3 steps (Adam, step size %4), %5, objective "
                          "%6 (score %7 from %8, penalty %9)")
        .arg(classOptimisationStartKey(settings.start))
        .arg(settings.lambda, 0, 'g', 3)
        .arg(steps)
        .arg(settings.learningRate, 0, 'g', 3)
        .arg(converged ? QStringLiteral("converged")
                       : QStringLiteral("NOT converged (max %1 steps)").arg(settings.maxSteps))
        .arg(finalObjective(), 0, 'f', 4)
        .arg(score, 0, 'f', 4)
        .arg(startScore, 0, 'f', 4)
        .arg(penalty, 0, 'f', 4);
}

QString classOptimisationStartKey(ClassOptimisationStart start)
{
    return start == ClassOptimisationStart::Zero ? QStringLiteral("zero") : QStringLiteral("mean");
}

bool parseClassOptimisationStart(const QString& key, ClassOptimisationStart* out)
{
    const QString k = key.trimmed().toLower();
    if (k == QLatin1String("mean"))
        *out = ClassOptimisationStart::TrainingMean;
    else if (k == QLatin1String("zero"))
        *out = ClassOptimisationStart::Zero;
    else
        return false;
    return true;
}

} // namespace ac
