// libFuzzer target: gene-list files (GeneListFile: names or BED, plain or gzip-compressed) read
// from a scratch file and resolved against the genes of FuzzSupport.h; a list that loads must
// resolve to sorted, distinct gene indices in range and write back to a list that loads again.
#include "FuzzSupport.h"
#include "data/GeneListFile.h"

#include <algorithm>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const std::vector<ac::GeneRecord> genes = ac::fuzz::genes();
    const QString path = ac::fuzz::inputFile(data, size, ".genes");
    ac::GeneListFile list;
    QString error;
    if (!list.load(path, &error)) {
        if (error.isEmpty())
            std::abort(); // a failure always says why
        return 0;
    }
    const ac::GeneListFile::Resolution r = list.resolve(genes);
    if (!std::is_sorted(r.genes.begin(), r.genes.end()) ||
        std::adjacent_find(r.genes.begin(), r.genes.end()) != r.genes.end() ||
        (!r.genes.empty() && (r.genes.front() < 0 || r.genes.back() >= int(genes.size()))) ||
        r.notFound.size() > list.entryCount())
        std::abort();
    if (r.genes.empty())
        return 0;
    const QString copy = path + QStringLiteral(".written");
    ac::GeneListFile again;
    if (!ac::GeneListFile::write(copy, genes, r.genes, QStringLiteral("fuzz"), &error) ||
        !again.load(copy, &error) || again.resolve(genes).genes != r.genes)
        std::abort();
    return 0;
}
