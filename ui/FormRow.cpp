#include "FormRow.h"

#include <QHBoxLayout>
#include <QWidget>

namespace ac
{

QWidget* formRow(QWidget* field, QWidget* side, bool fieldStretches)
{
    auto* row = new QWidget;
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(field, fieldStretches ? 1 : 0);
    layout->addWidget(side, fieldStretches ? 0 : 1);
    return row;
}

} // namespace ac
