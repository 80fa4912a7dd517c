// attentivechrome: the desktop application.
#include "MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("AttentiveChromeStudio"));
    QApplication::setApplicationName(QStringLiteral("AttentiveChrome Studio"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Browse genes, histone-mark signals and AttentiveChrome attention."));
    parser.addHelpOption();
    QCommandLineOption demo(QStringLiteral("demo"), QStringLiteral("Open the bundled demo study."));
    QCommandLineOption study(QStringLiteral("study"), QStringLiteral("Open the study FILE."), QStringLiteral("FILE"));
    parser.addOption(demo);
    parser.addOption(study);
    parser.process(app);

    ac::MainWindow window;
    window.show();
    if (parser.isSet(study)) {
        window.openStudy(parser.value(study));
    } else if (parser.isSet(demo) || !window.restoreSession()) {
        // First start (or --demo): the bundled demo, copied so the bundle stays untouched.
        const QString path = ac::MainWindow::prepareDemoStudy();
        if (!path.isEmpty()) window.openStudy(path);
        else if (parser.isSet(demo))
            QMessageBox::warning(&window, window.windowTitle(), QStringLiteral("No bundled demo study was found."));
    }
    return QApplication::exec();
}
