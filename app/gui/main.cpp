// attentivechrome: the desktop application.
#include "MainWindow.h"

#include <QApplication>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("AttentiveChromeStudio"));
    QApplication::setApplicationName(QStringLiteral("AttentiveChrome Studio"));
    ac::MainWindow window;
    window.show();
    return QApplication::exec();
}
