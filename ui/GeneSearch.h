#pragma once

#include <QWidget>

#include <memory>

class QCompleter;
class QLabel;
class QLineEdit;
class QStringListModel;

namespace ac
{

class GeneAnnotation;
class GeneListModel;

/**
 * The gene search of the study dock: a field with a completion popup of the cell's gene symbols
 * and Ensembl ids (case-insensitive, by prefix), and a line under it that says why Return found
 * nothing. Return (or a pick from the popup) chooses only the gene whose symbol, Ensembl id or
 * REMC id is exactly the text; anything else never jumps to some substring match. Instead it
 * says whether the name is a gene the annotation knows but the cell does not have ("not in this
 * study"), is part of some names of the list (which the list filter then shows), or is no known
 * gene at all.
 *
 * Reads the genes from a GeneListModel (not owned; rebuilt on its reset). The bundled gene table
 * of the cell's assembly is loaded on the first miss only. GUI thread only.
 */
class GeneSearch : public QWidget
{
    Q_OBJECT
public:
    explicit GeneSearch(const GeneListModel* genes, QWidget* parent = nullptr);
    ~GeneSearch() override;

    /// The cell the genes belong to and the assembly of its loci (empty: hg19), for messages.
    void setCell(const QString& cell, const QString& assembly);
    /// Focuses the field with its text selected (Ctrl+F).
    void focusSearch();
    /// What Return does with `text`: emits geneChosen() for an exact name, else says why not.
    void submit(const QString& text);

    QLineEdit* lineEdit() const { return m_edit; }
    QCompleter* completer() const { return m_completer; }
    /// The last miss explained ("" after a hit or an edit).
    QString message() const;

Q_SIGNALS:
    /// The gene (index in the cell's order) whose exact name was entered or picked.
    void geneChosen(int geneIndex);
    void textChanged(const QString& text);

private:
    void rebuildCompletions();
    QString missMessage(const QString& text);
    int substringMatches(const QString& text) const;

    const GeneListModel* m_genes;
    QLineEdit* m_edit = nullptr;
    QCompleter* m_completer = nullptr;
    QStringListModel* m_completions = nullptr;
    QLabel* m_message = nullptr;
    QString m_cell;
    QString m_assembly;
    std::unique_ptr<GeneAnnotation> m_annotation; ///< of m_annotationAssembly, loaded on a miss
    QString m_annotationAssembly;
};

} // namespace ac
