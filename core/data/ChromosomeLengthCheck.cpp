#include "data/ChromosomeLengthCheck.h"

#include "data/TrackBinner.h"

#include <QHash>
#include <QLocale>

namespace ac
{

namespace
{

/// How the file's lengths compare with one assembly's.
struct Comparison {
    int compared = 0;
    int differing = 0;
    QString firstName;
    std::int64_t firstFileLength = 0;
    std::int64_t firstAssemblyLength = 0;
};

Comparison compare(const std::vector<GenomeAssembly::Chromosome>& fileChromosomes,
                   const QString& assembly)
{
    QHash<QString, std::int64_t> lengths;
    for (const GenomeAssembly::Chromosome& c : GenomeAssembly::chromosomeLengths(assembly))
        lengths.insert(TrackBinner::normalizedChromosome(c.name), c.length);
    Comparison r;
    for (const GenomeAssembly::Chromosome& c : fileChromosomes) {
        const QString key = TrackBinner::normalizedChromosome(c.name);
        const auto it = lengths.constFind(key);
        // chrM is 16,571 bp in UCSC hg19 but 16,569 (rCRS) in GRCh37 files: not a clue.
        if (it == lengths.cend() || key == QLatin1String("M"))
            continue;
        ++r.compared;
        if (it.value() == c.length)
            continue;
        if (r.differing++ == 0) {
            r.firstName = c.name;
            r.firstFileLength = c.length;
            r.firstAssemblyLength = it.value();
        }
    }
    return r;
}

} // namespace

QString chromosomeLengthMismatch(const QString& file,
                                 const std::vector<GenomeAssembly::Chromosome>& fileChromosomes,
                                 const QString& assembly)
{
    const Comparison chosen = compare(fileChromosomes, assembly);
    if (chosen.differing == 0)
        return {};
    QString other;
    for (const QString& name : GenomeAssembly::names()) {
        const Comparison c = compare(fileChromosomes, name);
        if (name != assembly && c.compared > 0 && c.differing == 0)
            other = name;
    }
    const QLocale en(QLocale::English);
    QString s = QStringLiteral("%1: the chromosome lengths do not match %2 (%3 is %4 bp in the "
                               "file, %5 bp in %2; %6 of %7 chromosomes differ)")
                    .arg(file, assembly, chosen.firstName, en.toString(chosen.firstFileLength),
                         en.toString(chosen.firstAssemblyLength))
                    .arg(chosen.differing)
                    .arg(chosen.compared);
    if (!other.isEmpty())
        return s + QStringLiteral(": they are those of %1. Import it as %1, or the signal is "
                                  "placed at the wrong genes.")
                       .arg(other);
    return s + QStringLiteral(": check the file's assembly, or the signal may be placed at the "
                              "wrong genes.");
}

} // namespace ac
