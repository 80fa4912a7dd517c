#pragma once

// Small studies with a learnable pattern for the training, inference and CLI tests: a gene is
// "high" when it carries a promoter H3K4me3 peak near the TSS, "low" when it carries broad
// H3K27me3; every count has seeded noise. Header-only helper of the tests, not a unit.

#include "FileDigest.h"
#include "domain/CellData.h"
#include "store/StudyEditor.h"

#include <random>

namespace ac::testing
{

inline CellData makeLearnableCell(const QString& name, int train, int valid, int test,
                                  std::uint64_t seed = 7)
{
    CellData c;
    c.name = name;
    std::mt19937_64 rng(seed);
    const int genes = train + valid + test;
    c.values.assign(static_cast<std::size_t>(genes) * c.binCount * c.markCount, 0.0f);
    for (int g = 0; g < genes; ++g) {
        GeneRecord r;
        r.remcId = QStringLiteral("T%1").arg(g + 1, 5, 10, QLatin1Char('0'));
        r.ensemblId = QStringLiteral("ENSG%1").arg(g + 1, 11, 10, QLatin1Char('0'));
        r.symbol = QStringLiteral("GENE%1").arg(g + 1);
        c.genes.push_back(r);
        const bool high = (rng() % 2) == 1;
        c.labels.push_back(high ? 1 : 0);
        c.splits.push_back(g < train           ? Split::Train
                           : g < train + valid ? Split::Valid
                                               : Split::Test);
        for (int b = 0; b < c.binCount; ++b) {
            for (int m = 0; m < c.markCount; ++m) {
                float v = static_cast<float>(rng() % 3); // background 0..2
                if (high && m == 3 && b >= 45 && b < 55)
                    v += 8.0f; // promoter H3K4me3 peak
                if (!high && m == 0)
                    v += 2.0f + static_cast<float>(rng() % 2); // broad H3K27me3
                c.values[(static_cast<std::size_t>(g) * c.binCount + b) * c.markCount + m] = v;
            }
        }
    }
    return c;
}

/// Writes `cells` into a new study at `path` (in `form`); returns the error or an empty string.
inline QString writeStudy(const QString& path, const std::vector<CellData>& cells,
                          StudyEditor::Form form = StudyEditor::Form::Unpacked)
{
    QString error;
    std::unique_ptr<StudyEditor> editor = StudyEditor::begin(path, &error, form);
    if (!editor)
        return error;
    for (const CellData& c : cells)
        if (!editor->writeCell(c, &error))
            return error;
    return editor->commit(&error) ? QString() : error;
}

} // namespace ac::testing
