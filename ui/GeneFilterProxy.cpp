#include "GeneFilterProxy.h"

#include "GeneListModel.h"

namespace ac
{

GeneFilterProxy::GeneFilterProxy(QObject* parent) : QSortFilterProxyModel(parent)
{
    setSortRole(GeneListModel::SortRole);
}

const GeneListModel* GeneFilterProxy::genes() const
{
    return qobject_cast<const GeneListModel*>(sourceModel());
}

void GeneFilterProxy::setSearchText(const QString& text)
{
    m_search = text.trimmed();
    invalidateFilter();
}
void GeneFilterProxy::setSplitFilter(int split)
{
    m_split = split;
    invalidateFilter();
}
void GeneFilterProxy::setLabelFilter(int label)
{
    m_label = label;
    invalidateFilter();
}
void GeneFilterProxy::setPredictedFilter(int predicted)
{
    m_predicted = predicted;
    invalidateFilter();
}
void GeneFilterProxy::setCorrectFilter(int correct)
{
    m_correct = correct;
    invalidateFilter();
}

void GeneFilterProxy::setListFilter(std::vector<bool> listed)
{
    m_listed = std::move(listed);
    invalidateFilter();
}

bool GeneFilterProxy::filterAcceptsRow(int row, const QModelIndex&) const
{
    const GeneListModel* m = genes();
    if (!m || row >= m->geneCount())
        return false;
    if (!m_listed.empty() && (std::size_t(row) >= m_listed.size() || !m_listed[std::size_t(row)]))
        return false;
    if (!m_search.isEmpty()) {
        const GeneRecord& g = m->gene(row);
        if (!g.symbol.contains(m_search, Qt::CaseInsensitive) &&
            !g.ensemblId.contains(m_search, Qt::CaseInsensitive) && !g.remcId.contains(m_search))
            return false;
    }
    if (m_split >= 0 && int(m->split(row)) != m_split)
        return false;
    if (m_label >= 0 && m->label(row) != m_label)
        return false;
    const float p = m->p(row);
    if (p >= 0) {
        const int predicted = p >= 0.5f ? 1 : 0;
        if (m_predicted >= 0 && predicted != m_predicted)
            return false;
        if (m_correct >= 0 && m->label(row) >= 0 && int(predicted == m->label(row)) != m_correct)
            return false;
    }
    return true;
}

} // namespace ac
