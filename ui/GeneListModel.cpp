#include "GeneListModel.h"

#include "session/StudyQueries.h"

#include <QBrush>
#include <QColor>

namespace ac
{

GeneListModel::GeneListModel(QObject* parent) : QAbstractTableModel(parent) {}

void GeneListModel::setGenes(std::vector<GeneRecord> genes, std::vector<std::uint8_t> labels,
                             std::vector<Split> splits)
{
    beginResetModel();
    m_genes = std::move(genes);
    m_labels = labels.size() == m_genes.size() ? std::move(labels) : std::vector<std::uint8_t>();
    m_splits = splits.size() == m_genes.size() ? std::move(splits) : std::vector<Split>();
    m_p.clear();
    endResetModel();
}

void GeneListModel::setP(std::vector<float> p)
{
    m_p = p.size() == m_genes.size() ? std::move(p) : std::vector<float>();
    if (!m_genes.empty())
        Q_EMIT dataChanged(index(0, P), index(rowCount() - 1, P));
}

int GeneListModel::label(int i) const
{
    return m_labels.empty() ? -1 : int(m_labels[std::size_t(i)]);
}
Split GeneListModel::split(int i) const
{
    return m_splits.empty() ? Split::Train : m_splits[std::size_t(i)];
}
float GeneListModel::p(int i) const
{
    return m_p.empty() ? -1.0f : m_p[std::size_t(i)];
}

QString GeneListModel::displayName(int i) const
{
    const GeneRecord& g = gene(i);
    return !g.symbol.isEmpty() ? g.symbol : !g.ensemblId.isEmpty() ? g.ensemblId : g.remcId;
}

int GeneListModel::find(const QString& text) const
{
    return findGene(m_genes, text);
}

int GeneListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : geneCount();
}

int GeneListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant GeneListModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= geneCount())
        return {};
    const int i = index.row();
    if (role == GeneIndexRole)
        return i;
    const GeneRecord& g = gene(i);
    if (role == Qt::DisplayRole || role == SortRole) {
        switch (index.column()) {
        case Symbol:
            return displayName(i);
        case Ensembl:
            return g.ensemblId;
        case SplitCol:
            return m_splits.empty() ? QString() : splitName(split(i));
        case Label:
            if (role == SortRole)
                return label(i);
            return label(i) == 1   ? QStringLiteral("high")
                   : label(i) == 0 ? QStringLiteral("low")
                                   : QString();
        case P:
            if (p(i) < 0)
                return role == SortRole ? QVariant(-1.0) : QVariant();
            return role == SortRole ? QVariant(double(p(i)))
                                    : QVariant(QString::number(p(i), 'f', 3));
        }
    }
    if (role == Qt::ForegroundRole && index.column() == P && p(i) >= 0 && label(i) >= 0) {
        const bool correct = (p(i) >= 0.5f ? 1 : 0) == label(i);
        return QBrush(correct ? agreeColour() : disagreeColour());
    }
    if (role == Qt::ToolTipRole)
        return QStringLiteral("%1 %2 %3:%4 (%5)")
            .arg(displayName(i), g.ensemblId, g.chrom)
            .arg(g.tss)
            .arg(QLatin1Char(g.strand));
    return {};
}

QColor GeneListModel::agreeColour()
{
    return QColor(0x1a, 0x8a, 0x3a);
}

QColor GeneListModel::disagreeColour()
{
    return QColor(0xc0, 0x20, 0x20);
}

QVariant GeneListModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Symbol:
        return QStringLiteral("Gene");
    case Ensembl:
        return QStringLiteral("Ensembl id");
    case SplitCol:
        return QStringLiteral("Split");
    case Label:
        return QStringLiteral("Label");
    case P:
        return QStringLiteral("p(high)");
    }
    return {};
}

} // namespace ac
