#pragma once

#include <vector>

namespace ac
{

/// Back/forward through visited gene indices, like a browser. Plain value; any thread.
class GeneHistory
{
public:
    /// Records a visit; drops the forward part. Visiting the current gene again is a no-op.
    void visit(int gene);
    bool canGoBack() const { return m_pos > 0; }
    bool canGoForward() const { return m_pos + 1 < int(m_items.size()); }
    /// The gene to show, or -1 when there is nowhere to go.
    int back();
    int forward();
    int current() const { return m_pos >= 0 ? m_items[std::size_t(m_pos)] : -1; }
    void clear()
    {
        m_items.clear();
        m_pos = -1;
    }

private:
    std::vector<int> m_items;
    int m_pos = -1;
};

} // namespace ac
