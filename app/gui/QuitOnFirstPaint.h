#pragma once

#include <QObject>

namespace ac
{

/**
 * An application-wide event filter for the start-up benchmark (`attentivechrome
 * --quit-after-first-paint`, timed by `attentivechrome-cli bench start`): once a widget has been
 * painted for the first time and that paint pass has ended, prints "painted" on stdout and quits
 * the application. Install it on the QApplication; it lives on the GUI thread.
 */
class QuitOnFirstPaint : public QObject
{
public:
    using QObject::QObject;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    bool m_painted = false;
};

} // namespace ac
