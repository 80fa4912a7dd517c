#pragma once

#include <QString>

#include <vector>

namespace ac
{

/**
 * How the α maps turn attention into colour. α of one mark sums to 1 over its bins, so 1/bins is
 * "uniform" attention: the default scale is fixed at 0 … k × uniform (k = 5) for every gene, so
 * near-uniform attention (noise) keeps one colour and only a real peak stands out. Also offered:
 * 0 … a fixed α value, 0 … the gene's largest α (anchored at 0), and the gene's min … max (which
 * stretches any difference, noise included, over the whole colour map).
 *
 * The two fixed scales mark values above their top end with a colour of its own (see
 * AttentionHeatmap::applyScale()). Plain value; any thread; never throws. Unknown keys give the
 * default scale.
 */
class AlphaScale
{
public:
    enum class Mode {
        TimesUniform, ///< 0 … parameter × (1 / bins), the same for every gene (default)
        Fixed,        ///< 0 … parameter (an α value), the same for every gene
        GeneMax,      ///< 0 … the gene's largest α
        GeneMinMax    ///< the gene's smallest … largest α
    };
    static constexpr double kDefaultTimesUniform = 5.0;

    AlphaScale() = default;
    AlphaScale(Mode mode, double parameter);

    Mode mode() const { return m_mode; }
    /// k of TimesUniform, the top α of Fixed; unused by the per-gene modes.
    double parameter() const { return m_parameter; }
    /// True for the scales shared by all genes, whose values above the top are marked.
    bool isFixed() const { return m_mode == Mode::TimesUniform || m_mode == Mode::Fixed; }

    /// The colour range for `values` (marks × `binCount`); NaN ignored, never empty.
    void range(const std::vector<float>& values, int binCount, double* lower, double* upper) const;
    /// The colour range for values spanning `dataLower` … `dataUpper` (several maps on one
    /// scale); never empty.
    void rangeOf(double dataLower, double dataUpper, int binCount, double* lower,
                 double* upper) const;

    /// Stable text for settings: "uniform:5", "fixed:0.05", "gene-max", "gene-min-max".
    QString key() const;
    static AlphaScale fromKey(const QString& key);
    /// A short description for the colour bar and tool tips, e.g. "0 – 5 × uniform".
    QString describe() const;

private:
    Mode m_mode = Mode::TimesUniform;
    double m_parameter = kDefaultTimesUniform;
};

} // namespace ac
