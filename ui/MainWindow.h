#pragma once

#include <QMainWindow>

namespace ac {

/// The application window (being built in issue 4).
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
};

} // namespace ac
