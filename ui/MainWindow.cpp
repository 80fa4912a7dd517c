#include "MainWindow.h"

namespace ac {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent)
{
    setWindowTitle(QStringLiteral("AttentiveChrome Studio"));
}

} // namespace ac
