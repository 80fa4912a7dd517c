#include "train/CellSummary.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ac
{

CellSummary summariseRuns(const std::vector<CellSummary::Entry>& entries)
{
    CellSummary s;
    for (const CellSummary::Entry& e : entries) {
        if (!s.cells.contains(e.cell))
            s.cells.append(e.cell);
        if (!s.variants.contains(e.variant))
            s.variants.append(e.variant);
    }
    const std::size_t nv = static_cast<std::size_t>(s.variants.size());
    constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
    s.scores.assign(static_cast<std::size_t>(s.cells.size()) * nv, kNaN);
    for (int i = 0; i < s.cells.size() * s.variants.size(); ++i)
        s.runIds << QString();
    for (const CellSummary::Entry& e : entries) {
        const std::size_t at = static_cast<std::size_t>(s.cells.indexOf(e.cell)) * nv +
                               static_cast<std::size_t>(s.variants.indexOf(e.variant));
        s.scores[at] = e.score;
        s.runIds[static_cast<int>(at)] = e.runId;
    }

    s.rows.resize(nv);
    for (std::size_t v = 0; v < nv; ++v) {
        CellSummary::Row& row = s.rows[v];
        row.variant = s.variants[static_cast<int>(v)];
        std::vector<double> values;
        for (int c = 0; c < s.cells.size(); ++c) {
            const double x = s.score(c, static_cast<int>(v));
            if (!std::isnan(x))
                values.push_back(x);
        }
        row.cells = static_cast<int>(values.size());
        if (values.empty()) {
            row.mean = row.median = row.min = row.max = kNaN;
            continue;
        }
        std::sort(values.begin(), values.end());
        double sum = 0;
        for (double x : values)
            sum += x;
        const std::size_t n = values.size();
        row.mean = sum / static_cast<double>(n);
        row.median = n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
        row.min = values.front();
        row.max = values.back();
    }

    for (int c = 0; c < s.cells.size(); ++c) {
        double best = -std::numeric_limits<double>::infinity();
        int scored = 0;
        for (std::size_t v = 0; v < nv; ++v) {
            const double x = s.score(c, static_cast<int>(v));
            if (!std::isnan(x)) {
                best = std::max(best, x);
                ++scored;
            }
        }
        if (scored < 2)
            continue;
        for (std::size_t v = 0; v < nv; ++v)
            if (s.score(c, static_cast<int>(v)) == best)
                ++s.rows[v].wins;
    }
    return s;
}

std::vector<CellSummary::Entry> meanOfRepeats(const std::vector<CellSummary::Entry>& entries)
{
    std::vector<CellSummary::Entry> means;
    std::vector<int> counts;
    for (const CellSummary::Entry& e : entries) {
        auto same = [&e](const CellSummary::Entry& m) {
            return m.cell == e.cell && m.variant == e.variant;
        };
        auto it = std::find_if(means.begin(), means.end(), same);
        if (it == means.end()) {
            means.push_back({e.cell, e.variant, 0.0});
            counts.push_back(0);
            it = means.end() - 1;
        }
        if (!std::isnan(e.score)) {
            it->score += e.score;
            ++counts[static_cast<std::size_t>(it - means.begin())];
        }
    }
    for (std::size_t i = 0; i < means.size(); ++i)
        means[i].score =
            counts[i] ? means[i].score / counts[i] : std::numeric_limits<double>::quiet_NaN();
    return means;
}

} // namespace ac
