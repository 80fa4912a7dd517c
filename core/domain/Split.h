#pragma once

#include <QString>
#include <cstdint>

namespace ac
{

/// Which part of a cell type's genes a gene belongs to; values are stored in the study file.
enum class Split : std::uint8_t { Train = 0, Valid = 1, Test = 2 };

/// "train", "valid" or "test" (the REMC file stems).
inline QString splitName(Split s)
{
    switch (s) {
    case Split::Train:
        return QStringLiteral("train");
    case Split::Valid:
        return QStringLiteral("valid");
    case Split::Test:
        return QStringLiteral("test");
    }
    return {};
}

} // namespace ac
