#include "RunPropertiesDialog.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLocale>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>

namespace ac
{

namespace
{

QString number(double x, int decimals)
{
    return std::isnan(x) ? QStringLiteral("—") : QString::number(x, 'f', decimals);
}

QString modelSizes(const ModelConfig& m)
{
    switch (m.kind) {
    case ModelKind::DeepChrome:
        return QStringLiteral("%1 filters of width %2, pooling %3, %4 hidden units, dropout %5")
            .arg(m.convFilters)
            .arg(m.convKernel)
            .arg(m.poolSize)
            .arg(m.mlpHidden)
            .arg(m.dropout);
    case ModelKind::CnnAlphaBeta:
        return QStringLiteral("%1 filters of width %2, mark LSTM %3 per direction")
            .arg(m.convFilters)
            .arg(m.convKernel)
            .arg(m.markHidden);
    default:
        return QStringLiteral("bin LSTM %1, mark LSTM %2 hidden units per direction")
            .arg(m.binHidden)
            .arg(m.markHidden);
    }
}

} // namespace

QList<QPair<QString, QString>> RunPropertiesDialog::properties(const RunRecord& run, bool active)
{
    const TrainConfig& t = run.train;
    QList<QPair<QString, QString>> rows{
        {QStringLiteral("Name"), run.displayName()},
        {QStringLiteral("Run id"), run.id},
        {QStringLiteral("Cell type"), run.cell},
        {QStringLiteral("Status"),
         run.status + (active ? QStringLiteral(" (active run)") : QString())},
        {QStringLiteral("Created"), run.created.toString(Qt::ISODate)},
        {QStringLiteral("Note"), run.note},
        {QStringLiteral("Model"), modelKindName(run.model.kind)},
        {QStringLiteral("Model sizes"), modelSizes(run.model)},
        {QStringLiteral("Input"),
         QStringLiteral("%1 marks × %2 bins").arg(run.model.markCount).arg(run.model.binCount)},
        {QStringLiteral("Epochs planned"), QString::number(t.epochs)},
        {QStringLiteral("Epochs trained"), QString::number(run.epochs.size())},
        {QStringLiteral("Batch size"), QString::number(t.batchSize)},
        {QStringLiteral("Learning rate"), QString::number(t.learningRate, 'g', 6)},
        {QStringLiteral("Gradient-norm clip"),
         t.gradClip > 0 ? QString::number(t.gradClip, 'g', 6) : QStringLiteral("off")},
        {QStringLiteral("Initial weights"), QStringLiteral("uniform(−%1, %1)").arg(t.initRange)},
        {QStringLiteral("Early-stopping patience"),
         t.patience > 0 ? QStringLiteral("%1 epochs").arg(t.patience) : QStringLiteral("off")},
        {QStringLiteral("Seed"), QString::number(t.seed)},
        {QStringLiteral("Threads"),
         t.threads > 0 ? QString::number(t.threads) : QStringLiteral("all cores but one")},
    };
    if (const auto best = run.bestMetrics()) {
        rows.append({QStringLiteral("Best epoch"), QString::number(run.bestEpoch)});
        rows.append({QStringLiteral("Validation AUROC (best epoch)"), number(best->validAuroc, 4)});
        rows.append({QStringLiteral("Test AUROC (best epoch)"), number(best->testAuroc, 4)});
    }
    return rows;
}

RunPropertiesDialog::RunPropertiesDialog(const RunRecord& run, bool active, QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(QStringLiteral("Run %1").arg(run.displayName()));
    const QList<QPair<QString, QString>> rows = properties(run, active);
    m_table = new QTableWidget(int(rows.size()), 2, this);
    m_table->setHorizontalHeaderLabels({QStringLiteral("Property"), QStringLiteral("Value")});
    for (int r = 0; r < rows.size(); ++r) {
        m_table->setItem(r, 0, new QTableWidgetItem(rows[r].first));
        m_table->setItem(r, 1, new QTableWidgetItem(rows[r].second));
    }
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->resizeColumnToContents(0);
    m_table->setWordWrap(true);
    m_table->resizeRowsToContents();
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_table);
    layout->addWidget(buttons);
    resize(560, 520);
}

} // namespace ac
