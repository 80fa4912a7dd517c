// The Help menu (ui/HelpMenu), issue 14 (Help menu): user guide, colour legend and About, which
// names the version, the paper to cite and the licence.
#include "GeneListModel.h"
#include "HelpMenu.h"
#include "MainWindow.h"

#include <QAction>
#include <QDialog>
#include <QMenuBar>
#include <QStandardPaths>
#include <QTextBrowser>
#include <QtTest>

using namespace ac;

class TestHelpMenu : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("AttentiveChromeStudioTest"));
    }

    void windowHasTheMenu()
    {
        MainWindow w;
        auto* help = w.findChild<HelpMenu*>();
        QVERIFY(help);
        QVERIFY(w.menuBar()->actions().contains(help->menuAction()));
        QCOMPARE(help->actions().size(), 4); // guide, legend, separator, About
        QCOMPARE(help->userGuideAction()->shortcut(), QKeySequence(QKeySequence::HelpContents));
    }

    void aboutNamesVersionPaperAndLicence()
    {
        const QString about = HelpMenu::aboutText();
        QVERIFY2(about.contains(QStringLiteral("AttentiveChrome Studio 0.")), qPrintable(about));
        QVERIFY(QRegularExpression(QStringLiteral("Studio \\d+\\.\\d+\\.\\d+"))
                    .match(about)
                    .hasMatch());
        QVERIFY(about.contains(QStringLiteral("Attend and Predict: Understanding Gene Regulation "
                                              "by Selective Attention on Chromatin")));
        QVERIFY(about.contains(QStringLiteral("Singh")));
        QVERIFY(about.contains(QStringLiteral("NIPS 2017")));
        QVERIFY(about.contains(QStringLiteral("Licence: MIT")));
        HelpMenu menu(nullptr);
        menu.aboutAction()->trigger();
        QVERIFY(menu.aboutDialog() && menu.aboutDialog()->isVisible());
        auto* text = menu.aboutDialog()->findChild<QTextBrowser*>();
        QVERIFY(text && text->toPlainText().contains(QStringLiteral("Attend and Predict")));
        delete menu.aboutDialog();
    }

    void legendUsesTheListsColours()
    {
        const QString legend = HelpMenu::legendText();
        QVERIFY(legend.contains(GeneListModel::agreeColour().name()));
        QVERIFY(legend.contains(GeneListModel::disagreeColour().name()));
        QVERIFY(legend.contains(QStringLiteral("green: the prediction agrees")));
        QVERIFY(legend.contains(QStringLiteral("red: it disagrees")));
        QVERIFY(legend.contains(QStringLiteral("Predicted class")));
        QVERIFY(legend.contains(QStringLiteral("Correctness")));
    }

    void userGuideIsTheReadme()
    {
        const QString guide = HelpMenu::userGuideText();
        QVERIFY(guide.startsWith(QStringLiteral("# AttentiveChrome Studio")));
        QVERIFY(guide.contains(QStringLiteral("## Using the application")));
        HelpMenu menu(nullptr);
        menu.userGuideAction()->trigger();
        QVERIFY(menu.userGuideDialog() && menu.userGuideDialog()->isVisible());
        auto* text = menu.userGuideDialog()->findChild<QTextBrowser*>();
        QVERIFY(text && text->toPlainText().contains(QStringLiteral("Using the application")));
        delete menu.userGuideDialog();
    }
};

QTEST_MAIN(TestHelpMenu)
#include "tst_helpmenu.moc"
