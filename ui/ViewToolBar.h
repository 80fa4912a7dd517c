#pragma once

#include <QString>
#include <QToolBar>

class QAction;
class QComboBox;
class QDoubleSpinBox;

namespace ac
{

/**
 * The window's navigation tool bar: back/forward, the colour map, the α colour range (auto per
 * gene or a fixed 0..upper shared by all genes), the gene view's attribution choice and a zoom
 * reset. It holds the choices and reports changes by signal; the window applies them.
 *
 * GUI thread only. Owns its widgets; the back/forward actions stay the caller's.
 */
class ViewToolBar : public QToolBar
{
    Q_OBJECT
public:
    ViewToolBar(QAction* back, QAction* forward, QWidget* parent = nullptr);

    QString gradient() const;
    /// Upper end of the fixed α range, or 0 when the range is auto per gene.
    double fixedUpper() const;
    /// Colour map and α range: `fixedUpper` <= 0 is auto per gene (clamped to 0.001..1).
    void setColourSettings(const QString& gradient, double fixedUpper);
    /// "none" or an attribution method key (see MainWindow::setAttribution()).
    QString attribution() const;
    void setAttribution(const QString& key);

Q_SIGNALS:
    void gradientChanged(const QString& name);
    /// `fixedUpper` 0: auto per gene.
    void alphaRangeChanged(double fixedUpper);
    void attributionChanged();
    void resetZoom();

private:
    void addColourControls();
    void addAttributionBox();

    QComboBox* m_gradientBox = nullptr;
    QComboBox* m_rangeBox = nullptr;
    QDoubleSpinBox* m_rangeUpper = nullptr;
    QComboBox* m_attributionBox = nullptr;
};

} // namespace ac
