#pragma once

#include "train/CellSummary.h"

#include <QWidget>

#include <cstdint>
#include <vector>

class QCustomPlot;
class QCPItemText;
class QLabel;
class QStandardItemModel;
class QTableView;

namespace ac
{

/**
 * How well runs did: the ROC and precision-recall curves of one run on its test genes, and the
 * paper's table of test AUROC per cell type × variant with mean / median / min / max per variant
 * (sortable, exportable as TSV).
 *
 * Receives plain values (scores, labels, a CellSummary); knows nothing of studies or models.
 * GUI thread only. Curves are computed here with metrics::rocCurve / prCurve; undefined curves
 * (one class only) show an explanatory title instead of a plot.
 */
class EvaluationView : public QWidget
{
    Q_OBJECT
public:
    explicit EvaluationView(QWidget* parent = nullptr);
    ~EvaluationView() override;

    /// Curves of run `runId` from its test-split p(high) and 0/1 labels; empty clears.
    void setRunCurves(const QString& runId, const std::vector<float>& p,
                      const std::vector<std::uint8_t>& labels);
    /// The AUROC table (one score per cell type and variant).
    void setSummary(const CellSummary& summary);
    const CellSummary& summary() const { return m_summary; }

    /// Both tables as TSV: "cell <variants…>" rows, a blank line, then the per-variant summary.
    bool saveTsv(const QString& file, QString* error) const;

    QCustomPlot* rocPlot() const { return m_roc; }
    QCustomPlot* prPlot() const { return m_pr; }
    QStandardItemModel* cellTable() const { return m_cellModel; }
    QStandardItemModel* summaryTable() const { return m_summaryModel; }
    QTableView* summaryView() const { return m_summaryView; }
    /// AUROC / AUPR of the curves shown (NaN when undefined).
    double shownAuroc() const { return m_auroc; }
    double shownAupr() const { return m_aupr; }

private:
    void exportDialog();

    QCustomPlot* m_roc = nullptr;
    QCustomPlot* m_pr = nullptr;
    QCPItemText* m_prBaselineLabel = nullptr; ///< names the chance level of precision
    QLabel* m_runLabel = nullptr;
    QTableView* m_cellView = nullptr;
    QTableView* m_summaryView = nullptr;
    QStandardItemModel* m_cellModel = nullptr;
    QStandardItemModel* m_summaryModel = nullptr;
    CellSummary m_summary;
    double m_auroc = 0;
    double m_aupr = 0;
};

} // namespace ac
