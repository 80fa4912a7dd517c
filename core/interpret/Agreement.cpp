#include "interpret/Agreement.h"

#include "interpret/Correlation.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ac
{

namespace
{

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double mean(const std::vector<double>& v)
{
    if (v.empty())
        return kNaN;
    double s = 0;
    for (double x : v)
        s += x;
    return s / static_cast<double>(v.size());
}

double median(std::vector<double> v)
{
    if (v.empty())
        return kNaN;
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

void divide(std::vector<double>* v, int n)
{
    for (double& x : *v)
        x = n > 0 ? x / n : kNaN;
}

AgreementRow makeRow(const AgreementSeries& s, const QString& group, bool wantOn,
                     const std::vector<bool>& on, const std::vector<double>& profile,
                     const std::vector<double>& track)
{
    AgreementRow row;
    row.map = s.map;
    row.mapName = s.mapName;
    row.mark = s.mark;
    row.group = group;
    std::vector<double> pearson;
    std::vector<double> spearman;
    for (std::size_t g = 0; g < on.size(); ++g) {
        if (on[g] != wantOn)
            continue;
        ++row.genes;
        switch (s.skip[g]) {
        case AgreementSkip::None:
            ++row.used;
            pearson.push_back(s.pearson[g]);
            spearman.push_back(s.spearman[g]);
            break;
        case AgreementSkip::MissingTrack:
            ++row.missingTrack;
            break;
        case AgreementSkip::Constant:
            ++row.constant;
            break;
        }
    }
    row.meanPearson = mean(pearson);
    row.medianPearson = median(pearson);
    row.meanSpearman = mean(spearman);
    row.medianSpearman = median(spearman);
    const int T = static_cast<int>(track.size());
    row.averagePearson = correlation::pearson(profile.data(), track.data(), T);
    row.averageSpearman = correlation::spearman(profile.data(), track.data(), T);
    return row;
}

} // namespace

AgreementReport Agreement::compute(const AgreementInput& input)
{
    AgreementReport report;
    const int T = input.binCount;
    const int G = static_cast<int>(input.p.size());
    report.binCount = T;
    std::vector<bool> on(G);
    std::vector<bool> full(G);
    report.trackOn.assign(T, 0.0);
    report.trackOff.assign(T, 0.0);
    for (int g = 0; g < G; ++g) {
        on[g] = input.p[g] >= 0.5f;
        (on[g] ? report.onGenes : report.offGenes) += 1;
        const float* row = input.track.data() + static_cast<std::size_t>(g) * T;
        full[g] = std::none_of(row, row + T, [](float v) { return std::isnan(v); });
        if (!full[g])
            continue;
        (on[g] ? report.onWithTrack : report.offWithTrack) += 1;
        std::vector<double>& profile = on[g] ? report.trackOn : report.trackOff;
        for (int b = 0; b < T; ++b)
            profile[b] += row[b];
    }
    divide(&report.trackOn, report.onWithTrack);
    divide(&report.trackOff, report.offWithTrack);

    std::vector<double> mapRow(T);
    std::vector<double> trackRow(T);
    for (const MapSeries& map : input.maps) {
        if (map.binCount != T)
            continue;
        const int M = map.markCount;
        for (int mark = 0; mark <= M; ++mark) { // mark == M: summed over marks
            AgreementSeries s;
            s.map = map.key;
            s.mapName = map.name;
            s.mark = mark < M ? input.markNames.value(mark, QString::number(mark))
                              : QStringLiteral("sum");
            s.pearson.assign(G, kNaN);
            s.spearman.assign(G, kNaN);
            s.skip.assign(G, AgreementSkip::None);
            s.profileOn.assign(T, 0.0);
            s.profileOff.assign(T, 0.0);
            for (int g = 0; g < G; ++g) {
                const float* values = map.values.data() + static_cast<std::size_t>(g) * M * T;
                for (int b = 0; b < T; ++b) {
                    if (mark < M) {
                        mapRow[b] = values[mark * T + b];
                    } else {
                        double sum = 0;
                        for (int m = 0; m < M; ++m)
                            sum += values[m * T + b];
                        mapRow[b] = sum;
                    }
                }
                if (!full[g]) {
                    s.skip[g] = AgreementSkip::MissingTrack;
                    continue;
                }
                std::vector<double>& profile = on[g] ? s.profileOn : s.profileOff;
                for (int b = 0; b < T; ++b) {
                    trackRow[b] = input.track[static_cast<std::size_t>(g) * T + b];
                    profile[b] += mapRow[b];
                }
                s.pearson[g] = correlation::pearson(mapRow.data(), trackRow.data(), T);
                if (std::isnan(s.pearson[g])) {
                    s.skip[g] = AgreementSkip::Constant;
                    continue;
                }
                s.spearman[g] = correlation::spearman(mapRow.data(), trackRow.data(), T);
            }
            divide(&s.profileOn, report.onWithTrack);
            divide(&s.profileOff, report.offWithTrack);
            report.rows.push_back(
                makeRow(s, QStringLiteral("ON"), true, on, s.profileOn, report.trackOn));
            report.rows.push_back(
                makeRow(s, QStringLiteral("OFF"), false, on, s.profileOff, report.trackOff));
            report.series.push_back(std::move(s));
        }
    }
    return report;
}

} // namespace ac
