#pragma once

#include <QString>
#include <QStringList>

#include <cstdint>
#include <map>
#include <vector>

namespace ac
{

/// Named one-dimensional arrays kept with a run (e.g. what a validation computed), stored as the
/// datasets of one HDF5 group: floats as float32, integers as int64, texts as UTF-8 strings.
/// Names are dataset names (no '/'); a name is used once across the three maps. Plain value.
struct ArrayBundle {
    std::map<QString, std::vector<float>> floats;
    std::map<QString, std::vector<std::int64_t>> integers;
    std::map<QString, QStringList> texts;
};

} // namespace ac
