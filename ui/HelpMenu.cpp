#include "HelpMenu.h"

#include "GeneListModel.h"

#include <QAction>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFile>
#include <QTextBrowser>
#include <QTextDocument>
#include <QVBoxLayout>

namespace ac
{

HelpMenu::HelpMenu(QWidget* window) : QMenu(QStringLiteral("&Help"), window), m_window(window)
{
    setObjectName(QStringLiteral("helpMenu"));
    m_guideAction = addAction(QStringLiteral("&User guide"));
    m_guideAction->setShortcut(QKeySequence::HelpContents);
    connect(m_guideAction, &QAction::triggered, this, [this] {
        m_guide =
            showText(m_guide, QStringLiteral("User guide"), userGuideText(), true, QSize(820, 640));
    });
    m_legendAction = addAction(QStringLiteral("&Colour legend"));
    connect(m_legendAction, &QAction::triggered, this, [this] {
        m_legend = showText(m_legend, QStringLiteral("Colour legend"), legendText(), false,
                            QSize(520, 300));
    });
    addSeparator();
    m_aboutAction = addAction(QStringLiteral("&About AttentiveChrome Studio"));
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, [this] {
        m_about = showText(m_about, QStringLiteral("About AttentiveChrome Studio"), aboutText(),
                           false, QSize(560, 420));
    });
}

QString HelpMenu::aboutText()
{
    return QStringLiteral(
               "<h3>AttentiveChrome Studio %1</h3>"
               "<p>Trains the AttentiveChrome model on histone-mark signals around each gene's "
               "TSS and shows, for every gene, which marks (β) and which positions (α) drove the "
               "prediction of its expression, beside an H3K27ac track that validates them.</p>"
               "<p><b>Please cite the paper whose model this is:</b><br>Ritambhara Singh, Jack "
               "Lanchantin, Arshdeep Sekhon, Yanjun Qi. <i>Attend and Predict: Understanding Gene "
               "Regulation by Selective Attention on Chromatin.</i> Advances in Neural "
               "Information Processing Systems 30 (NIPS 2017).</p>"
               "<p>Licence: MIT (Expat). The bundled gene tables (Ensembl GRCh37 and GRCh38, "
               "from Bioconductor's TCGAbiolinksGUI.data) are GPL-3+.</p>")
        .arg(QStringLiteral(PROJECT_VERSION));
}

QString HelpMenu::legendText()
{
    return QStringLiteral(
               "<h3>Gene list: p(high)</h3>"
               "<p>p(high) is the selected run's probability that the gene's expression is above "
               "the cell type's median; the model predicts <i>high</i> when p ≥ 0.5.</p>"
               "<p><span style='color:%1'><b>0.912</b></span> green: the prediction agrees with "
               "the gene's true label (high and p ≥ 0.5, or low and p &lt; 0.5).<br>"
               "<span style='color:%2'><b>0.274</b></span> red: it disagrees.<br>"
               "Black or empty: no run with results, or no label.</p>"
               "<p>Filters: <i>Predicted class</i> keeps genes by the model's call (low / high); "
               "<i>Correctness</i> keeps genes whose call agrees (correct) or disagrees "
               "(incorrect) with the true label.</p>")
        .arg(GeneListModel::agreeColour().name(), GeneListModel::disagreeColour().name());
}

QString HelpMenu::userGuideText()
{
    QFile readme(QStringLiteral(":/doc/README.md"));
    if (!readme.open(QIODevice::ReadOnly))
        return QStringLiteral("The user guide is not bundled with this build (README.md).");
    return QString::fromUtf8(readme.readAll());
}

QDialog* HelpMenu::showText(QDialog* existing, const QString& title, const QString& text,
                            bool markdown, QSize size)
{
    QDialog* dialog = existing;
    if (!dialog) {
        dialog = new QDialog(m_window);
        dialog->setWindowTitle(title);
        auto* browser = new QTextBrowser(dialog);
        browser->setOpenExternalLinks(true);
        if (markdown) // placeholders such as <cell> are text, not HTML tags
            browser->document()->setMarkdown(
                text, QTextDocument::MarkdownFeatures(QTextDocument::MarkdownDialectGitHub |
                                                      QTextDocument::MarkdownNoHTML));
        else
            browser->setHtml(text);
        auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
        connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
        auto* lay = new QVBoxLayout(dialog);
        lay->addWidget(browser);
        lay->addWidget(buttons);
        dialog->resize(size);
    }
    dialog->show();
    dialog->raise();
    dialog->activateWindow();
    return dialog;
}

} // namespace ac
