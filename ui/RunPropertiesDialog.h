#pragma once

#include "domain/RunRecord.h"

#include <QDialog>
#include <QPair>
#include <QStringList>

class QTableWidget;

namespace ac
{

/**
 * A run's properties (issue 14, item 3): name, id, note, cell, status, dates, the model and its
 * sizes, every training hyper-parameter (epochs, batch size, learning rate, clip, init range,
 * patience, seed, threads) and the best epoch's AUROCs, as a read-only two-column table whose
 * text can be selected and copied.
 *
 * GUI thread only; owns its widgets. Shows the RunRecord it is given; reads nothing itself.
 */
class RunPropertiesDialog : public QDialog
{
    Q_OBJECT
public:
    RunPropertiesDialog(const RunRecord& run, bool active, QWidget* parent = nullptr);

    /// The rows the dialog shows: (property, value).
    static QList<QPair<QString, QString>> properties(const RunRecord& run, bool active);
    QTableWidget* table() const { return m_table; }

private:
    QTableWidget* m_table = nullptr;
};

} // namespace ac
