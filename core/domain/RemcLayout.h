#pragma once

#include <QStringList>

/// Fixed facts of the DeepChrome/REMC classification layout shared by every part of the core.
namespace ac::remc
{

constexpr int kBinCount = 100;      ///< bins per gene, TSS-5 kb .. TSS+5 kb
constexpr int kMarkCount = 5;       ///< histone marks per bin
constexpr int kBinSize = 100;       ///< bp per bin
constexpr int kWindowStart = -5000; ///< TSS-relative start of bin 0 (bp)

/// Mark names in the DeepChrome CSV column order.
inline QStringList markNames()
{
    return {QStringLiteral("H3K27me3"), QStringLiteral("H3K36me3"), QStringLiteral("H3K4me1"),
            QStringLiteral("H3K4me3"), QStringLiteral("H3K9me3")};
}

/// Functional role of each mark, in the same order ("reprA", "struct", "enhc", "prom", "reprB").
inline QStringList markRoles()
{
    return {QStringLiteral("repressive"), QStringLiteral("gene body"), QStringLiteral("enhancer"),
            QStringLiteral("promoter"), QStringLiteral("repressive")};
}

} // namespace ac::remc
