#pragma once

#include "domain/GeneRecord.h"
#include "domain/Split.h"

#include <QAbstractTableModel>
#include <QColor>

#include <cstdint>
#include <vector>

namespace ac
{

/**
 * The genes of one cell type as a table: symbol, Ensembl id, split, label, p(high), predicted
 * class, correct. Plain data in (no study or model access); GUI thread only.
 * Column values for sorting are numeric under Qt::UserRole; Qt::UserRole + 1 is the gene index.
 */
class GeneListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Symbol, Ensembl, SplitCol, Label, P, ColumnCount };
    static constexpr int GeneIndexRole = Qt::UserRole + 1;
    static constexpr int SortRole = Qt::UserRole;

    explicit GeneListModel(QObject* parent = nullptr);

    /// Replaces all genes; `labels` and `splits` must have one entry per gene (else ignored).
    void setGenes(std::vector<GeneRecord> genes, std::vector<std::uint8_t> labels,
                  std::vector<Split> splits);
    /// P(high) per gene from the selected run; empty clears the p column.
    void setP(std::vector<float> p);

    int geneCount() const { return int(m_genes.size()); }
    const GeneRecord& gene(int i) const { return m_genes[std::size_t(i)]; }
    const std::vector<GeneRecord>& genes() const { return m_genes; }
    int label(int i) const;
    Split split(int i) const;
    /// < 0 when no run is selected.
    float p(int i) const;
    /// Display name: symbol, else Ensembl id, else REMC id.
    QString displayName(int i) const;
    /// Colours of p(high) in the table: the prediction (p ≥ 0.5 = high) agrees with the true
    /// label, or not. The Help menu's legend shows the same.
    static QColor agreeColour();
    static QColor disagreeColour();
    /// Gene index for a symbol or Ensembl id (case-insensitive, exact) or a REMC id, or -1
    /// (ac::findGene()).
    int find(const QString& text) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation o, int role) const override;

private:
    std::vector<GeneRecord> m_genes;
    std::vector<std::uint8_t> m_labels;
    std::vector<Split> m_splits;
    std::vector<float> m_p;
};

} // namespace ac
