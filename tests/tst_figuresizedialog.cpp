// The figure-size dialog of exports (issue 14, export): journal-column presets, proportional
// height until edited, inches, font size and DPI.
#include "FigureSizeDialog.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QSpinBox>
#include <QtTest>

using namespace ac;

class TestFigureSizeDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void presetsAndProportions()
    {
        const FigureSize shown = FigureSize::fromPixels(QSize(900, 600), 300);
        FigureSizeDialog d(QStringLiteral("png"), shown, shown, true);
        if (qEnvironmentVariableIsSet("AC_KEEP_PNG")) {
            d.show();
            QVERIFY(QTest::qWaitForWindowExposed(&d));
            d.grab().save(QStringLiteral("/tmp/figs/dialog.png"));
        }
        QVERIFY(qAbs(d.size().widthMm - shown.widthMm) < 0.1); // "as on screen"
        QCOMPARE(d.findChildren<QComboBox*>().at(0)->currentIndex(), 2);
        auto boxes = d.findChildren<QComboBox*>();
        QComboBox* preset = boxes.at(0);
        QComboBox* unit = boxes.at(1);
        preset->setCurrentIndex(0); // one journal column
        QCOMPARE(d.size().widthMm, FigureSize::kOneColumnMm);
        QVERIFY(qAbs(d.size().heightMm - FigureSize::kOneColumnMm * 600 / 900) < 0.1);
        preset->setCurrentIndex(1); // two columns
        QCOMPARE(d.size().widthMm, FigureSize::kTwoColumnMm);
        // A height typed by the user stays when the width changes.
        auto spins = d.findChildren<QDoubleSpinBox*>();
        QDoubleSpinBox* width = spins.at(0);
        QDoubleSpinBox* height = spins.at(1);
        height->setValue(50);
        width->setValue(100);
        QCOMPARE(d.size().heightMm, 50.0);
        QCOMPARE(preset->currentIndex(), 3); // custom
        // Inches show the same size.
        unit->setCurrentIndex(1);
        QVERIFY(qAbs(width->value() - 100 / 25.4) < 0.01);
        QVERIFY(qAbs(d.size().widthMm - 100) < 0.2);
        spins.at(2)->setValue(7);
        d.findChild<QSpinBox*>()->setValue(600);
        QCOMPARE(d.size().fontPt, 7.0);
        QCOMPARE(d.size().dpi, 600);
    }
};

QTEST_MAIN(TestFigureSizeDialog)
#include "tst_figuresizedialog.moc"
