#pragma once

#include "AlphaScale.h"
#include "domain/GeneViewData.h"

#include <QFont>
#include <QVector>
#include <QWidget>

#include <utility>
#include <vector>

class QCustomPlot;
class QCPAxisRect;
class QCPColorMap;
class QCPColorScale;
class QCPBars;
class QCPGraph;
class QCPTextElement;
class QCPItemRect;
class QCPItemText;
class QCPMarginGroup;
class QMouseEvent;

namespace ac
{

/**
 * One gene on a shared TSS-relative axis (−5000 … +5000 bp): the mark signal tracks, the α
 * heatmap with its colour scale, the optional track (e.g. H3K27ac) and attribution map, and the
 * β bar chart, under a header with symbol, Ensembl id, locus, strand and p(high) vs label.
 *
 * Receives plain GeneViewData and knows nothing of models. GUI thread only. The plot layout is
 * rebuilt only when the set of panels changes (track/attribution present or not); switching
 * genes otherwise replaces data and replots. Never throws; inconsistent data (wrong sizes) shows
 * an empty panel instead of crashing.
 */
class GeneView : public QWidget
{
    Q_OBJECT
public:
    explicit GeneView(QWidget* parent = nullptr);
    ~GeneView() override;

    /// Shows `data` (copied).
    void setData(const GeneViewData& data);
    const GeneViewData& data() const { return m_data; }

    /// Colour gradient of the α/attribution maps by name (see PlotPalette::gradientNames()).
    void setGradient(const QString& name);
    QString gradient() const { return m_gradient; }

    /// How α values become colours (default: 0 … 5 × uniform for every gene). Attribution maps
    /// go from 0 to the gene's largest value, or −m … +m on a diverging map when signed.
    void setAlphaScale(const AlphaScale& scale);
    const AlphaScale& alphaScale() const { return m_colourScale; }

    /// The x range (bp, TSS-relative) shown by every track; linked across panels. It stays when
    /// the panels change (an attribution map added) and is reset by data with another window.
    void setXRange(double lower, double upper);
    /// The x range shown (the whole window until zoomed).
    std::pair<double, double> xRange() const;
    /// True when the x range is narrower or wider than the data's whole window.
    bool isZoomed() const;

    /// Text describing the bin under TSS-relative coordinate `x` (what hover shows); a track bin
    /// without data reads "no data".
    QString describe(double x) const;

    QCustomPlot* plot() const { return m_plot; }
    QCPColorMap* alphaMap() const { return m_alphaMap; }
    QCPColorMap* attributionMap() const { return m_attrMap; }
    QCPBars* betaBars() const { return m_betaBars; }
    QCPGraph* signalGraph(int mark) const;
    QCPGraph* trackGraph() const { return m_trackGraph; }
    /// The hatched rectangles over runs of track bins without data (NaN).
    const std::vector<QCPItemRect*>& noDataRects() const { return m_noDataRects; }

Q_SIGNALS:
    /// Emitted on hover with the text of describe().
    void hovered(const QString& text);
    /// The header (gene name and locus) was clicked at `globalPos`: the window offers the gene's
    /// link-outs there (issue 15).
    void headerClicked(const QPoint& globalPos);

private:
    void buildLayout(bool withTrack, bool withAttribution);
    void clearLayout();
    void addHeader(int* row);
    QCPAxisRect* addTssRect(int* row, const QString& yLabel, double stretch);
    void addSignalPanels(int* row);
    QCPAxisRect* addMapPanel(int* row, const QString& scaleLabel, QCPColorMap** map,
                             QCPColorScale** scale);
    void addAlphaNote();
    void addTrackPanel(int* row);
    void addBetaPanel(int* row);
    QFont smallFont() const;

    void fillData();
    void fillHeader();
    void fillSignals(const QVector<double>& keys);
    void fillMap(QCPColorMap* map, const std::vector<float>& values, bool isAlpha);
    void fillTrack(const QVector<double>& keys);
    void markMissingTrackBins();
    void fillBeta();
    void onMouseMove(QMouseEvent* event);
    void onXRangeChanged();

    QCustomPlot* m_plot = nullptr;
    GeneViewData m_data;
    QString m_gradient = QStringLiteral("Viridis");
    AlphaScale m_colourScale; ///< of α
    bool m_layoutHasTrack = false;
    bool m_layoutHasAttr = false;
    bool m_layoutBuilt = false;
    bool m_syncingRange = false;
    /// The zoomed x range; lower == upper: the whole window.
    double m_xLower = 0;
    double m_xUpper = 0;

    QCPTextElement* m_title = nullptr;
    QCPTextElement* m_prediction = nullptr;
    std::vector<QCPAxisRect*> m_signalRects;
    std::vector<QCPGraph*> m_signalGraphs;
    QCPAxisRect* m_alphaRect = nullptr;
    QCPColorMap* m_alphaMap = nullptr;
    QCPColorScale* m_alphaScale = nullptr;
    QCPItemText* m_alphaNote = nullptr; ///< shown instead of α when the gene has none
    QCPAxisRect* m_attrRect = nullptr;
    QCPColorMap* m_attrMap = nullptr;
    QCPColorScale* m_attrScale = nullptr;
    QCPAxisRect* m_trackRect = nullptr;
    QCPGraph* m_trackGraph = nullptr;
    std::vector<QCPItemRect*> m_noDataRects; ///< hatched over track bins without data
    QCPAxisRect* m_betaRect = nullptr;
    QCPBars* m_betaBars = nullptr;
    QCPMarginGroup* m_margins = nullptr;
    std::vector<QCPAxisRect*> m_tssRects; ///< every rect whose x axis is TSS-relative bp
};

} // namespace ac
