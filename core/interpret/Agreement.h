#pragma once

#include <QString>
#include <QStringList>
#include <cstdint>
#include <vector>

namespace ac
{

/// One kind of map for every gene compared: α, or an attribution method. Plain value.
struct MapSeries {
    QString key;  ///< "alpha", "saliency", "integrated-gradients", ...
    QString name; ///< human name, e.g. "α (bin attention)"
    int markCount = 5;
    int binCount = 100;
    std::vector<float> values; ///< genes × marks × bins, genes in AgreementInput order
};

/// What Agreement::compute compares. Plain value.
struct AgreementInput {
    QStringList markNames; ///< markCount names
    int binCount = 100;
    std::vector<float> track; ///< genes × bins (e.g. H3K27ac); NaN where missing
    std::vector<float> p;     ///< P(high) per gene: predicted ON when p ≥ 0.5, else OFF
    std::vector<MapSeries> maps;
};

/// Why a gene has no correlation in a series.
enum class AgreementSkip : std::uint8_t {
    None = 0,         ///< correlated
    MissingTrack = 1, ///< a NaN bin in the track
    Constant = 2      ///< the map (of this mark) or the track is constant over the bins
};

/**
 * One map restricted to one mark (or summed over marks) against the track: per-gene
 * correlations and the group-average profiles. Plain value.
 */
struct AgreementSeries {
    QString map;                     ///< MapSeries::key
    QString mapName;                 ///< MapSeries::name
    QString mark;                    ///< a mark name, or "sum" (the map summed over marks per bin)
    std::vector<double> pearson;     ///< per gene; NaN when skipped
    std::vector<double> spearman;    ///< per gene; NaN when skipped
    std::vector<AgreementSkip> skip; ///< per gene
    std::vector<double> profileOn;   ///< bins: mean map over predicted-ON genes with a full track
    std::vector<double> profileOff;  ///< bins: the same over predicted-OFF genes
};

/// One line of the summary table (one series, one group). Plain value.
struct AgreementRow {
    QString map;
    QString mapName;
    QString mark;
    QString group;          ///< "ON" or "OFF" (predicted)
    int genes = 0;          ///< genes predicted in the group
    int used = 0;           ///< of which with a per-gene correlation
    int missingTrack = 0;   ///< skipped: NaN in the track
    int constant = 0;       ///< skipped: constant map or track
    double meanPearson = 0; ///< over the used genes (NaN when none)
    double medianPearson = 0;
    double meanSpearman = 0;
    double medianSpearman = 0;
    double averagePearson = 0; ///< Pearson of the average map and the average track
    double averageSpearman = 0;
};

/// Everything Agreement::compute finds. Plain value, safe to copy across threads.
struct AgreementReport {
    int binCount = 100;
    int onGenes = 0; ///< predicted ON
    int offGenes = 0;
    int onWithTrack = 0; ///< of which with a complete track (the profiles average these)
    int offWithTrack = 0;
    std::vector<double> trackOn; ///< bins: mean track over ON genes with a complete track
    std::vector<double> trackOff;
    std::vector<AgreementSeries> series; ///< per map: one per mark, then "sum"
    std::vector<AgreementRow> rows;      ///< per series: ON then OFF
};

/**
 * Agreement between interpretation maps and an independent track (the paper's validation of α
 * against H3K27ac, Singh et al. 2017, section 4).
 *
 * For each map, each mark separately and the map summed over marks (per bin), and each gene:
 * Pearson's r and Spearman's ρ (average ranks for ties) over the bins between the map and the
 * track. Genes with any NaN bin in the track are skipped (MissingTrack), as are genes whose map
 * row or track is constant (Constant; e.g. an all-zero gene); each is counted. Genes are grouped
 * by prediction (ON: p ≥ 0.5). The average map and the average track over the genes of a group
 * with a complete track are correlated too: the paper's summary numbers. Maps whose bin count
 * differs from the track's (mark ablation) are not compared. Pure computation, thread-safe.
 */
class Agreement
{
public:
    static AgreementReport compute(const AgreementInput& input);
};

} // namespace ac
