#include "ViewToolBar.h"

#include "PlotPalette.h"
#include "interpret/AttributionMethod.h"

#include <QAction>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>

#include <iterator>

namespace ac
{

namespace
{

// The gene view's attribution choices (mark ablation is marks × 1 and has no heatmap).
const AttributionMethod kGeneAttributions[] = {
    AttributionMethod::Saliency, AttributionMethod::InputTimesGradient,
    AttributionMethod::IntegratedGradients, AttributionMethod::Occlusion};
const char* const kGeneAttributionLabels[] = {"saliency", "input × gradient",
                                              "integrated gradients", "occlusion"};

} // namespace

ViewToolBar::ViewToolBar(QAction* back, QAction* forward, QWidget* parent)
    : QToolBar(QStringLiteral("Navigation"), parent)
{
    setObjectName(QStringLiteral("navToolbar"));
    addAction(back);
    addAction(forward);
    addSeparator();
    addColourControls();
    addAttributionBox();
    addSeparator();
    addAction(QStringLiteral("Reset zoom"), this, &ViewToolBar::resetZoom);
}

void ViewToolBar::addColourControls()
{
    addWidget(new QLabel(QStringLiteral(" Colour map "), this));
    m_gradientBox = new QComboBox(this);
    m_gradientBox->addItems(PlotPalette::gradientNames());
    addWidget(m_gradientBox);
    connect(m_gradientBox, &QComboBox::currentTextChanged, this, &ViewToolBar::gradientChanged);
    addWidget(new QLabel(QStringLiteral("  α range "), this));
    m_rangeBox = new QComboBox(this);
    m_rangeBox->addItems({QStringLiteral("auto per gene"), QStringLiteral("fixed 0 –")});
    m_rangeBox->setToolTip(QStringLiteral("α colour scale: each gene's own min–max, or one fixed "
                                          "range shared by all genes so that they compare"));
    addWidget(m_rangeBox);
    m_rangeUpper = new QDoubleSpinBox(this);
    m_rangeUpper->setDecimals(3);
    m_rangeUpper->setRange(0.001, 1.0);
    m_rangeUpper->setSingleStep(0.01);
    m_rangeUpper->setValue(0.05);
    m_rangeUpper->setToolTip(QStringLiteral("Upper end of the fixed α range (uniform attention "
                                            "over 100 bins is 0.01)"));
    m_rangeUpper->setEnabled(false);
    addWidget(m_rangeUpper);
    const auto applyRange = [this] {
        m_rangeUpper->setEnabled(m_rangeBox->currentIndex() == 1);
        Q_EMIT alphaRangeChanged(fixedUpper());
    };
    connect(m_rangeBox, &QComboBox::currentIndexChanged, this, applyRange);
    connect(m_rangeUpper, &QDoubleSpinBox::valueChanged, this, applyRange);
}

void ViewToolBar::addAttributionBox()
{
    addWidget(new QLabel(QStringLiteral("  Attribution "), this));
    m_attributionBox = new QComboBox(this);
    m_attributionBox->addItem(QStringLiteral("none"), QStringLiteral("none"));
    for (std::size_t i = 0; i < std::size(kGeneAttributions); ++i)
        m_attributionBox->addItem(QString::fromUtf8(kGeneAttributionLabels[i]),
                                  attributionMethodKey(kGeneAttributions[i]));
    m_attributionBox->setToolTip(
        QStringLiteral("Attribution map of the selected run for the shown gene, drawn below α"));
    addWidget(m_attributionBox);
    connect(m_attributionBox, &QComboBox::currentIndexChanged, this,
            &ViewToolBar::attributionChanged);
}

QString ViewToolBar::gradient() const
{
    return m_gradientBox->currentText();
}

double ViewToolBar::fixedUpper() const
{
    return m_rangeBox->currentIndex() == 1 ? m_rangeUpper->value() : 0.0;
}

void ViewToolBar::setColourSettings(const QString& gradient, double fixedUpper)
{
    m_gradientBox->setCurrentText(gradient);
    if (fixedUpper > 0)
        m_rangeUpper->setValue(fixedUpper);
    m_rangeBox->setCurrentIndex(fixedUpper > 0 ? 1 : 0);
}

QString ViewToolBar::attribution() const
{
    return m_attributionBox->currentData().toString();
}

void ViewToolBar::setAttribution(const QString& key)
{
    const int i = m_attributionBox->findData(key);
    m_attributionBox->setCurrentIndex(i >= 0 ? i : 0);
}

} // namespace ac
