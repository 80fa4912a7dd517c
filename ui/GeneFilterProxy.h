#pragma once

#include <QSortFilterProxyModel>

#include <vector>

namespace ac
{

class GeneListModel;

/**
 * Filters a GeneListModel by search text (symbol or Ensembl id, case-insensitive substring),
 * split, label, predicted class, correctness and a gene list (GeneListFile); sorts numerically
 * (p as a number).
 * Predicted/correct filters pass everything when the model has no p. GUI thread only.
 */
class GeneFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    /// -1 = any for every filter. split: 0 train, 1 valid, 2 test; label/predicted: 0 low, 1 high;
    /// correct: 0 incorrect, 1 correct.
    explicit GeneFilterProxy(QObject* parent = nullptr);

    void setSearchText(const QString& text);
    void setSplitFilter(int split);
    void setLabelFilter(int label);
    void setPredictedFilter(int predicted);
    void setCorrectFilter(int correct);
    /// Only the genes flagged in `listed` (one flag per gene of the model, as
    /// GeneListFile::membership() gives); empty shows every gene.
    void setListFilter(std::vector<bool> listed);
    bool hasListFilter() const { return !m_listed.empty(); }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    const GeneListModel* genes() const;
    QString m_search;
    int m_split = -1;
    int m_label = -1;
    int m_predicted = -1;
    int m_correct = -1;
    std::vector<bool> m_listed;
};

} // namespace ac
