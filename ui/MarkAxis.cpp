#include "MarkAxis.h"

#include "QcpInclude.h"

namespace ac
{

QSharedPointer<QCPAxisTickerText> MarkAxis::ticker(const QStringList& names, double first)
{
    auto t = QSharedPointer<QCPAxisTickerText>::create();
    for (int i = 0; i < names.size(); ++i)
        t->addTick(first + i, names.at(i));
    return t;
}

void MarkAxis::setupRows(QCPAxis* axis, const QStringList& names, int count)
{
    const double n = count < 0 ? double(names.size()) : double(count);
    axis->setTicker(ticker(names));
    axis->setRange(-0.5, n - 0.5);
    axis->setRangeReversed(true);
    axis->grid()->setVisible(false);
}

void MarkAxis::setupCategories(QCPAxis* axis, const QStringList& names, int count)
{
    const double n = count < 0 ? double(names.size()) : double(count);
    axis->setTicker(ticker(names));
    axis->setRange(-0.6, n - 0.4);
    axis->grid()->setVisible(false);
}

} // namespace ac
