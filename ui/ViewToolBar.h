#pragma once

#include "AlphaScale.h"
#include "interpret/IgBaseline.h"

#include <QString>
#include <QToolBar>

class QAction;
class QComboBox;
class QDoubleSpinBox;

namespace ac
{

/**
 * The window's navigation tool bar: back/forward, the colour map, the α colour scale (see
 * AlphaScale: 0 … k × uniform by default, a fixed 0 … α, 0 … gene max or gene min … max), the
 * gene view's attribution choice (with the baseline of integrated gradients, shown while they
 * are chosen) and a zoom reset. It holds the choices and reports changes by
 * signal; the window applies them.
 *
 * GUI thread only. Owns its widgets; the back/forward actions stay the caller's.
 */
class ViewToolBar : public QToolBar
{
    Q_OBJECT
public:
    ViewToolBar(QAction* back, QAction* forward, QWidget* parent = nullptr);

    QString gradient() const;
    AlphaScale alphaScale() const;
    /// Colour map and α scale (its parameter clamped to what the spin box allows).
    void setColourSettings(const QString& gradient, const AlphaScale& scale);
    /// "none" or an attribution method key (see MainWindow::setAttribution()).
    QString attribution() const;
    void setAttribution(const QString& key);
    /// The baseline x₀ of the gene view's integrated gradients.
    IgBaselineKind igBaseline() const;
    void setIgBaseline(IgBaselineKind kind);

Q_SIGNALS:
    void gradientChanged(const QString& name);
    void alphaScaleChanged(const ac::AlphaScale& scale);
    void attributionChanged();
    void resetZoom();

private:
    void addColourControls();
    void addAttributionBox();
    /// Fits the spin box to the scale's mode (× uniform, an α value, or unused).
    void setParameterMode(int mode, double value);

    QComboBox* m_gradientBox = nullptr;
    QComboBox* m_rangeBox = nullptr;
    QDoubleSpinBox* m_rangeParameter = nullptr;
    QComboBox* m_attributionBox = nullptr;
    QComboBox* m_baselineBox = nullptr;
    QAction* m_baselineAction = nullptr; ///< shows m_baselineBox while IG is chosen
};

} // namespace ac
