#pragma once

// Internal to core/store: a problem with one member (data set or attribute) of a study object,
// thrown by the readers and turned into a message naming the file and the object by StudyFile.

#include <stdexcept>
#include <string>

namespace ac
{

class StudyError : public std::runtime_error
{
public:
    enum class Kind {
        Unreadable, ///< HDF5 could not read it, or its storage is damaged: the file is damaged
        Invalid,    ///< read, but its content breaks the study layout
    };

    StudyError(Kind kind, std::string member, const std::string& reason)
        : std::runtime_error(member + ": " + reason), m_kind(kind), m_member(std::move(member)),
          m_reason(reason)
    {
    }

    Kind kind() const { return m_kind; }
    /// The member's path below the object being read, e.g. "labels".
    const std::string& member() const { return m_member; }
    const std::string& reason() const { return m_reason; }

private:
    Kind m_kind;
    std::string m_member;
    std::string m_reason;
};

} // namespace ac
