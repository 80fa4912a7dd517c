#include "ViewToolBar.h"

#include "PlotPalette.h"
#include "interpret/AttributionMethod.h"

#include <QAction>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QSignalBlocker>

#include <algorithm>
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
    addWidget(new QLabel(QStringLiteral("  α scale "), this));
    m_rangeBox = new QComboBox(this);
    // In the order of AlphaScale::Mode.
    m_rangeBox->addItems({QStringLiteral("0 – k × uniform"), QStringLiteral("0 – fixed α"),
                          QStringLiteral("0 – gene max"),
                          QStringLiteral("gene min – max (stretches noise)")});
    m_rangeBox->setToolTip(
        QStringLiteral("α colour scale. Uniform attention is 1/bins (0.01 for 100 bins).\n"
                       "0 – k × uniform (default) and 0 – fixed α: one scale for every gene; "
                       "values above it are magenta.\n0 – gene max: anchored at 0, per gene.\n"
                       "gene min – max: stretches any difference, noise included, over all "
                       "colours."));
    addWidget(m_rangeBox);
    m_rangeParameter = new QDoubleSpinBox(this);
    addWidget(m_rangeParameter);
    setParameterMode(0, AlphaScale::kDefaultTimesUniform);
    connect(m_rangeBox, &QComboBox::currentIndexChanged, this, [this](int mode) {
        setParameterMode(mode, mode == 1 ? 0.05 : AlphaScale::kDefaultTimesUniform);
        Q_EMIT alphaScaleChanged(alphaScale());
    });
    connect(m_rangeParameter, &QDoubleSpinBox::valueChanged, this,
            [this] { Q_EMIT alphaScaleChanged(alphaScale()); });
}

void ViewToolBar::setParameterMode(int mode, double value)
{
    const QSignalBlocker block(m_rangeParameter);
    if (mode == 1) {
        m_rangeParameter->setDecimals(3);
        m_rangeParameter->setRange(0.001, 1.0);
        m_rangeParameter->setSingleStep(0.01);
        m_rangeParameter->setSuffix(QString());
        m_rangeParameter->setToolTip(QStringLiteral("Top of the fixed α scale (uniform attention "
                                                    "over 100 bins is 0.01)"));
    } else {
        m_rangeParameter->setDecimals(1);
        m_rangeParameter->setRange(1.5, 100.0);
        m_rangeParameter->setSingleStep(1.0);
        m_rangeParameter->setSuffix(QStringLiteral(" × uniform"));
        m_rangeParameter->setToolTip(QStringLiteral("Top of the α scale in multiples of uniform "
                                                    "attention (1/bins)"));
    }
    m_rangeParameter->setValue(value);
    m_rangeParameter->setEnabled(mode <= 1);
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
    m_baselineBox = new QComboBox(this);
    for (IgBaselineKind kind :
         {IgBaselineKind::Zero, IgBaselineKind::Shuffled, IgBaselineKind::TrainingMean})
        m_baselineBox->addItem(QStringLiteral("from %1").arg(IgBaseline::name(kind)), int(kind));
    m_baselineBox->setToolTip(QStringLiteral("Baseline x\u2080 that integrated gradients "
                                             "integrate from"));
    m_baselineAction = addWidget(m_baselineBox);
    m_baselineAction->setVisible(false);
    connect(m_attributionBox, &QComboBox::currentIndexChanged, this, [this] {
        m_baselineAction->setVisible(attribution() ==
                                     attributionMethodKey(AttributionMethod::IntegratedGradients));
        Q_EMIT attributionChanged();
    });
    connect(m_baselineBox, &QComboBox::currentIndexChanged, this, &ViewToolBar::attributionChanged);
}

QString ViewToolBar::gradient() const
{
    return m_gradientBox->currentText();
}

AlphaScale ViewToolBar::alphaScale() const
{
    return AlphaScale(AlphaScale::Mode(m_rangeBox->currentIndex()), m_rangeParameter->value());
}

void ViewToolBar::setColourSettings(const QString& gradient, const AlphaScale& scale)
{
    m_gradientBox->setCurrentText(gradient);
    {
        const QSignalBlocker block(m_rangeBox);
        m_rangeBox->setCurrentIndex(int(scale.mode()));
    }
    setParameterMode(int(scale.mode()),
                     scale.isFixed() ? scale.parameter() : AlphaScale::kDefaultTimesUniform);
    Q_EMIT alphaScaleChanged(alphaScale());
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

IgBaselineKind ViewToolBar::igBaseline() const
{
    return IgBaselineKind(m_baselineBox->currentData().toInt());
}

void ViewToolBar::setIgBaseline(IgBaselineKind kind)
{
    m_baselineBox->setCurrentIndex(std::max(0, m_baselineBox->findData(int(kind))));
}

} // namespace ac
