// libFuzzer target: session files (SessionFile::read, JSON) from a scratch file; a session that
// reads must write and read back to the same fields.
#include "FuzzSupport.h"
#include "SessionFile.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QString path = ac::fuzz::inputFile(data, size, ".acsession");
    ac::SavedSession session;
    QString error;
    if (!ac::SessionFile::read(path, &session, &error)) {
        if (error.isEmpty())
            std::abort(); // a failure always says why
        return 0;
    }
    const QString copy = path + QStringLiteral(".written");
    ac::SavedSession again;
    if (!ac::SessionFile::write(copy, session, &error) ||
        !ac::SessionFile::read(copy, &again, &error))
        std::abort();
    if (again.study != session.study || again.cell != session.cell || again.run != session.run ||
        again.geneId != session.geneId || again.geneList != session.geneList ||
        again.tab != session.tab || again.gradient != session.gradient ||
        again.alphaScale != session.alphaScale || again.attribution != session.attribution)
        std::abort();
    return 0;
}
