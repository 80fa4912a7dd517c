#pragma once

#include "FigureSize.h"

#include <QDialog>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QSpinBox;

namespace ac
{

/**
 * Asks for the physical size of an exported figure: a width (one journal column, two columns,
 * as on screen, or any width) in mm or inches, the height (proportional to the shown figure
 * until edited; hidden when several figures of their own proportions are written), the font
 * size in points (or as on screen) and, for PNG, the resolution. The same size is used for PNG,
 * SVG and PDF.
 *
 * GUI thread only; owns its widgets. Never fails: values out of range cannot be entered.
 */
class FigureSizeDialog : public QDialog
{
    Q_OBJECT
public:
    /// `shown`: the figure as on screen (its proportions); `initial`: the values to start with.
    FigureSizeDialog(const QString& format, const FigureSize& shown, const FigureSize& initial,
                     bool askHeight, QWidget* parent = nullptr);

    FigureSize size() const;

    /// Runs the dialog; false when cancelled, else `size` is the choice.
    static bool ask(QWidget* parent, const QString& format, const FigureSize& shown, bool askHeight,
                    FigureSize* size);

private:
    void onPresetChanged(int index);
    void onWidthChanged();
    void onUnitChanged();
    double toMm(double value) const;
    double fromMm(double mm) const;

    FigureSize m_shown;
    bool m_png = false;
    QComboBox* m_preset = nullptr;
    QComboBox* m_unit = nullptr;
    QDoubleSpinBox* m_width = nullptr;
    QDoubleSpinBox* m_height = nullptr;
    QDoubleSpinBox* m_font = nullptr;
    QSpinBox* m_dpi = nullptr;
    QLabel* m_pixels = nullptr;
    bool m_inches = false;
    bool m_heightEdited = false;
    bool m_updating = false;
};

} // namespace ac
