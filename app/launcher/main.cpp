// attentivechrome: starts the desktop application, <prefix>/libexec/attentivechrome/
// attentivechrome-gui, with the user's arguments and the run-time settings it needs already in
// its environment (RuntimeEnvironment). Without this launcher the application would set them and
// start itself a second time, loading LibTorch twice (≈ 0.6 s each).
#include "domain/InstallLayout.h"

#include <cstdio>

int main(int /*argc*/, char** argv)
{
    const QString error =
        ac::install::execLibexecProgram(QStringLiteral("attentivechrome-gui"), argv);
    std::fprintf(stderr, "attentivechrome: error: %s\n", qPrintable(error));
    return 1;
}
