#pragma once

class QWidget;

namespace ac {

/// A form field with a widget at its right (e.g. a path and its "Browse…" button), as one
/// widget for QFormLayout::addRow, which reparents it. GUI thread only.
QWidget* formRow(QWidget* field, QWidget* side);

} // namespace ac
