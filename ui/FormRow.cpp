#include "FormRow.h"

#include <QHBoxLayout>
#include <QWidget>

namespace ac {

QWidget* formRow(QWidget* field, QWidget* side)
{
    auto* row = new QWidget;
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(field, 1);
    layout->addWidget(side);
    return row;
}

} // namespace ac
