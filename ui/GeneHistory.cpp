#include "GeneHistory.h"

namespace ac
{

void GeneHistory::visit(int gene)
{
    if (current() == gene)
        return;
    m_items.resize(std::size_t(m_pos + 1));
    m_items.push_back(gene);
    m_pos = int(m_items.size()) - 1;
}

int GeneHistory::back()
{
    if (!canGoBack())
        return -1;
    return m_items[std::size_t(--m_pos)];
}

int GeneHistory::forward()
{
    if (!canGoForward())
        return -1;
    return m_items[std::size_t(++m_pos)];
}

} // namespace ac
