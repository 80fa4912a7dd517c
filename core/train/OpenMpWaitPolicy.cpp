#include "train/OpenMpWaitPolicy.h"

#include <cstdlib>
#include <unistd.h>

namespace ac
{

void ensurePassiveOpenMpWaiting(char** argv)
{
    if (std::getenv("OMP_WAIT_POLICY"))
        return; // set by the user, or by the re-execution below
    ::setenv("OMP_WAIT_POLICY", "passive", 1);
    ::execv("/proc/self/exe", argv);
    // execv returns only on failure: carry on with the default (spinning) policy.
}

} // namespace ac
