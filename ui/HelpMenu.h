#pragma once

#include <QMenu>
#include <QString>

class QAction;
class QDialog;

namespace ac
{

/**
 * The window's Help menu: the user guide (the README, shown as formatted text), the legend of
 * the gene list's colours (p(high) in green or red), and About (version, the paper to cite,
 * licence). Each opens a non-modal dialog parented to the window, reused when opened again.
 *
 * GUI thread only. Owns its actions; the dialogs belong to the window.
 */
class HelpMenu : public QMenu
{
    Q_OBJECT
public:
    explicit HelpMenu(QWidget* window);

    QAction* userGuideAction() const { return m_guideAction; }
    QAction* legendAction() const { return m_legendAction; }
    QAction* aboutAction() const { return m_aboutAction; }

    /// The About text (HTML): program, version, what it does, the paper to cite, licence.
    static QString aboutText();
    /// The colour legend (HTML), in the gene list's own colours.
    static QString legendText();
    /// The user guide: the README bundled into the program (Markdown).
    static QString userGuideText();

    /// The dialog an action opened last (nullptr before): for tests and the window.
    QDialog* userGuideDialog() const { return m_guide; }
    QDialog* legendDialog() const { return m_legend; }
    QDialog* aboutDialog() const { return m_about; }

private:
    QDialog* showText(QDialog* existing, const QString& title, const QString& text, bool markdown,
                      QSize size);

    QWidget* m_window;
    QAction* m_guideAction = nullptr;
    QAction* m_legendAction = nullptr;
    QAction* m_aboutAction = nullptr;
    QDialog* m_guide = nullptr;
    QDialog* m_legend = nullptr;
    QDialog* m_about = nullptr;
};

} // namespace ac
