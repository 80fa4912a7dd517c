#include "GeneSearch.h"

#include "GeneListModel.h"
#include "data/GeneAnnotation.h"
#include "domain/GenomeAssembly.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QLabel>
#include <QLineEdit>
#include <QStringListModel>
#include <QVBoxLayout>

namespace ac
{

GeneSearch::GeneSearch(const GeneListModel* genes, QWidget* parent)
    : QWidget(parent), m_genes(genes)
{
    m_edit = new QLineEdit(this);
    m_edit->setObjectName(QStringLiteral("geneSearch"));
    m_edit->setPlaceholderText(QStringLiteral("Search symbol or Ensembl id… (Ctrl+F)"));
    m_edit->setClearButtonEnabled(true);
    m_completions = new QStringListModel(this);
    m_completer = new QCompleter(m_completions, this);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setModelSorting(QCompleter::CaseInsensitivelySortedModel);
    m_completer->setFilterMode(Qt::MatchStartsWith);
    m_completer->setMaxVisibleItems(12);
    m_edit->setCompleter(m_completer);
    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    m_message->setVisible(false);
    auto* lay = new QVBoxLayout(this);
    lay->setContentsMargins(0, 0, 0, 0);
    lay->setSpacing(2);
    lay->addWidget(m_edit);
    lay->addWidget(m_message);

    connect(m_edit, &QLineEdit::textChanged, this, [this](const QString& text) {
        m_message->clear();
        m_message->setVisible(false);
        Q_EMIT textChanged(text);
    });
    connect(m_edit, &QLineEdit::returnPressed, this, [this] { submit(m_edit->text()); });
    connect(m_completer, qOverload<const QString&>(&QCompleter::activated), this,
            &GeneSearch::submit);
    connect(genes, &QAbstractItemModel::modelReset, this, &GeneSearch::rebuildCompletions);
    rebuildCompletions();
}

GeneSearch::~GeneSearch() = default;

void GeneSearch::setCell(const QString& cell, const QString& assembly)
{
    m_cell = cell;
    m_assembly = assembly.isEmpty() ? GenomeAssembly::defaultName() : assembly;
}

void GeneSearch::focusSearch()
{
    m_edit->setFocus(Qt::ShortcutFocusReason);
    m_edit->selectAll();
}

QString GeneSearch::message() const
{
    return m_message->text();
}

void GeneSearch::rebuildCompletions()
{
    QStringList names;
    names.reserve(2 * m_genes->geneCount());
    for (int i = 0; i < m_genes->geneCount(); ++i) {
        const GeneRecord& g = m_genes->gene(i);
        names << m_genes->displayName(i);
        if (!g.ensemblId.isEmpty() && g.ensemblId != names.constLast())
            names << g.ensemblId;
    }
    names.sort(Qt::CaseInsensitive);
    names.removeDuplicates();
    m_completions->setStringList(names);
}

void GeneSearch::submit(const QString& text)
{
    const QString t = text.trimmed();
    if (t.isEmpty())
        return;
    const int g = m_genes->find(t);
    if (g >= 0) {
        m_message->clear();
        m_message->setVisible(false);
        Q_EMIT geneChosen(g);
        return;
    }
    m_message->setText(missMessage(t));
    m_message->setVisible(true);
}

int GeneSearch::substringMatches(const QString& text) const
{
    int n = 0;
    for (int i = 0; i < m_genes->geneCount(); ++i)
        if (m_genes->displayName(i).contains(text, Qt::CaseInsensitive) ||
            m_genes->gene(i).ensemblId.contains(text, Qt::CaseInsensitive))
            ++n;
    return n;
}

QString GeneSearch::missMessage(const QString& text)
{
    const QString cell = m_cell.isEmpty() ? QStringLiteral("this cell type") : m_cell;
    if (const int n = substringMatches(text); n > 0)
        return QStringLiteral("No gene is named '%1'; %2 gene(s) of %3 contain it: pick one in "
                              "the list or the suggestions.")
            .arg(text)
            .arg(n)
            .arg(cell);
    if (!m_annotation || m_annotationAssembly != m_assembly) {
        m_annotation = std::make_unique<GeneAnnotation>();
        m_annotationAssembly = m_assembly;
        QString unreadable;
        if (!m_annotation->loadBundled(&unreadable, m_assembly))
            return QStringLiteral("No gene '%1' in %2 (the gene table to look it up in could not "
                                  "be read: %3).")
                .arg(text, cell, unreadable);
    }
    const GeneRecord* known = m_annotation->findSymbol(text);
    if (!known)
        known = m_annotation->findEnsembl(text);
    if (!known)
        known = m_annotation->findEnsembl(GeneAnnotation::ensemblFromRemcId(text));
    if (known)
        return QStringLiteral("%1 (%2, %3) is a known %4 gene, but not in this study: cell %5 "
                              "has no data for it.")
            .arg(known->symbol.isEmpty() ? text : known->symbol, known->ensemblId, known->chrom,
                 m_assembly, cell);
    return QStringLiteral("'%1' is not a gene: no symbol, Ensembl or REMC id of %2 or of the %3 "
                          "gene table.")
        .arg(text, cell, m_assembly);
}

} // namespace ac
