#include "domain/RuntimeEnvironment.h"

#include <cstdlib>
#include <cstring>
#include <string>
#include <unistd.h>

namespace ac
{

bool setRuntimeEnvironment()
{
    constexpr char kHugePages[] = "glibc.malloc.hugetlb=1";
    bool changed = false;
    if (!std::getenv("OMP_WAIT_POLICY")) {
        ::setenv("OMP_WAIT_POLICY", "passive", 1);
        changed = true;
    }
    const char* tunables = std::getenv("GLIBC_TUNABLES");
    if (!tunables || !std::strstr(tunables, "glibc.malloc.hugetlb")) {
        const std::string value =
            tunables && *tunables ? std::string(tunables) + ':' + kHugePages : kHugePages;
        ::setenv("GLIBC_TUNABLES", value.c_str(), 1);
        changed = true;
    }
    return changed;
}

void ensureRuntimeEnvironment(char** argv)
{
    if (setRuntimeEnvironment())
        ::execv("/proc/self/exe", argv);
    // execv returns only on failure: carry on with the run-time libraries' defaults.
}

} // namespace ac
