#pragma once

class QWidget;

namespace ac
{

/// A form field with a widget at its right (e.g. a path and its "Browse…" button, or a choice
/// and a hint), as one widget for QFormLayout::addRow, which reparents it. The field takes the
/// spare width, or the side widget when `fieldStretches` is false. GUI thread only.
QWidget* formRow(QWidget* field, QWidget* side, bool fieldStretches = true);

} // namespace ac
