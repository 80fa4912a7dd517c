#include "FigureSizeDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSpinBox>

#include <cmath>

namespace ac
{

namespace
{

// Presets in the order of the combo box; 0 mm: the figure as on screen.
const double kPresetMm[] = {FigureSize::kOneColumnMm, FigureSize::kTwoColumnMm, 0};

} // namespace

FigureSizeDialog::FigureSizeDialog(const QString& format, const FigureSize& shown,
                                   const FigureSize& initial, bool askHeight, QWidget* parent)
    : QDialog(parent), m_shown(shown), m_png(format == QLatin1String("png"))
{
    setWindowTitle(QStringLiteral("Figure size (%1)").arg(format.toUpper()));
    m_preset = new QComboBox(this);
    m_preset->addItems({QStringLiteral("one journal column (89 mm)"),
                        QStringLiteral("two journal columns (183 mm)"),
                        QStringLiteral("as on screen"), QStringLiteral("custom")});
    m_unit = new QComboBox(this);
    m_unit->addItems({QStringLiteral("mm"), QStringLiteral("in")});
    m_width = new QDoubleSpinBox(this);
    m_height = new QDoubleSpinBox(this);
    for (QDoubleSpinBox* b : {m_width, m_height}) {
        b->setDecimals(1);
        b->setRange(10, 1000);
        b->setSuffix(QStringLiteral(" mm"));
    }
    m_font = new QDoubleSpinBox(this);
    m_font->setRange(0, 30);
    m_font->setDecimals(1);
    m_font->setSingleStep(0.5);
    m_font->setSpecialValueText(QStringLiteral("as on screen"));
    m_font->setSuffix(QStringLiteral(" pt"));
    m_font->setToolTip(QStringLiteral("Size of the tick labels; titles and labels in proportion"));
    m_dpi = new QSpinBox(this);
    m_dpi->setRange(30, 2400);
    m_dpi->setSingleStep(50);
    m_pixels = new QLabel(this);

    auto* form = new QFormLayout(this);
    form->addRow(QStringLiteral("Width"), m_preset);
    form->addRow(QString(), m_width);
    form->addRow(QStringLiteral("Unit"), m_unit);
    form->addRow(QStringLiteral("Height"), m_height);
    form->addRow(QStringLiteral("Font size"), m_font);
    form->addRow(QStringLiteral("Resolution (DPI)"), m_dpi);
    form->addRow(QString(), m_pixels);
    form->setRowVisible(m_height, askHeight);
    form->setRowVisible(m_dpi, m_png);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    form->addRow(buttons);

    m_width->setValue(initial.widthMm);
    m_height->setValue(initial.heightMm);
    m_font->setValue(initial.fontPt);
    m_dpi->setValue(initial.dpi);
    int preset = 3;
    for (int i = 0; i < 3; ++i)
        if (std::abs((kPresetMm[i] > 0 ? kPresetMm[i] : shown.widthMm) - initial.widthMm) < 0.05)
            preset = i;
    m_preset->setCurrentIndex(preset);
    connect(m_preset, &QComboBox::currentIndexChanged, this, &FigureSizeDialog::onPresetChanged);
    connect(m_unit, &QComboBox::currentIndexChanged, this, &FigureSizeDialog::onUnitChanged);
    connect(m_width, &QDoubleSpinBox::valueChanged, this, &FigureSizeDialog::onWidthChanged);
    connect(m_height, &QDoubleSpinBox::valueChanged, this, [this] {
        m_heightEdited = !m_updating;
        onWidthChanged();
    });
    connect(m_dpi, &QSpinBox::valueChanged, this, &FigureSizeDialog::onWidthChanged);
    onWidthChanged();
}

double FigureSizeDialog::toMm(double value) const
{
    return m_inches ? value * FigureSize::kMmPerInch : value;
}

double FigureSizeDialog::fromMm(double mm) const
{
    return m_inches ? mm / FigureSize::kMmPerInch : mm;
}

void FigureSizeDialog::onPresetChanged(int index)
{
    if (index < 0 || index > 2)
        return;
    const double mm = kPresetMm[index] > 0 ? kPresetMm[index] : m_shown.widthMm;
    m_heightEdited = false;
    m_width->setValue(fromMm(mm));
}

void FigureSizeDialog::onWidthChanged()
{
    m_updating = true;
    if (!m_heightEdited)
        m_height->setValue(fromMm(m_shown.withWidth(toMm(m_width->value())).heightMm));
    {
        const QSignalBlocker block(m_preset);
        int preset = 3;
        for (int i = 0; i < 3; ++i)
            if (std::abs((kPresetMm[i] > 0 ? kPresetMm[i] : m_shown.widthMm) -
                         toMm(m_width->value())) < 0.05)
                preset = i;
        m_preset->setCurrentIndex(preset);
    }
    m_updating = false;
    const FigureSize s = size();
    m_pixels->setText(
        QStringLiteral("%1 × %2 mm").arg(s.widthMm, 0, 'f', 1).arg(s.heightMm, 0, 'f', 1) +
        (m_png ? QStringLiteral(" (PNG: %1 × %2 pixels)")
                     .arg(std::lround(s.widthMm / FigureSize::kMmPerInch * s.dpi))
                     .arg(std::lround(s.heightMm / FigureSize::kMmPerInch * s.dpi))
               : QString()));
}

void FigureSizeDialog::onUnitChanged()
{
    const double w = toMm(m_width->value()), h = toMm(m_height->value());
    m_inches = m_unit->currentIndex() == 1;
    m_updating = true;
    for (QDoubleSpinBox* b : {m_width, m_height}) {
        const QSignalBlocker block(b);
        b->setDecimals(m_inches ? 2 : 1);
        b->setRange(fromMm(10), fromMm(1000));
        b->setSuffix(m_inches ? QStringLiteral(" in") : QStringLiteral(" mm"));
    }
    {
        const QSignalBlocker bw(m_width), bh(m_height);
        m_width->setValue(fromMm(w));
        m_height->setValue(fromMm(h));
    }
    m_updating = false;
    onWidthChanged();
}

FigureSize FigureSizeDialog::size() const
{
    FigureSize s;
    s.widthMm = toMm(m_width->value());
    s.heightMm = toMm(m_height->value());
    s.fontPt = m_font->value();
    s.dpi = m_dpi->value();
    return s;
}

bool FigureSizeDialog::ask(QWidget* parent, const QString& format, const FigureSize& shown,
                           bool askHeight, FigureSize* size)
{
    FigureSizeDialog dialog(format, shown, *size, askHeight, parent);
    if (dialog.exec() != QDialog::Accepted)
        return false;
    *size = dialog.size();
    return true;
}

} // namespace ac
