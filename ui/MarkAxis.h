#pragma once

#include <QSharedPointer>
#include <QStringList>

class QCPAxis;
class QCPAxisTickerText;

namespace ac
{

/**
 * Names on a QCustomPlot axis instead of numbers: histone marks as the rows of an attention
 * heatmap or the categories of β bars, or any list of names (the maps of the validation figure).
 * The axis keeps a shared pointer to the ticker. GUI thread only; never throws.
 */
class MarkAxis
{
public:
    /// A ticker labelling positions first, first + 1, … with `names`.
    static QSharedPointer<QCPAxisTickerText> ticker(const QStringList& names, double first = 0);
    /// Heatmap rows: mark 0 on top, `count` rows (< 0: one per name), no grid.
    static void setupRows(QCPAxis* axis, const QStringList& names, int count = -1);
    /// Bar categories: `count` slots (< 0: one per name) centred on 0, 1, …, no grid.
    static void setupCategories(QCPAxis* axis, const QStringList& names, int count = -1);
};

} // namespace ac
