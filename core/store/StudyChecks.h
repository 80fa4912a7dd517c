#pragma once

// Internal to core/store: the checks StudyFile makes on what it reads, so that every command
// and the window accept and refuse the same studies (issue 13, finding 11). Each throws a
// StudyError of kind Invalid naming the member (relative to the group read) and the rule broken.

#include "domain/CellData.h"

#include <H5Cpp.h>
#include <QJsonObject>
#include <string>

namespace ac::studycheck
{

/// Every data set and attribute of a cell group is present (an empty group is named as such).
void requireCellMembers(const H5::Group& cell);
/// The layout attributes, labels (0 or 1), TSS and strands of a cell read without X.
void checkCellIndex(const CellData& cell);
/// X is a float array of genes × bins × marks (its metadata only; no value is read).
void checkXShape(const H5::Group& cell, const CellData& index);
/// `text` (attribute `member` of a run) as a JSON object.
QJsonObject jsonObject(const std::string& text, const char* member);
/// `count` values of `member` where the cell type `cell` has `genes` genes.
void requireGeneCount(std::size_t count, std::size_t genes, const char* member,
                      const std::string& cell);

} // namespace ac::studycheck
