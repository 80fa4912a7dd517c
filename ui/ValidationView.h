#pragma once

#include "interpret/Validator.h"

#include <QWidget>

class QComboBox;
class QCustomPlot;
class QLabel;
class QTableWidget;

namespace ac
{

/**
 * The validation of one run against a track: the summary table (the same cells as the CLI's
 * agreement.tsv, from Validator::tableRow), the figure of the chosen mark (ValidationFigure) and,
 * per gene, the α of that mark overlaid on the track with their Pearson r; when the report has
 * them, the class-optimal ON and OFF inputs (ClassOptimumFigure) and a note on their convergence
 * and on integrated gradients' completeness (with a warning when it is poor).
 *
 * Receives a plain ValidationReport (copied) and knows nothing of models; the report is computed
 * by Validator::run in a worker thread. GUI thread only. Never throws; a report without α shows
 * the table and figure and an empty gene panel.
 */
class ValidationView : public QWidget
{
    Q_OBJECT
public:
    explicit ValidationView(QWidget* parent = nullptr);
    ~ValidationView() override;

    void setReport(const ValidationReport& report);
    const ValidationReport& report() const { return m_report; }

    /// The mark of the figure and of the gene overlay: a mark name or "sum".
    void setMark(const QString& mark);
    QString mark() const;
    /// Shows gene `index` (into report().genes); ignored when out of range.
    void showGene(int index);
    int shownGene() const { return m_gene; }
    /// Pearson r of α (current mark) and the track for the shown gene; NaN when skipped.
    double shownCorrelation() const { return m_correlation; }

    QTableWidget* table() const { return m_table; }
    QCustomPlot* figure() const { return m_figure; }
    QCustomPlot* genePlot() const { return m_genePlot; }
    /// The class-optimal ON and OFF maps; hidden when the report has none.
    QCustomPlot* classOptimumPlot() const { return m_classPlot; }
    /// Class optimisation's convergence and integrated gradients' completeness, in words.
    QLabel* interpretationLabel() const { return m_interpretation; }

private:
    void refreshFigure();
    void showInterpretation();

    ValidationReport m_report;
    QTableWidget* m_table = nullptr;
    QComboBox* m_markBox = nullptr;
    QComboBox* m_geneBox = nullptr;
    QLabel* m_geneLabel = nullptr;
    QCustomPlot* m_figure = nullptr;
    QCustomPlot* m_genePlot = nullptr;
    QCustomPlot* m_classPlot = nullptr;
    QLabel* m_interpretation = nullptr;
    int m_gene = -1;
    double m_correlation = 0;
};

} // namespace ac
