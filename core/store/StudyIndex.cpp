#include "store/StudyIndex.h"

#include "store/Hdf5Io.h"
#include "store/StudyLayout.h"

#include "store/StudyTempFiles.h"

#include <algorithm>
#include <stdexcept>

namespace ac
{

namespace
{

constexpr char kRetired[] = "retired";

/// The file an external link `name` of `group` points to; throws when it is not one.
QString linkTarget(const H5::Group& group, const std::string& groupName, const std::string& name)
{
    H5L_info_t info;
    if (H5Lget_info(group.getId(), name.c_str(), &info, H5P_DEFAULT) < 0)
        throw std::runtime_error("cannot read the link /" + groupName + "/" + name);
    if (info.type != H5L_TYPE_EXTERNAL)
        throw std::runtime_error("/" + groupName + "/" + name +
                                 " is not a link to a part file; the index is damaged");
    std::vector<char> value(info.u.val_size);
    unsigned flags = 0;
    const char* file = nullptr;
    const char* object = nullptr;
    if (H5Lget_val(group.getId(), name.c_str(), value.data(), value.size(), H5P_DEFAULT) < 0 ||
        H5Lunpack_elink_val(value.data(), value.size(), &flags, &file, &object) < 0)
        throw std::runtime_error("cannot read the link /" + groupName + "/" + name);
    return QString::fromUtf8(file);
}

StudyIndex::List readList(const H5::H5File& file, const char* groupName)
{
    StudyIndex::List list;
    if (!h5::exists(file, groupName))
        return list;
    const H5::Group group = file.openGroup(groupName);
    for (const std::string& name : h5::memberNames(group))
        list.push_back({name, linkTarget(group, groupName, name)});
    return list;
}

void writeList(H5::H5File& file, const char* groupName, const StudyIndex::List& list)
{
    H5::Group root = file.openGroup("/");
    const H5::Group group = h5::openOrCreateGroup(root, groupName);
    for (const StudyIndex::Entry& e : list)
        StudyIndex::link(group, groupName, e.name, e.part);
}

} // namespace

bool StudyIndex::isIndex(const H5::H5File& file)
{
    return h5::hasAttr(file, layout::kVersionAttr) &&
           h5::intAttr(file, layout::kVersionAttr) == layout::kUnpackedVersion;
}

StudyIndex StudyIndex::read(const H5::H5File& file)
{
    StudyIndex index;
    index.cells = readList(file, layout::kCells);
    index.runs = readList(file, layout::kRuns);
    if (h5::exists(file, kRetired))
        for (const std::string& line : h5::readStrings(file.openGroup("/"), kRetired)) {
            const std::size_t space = line.find(' ');
            if (space == std::string::npos)
                throw std::runtime_error(std::string("/") + kRetired + ": \"" + line +
                                         "\" is not \"<seconds> <part>\"");
            index.retired.push_back({QString::fromStdString(line.substr(space + 1)),
                                     std::stoll(line.substr(0, space))});
        }
    return index;
}

void StudyIndex::write(const QString& path) const
{
    {
        H5::H5File file(h5::utf8(path), H5F_ACC_EXCL, H5::FileCreatPropList::DEFAULT,
                        h5::checksummedFormat());
        h5::setAttr(file, layout::kFormatAttr, std::string(layout::kFormatName));
        h5::setAttr(file, layout::kVersionAttr, std::int64_t(layout::kUnpackedVersion));
        writeList(file, layout::kCells, cells);
        writeList(file, layout::kRuns, runs);
        std::vector<std::string> lines;
        for (const Retired& r : retired)
            lines.push_back(std::to_string(r.since) + " " + h5::utf8(r.part));
        if (!lines.empty()) {
            H5::Group root = file.openGroup("/");
            h5::writeStrings(root, kRetired, lines);
        }
        file.close();
    }
    if (!StudyTempFiles::sync(path))
        throw std::runtime_error("cannot write " + path.toStdString() + " to disk (disk full?)");
}

StudyIndex::List& StudyIndex::list(const std::string& group)
{
    return group == layout::kCells ? cells : runs;
}

const StudyIndex::List& StudyIndex::list(const std::string& group) const
{
    return group == layout::kCells ? cells : runs;
}

QString StudyIndex::partOf(const std::string& group, const std::string& name) const
{
    const List& l = list(group);
    const auto it =
        std::find_if(l.begin(), l.end(), [&](const Entry& e) { return e.name == name; });
    return it == l.end() ? QString() : it->part;
}

void StudyIndex::set(const std::string& group, const std::string& name, const QString& part)
{
    List& l = list(group);
    const auto it =
        std::find_if(l.begin(), l.end(), [&](const Entry& e) { return e.name == name; });
    if (part.isEmpty()) {
        if (it != l.end())
            l.erase(it);
    } else if (it != l.end()) {
        it->part = part;
    } else {
        l.push_back({name, part});
    }
}

QSet<QString> StudyIndex::parts() const
{
    QSet<QString> all;
    for (const List* l : {&cells, &runs})
        for (const Entry& e : *l)
            all.insert(e.part);
    return all;
}

const char* StudyIndex::kindOf(const std::string& group)
{
    return group == layout::kCells ? "cell" : "run";
}

void StudyIndex::link(const H5::Group& list, const std::string& group, const std::string& name,
                      const QString& part)
{
    const std::string object = std::string("/") + kindOf(group);
    if (H5Lcreate_external(h5::utf8(part).c_str(), object.c_str(), list.getId(), name.c_str(),
                           H5P_DEFAULT, H5P_DEFAULT) < 0)
        throw std::runtime_error("cannot write the link /" + group + "/" + name + " to " +
                                 h5::utf8(part));
}

} // namespace ac
