#include "ClassOptimumFigure.h"

#include "AttentionHeatmap.h"
#include "PlotPalette.h"
#include "QcpInclude.h"
#include "domain/RemcLayout.h"

namespace ac
{

void ClassOptimumFigure::draw(QCustomPlot* plot, const std::vector<ClassOptimum>& optima,
                              const QStringList& markNames)
{
    plot->clearPlottables();
    if (optima.empty()) { // the view hides the plot then; its layout can stay
        plot->replot();
        return;
    }
    QCPLayoutGrid* layout = plot->plotLayout();
    layout->clear();
    double lo = 0;
    double hi = 0;
    for (const ClassOptimum& o : optima)
        AttentionHeatmap::growRange(o.values, &lo, &hi);
    const QFont titleFont(plot->font().family(), 9, QFont::Bold);
    auto* sideGroup = new QCPMarginGroup(plot); // the maps of equal width
    QCPColorScale* scale = nullptr;
    int column = 0;
    for (const ClassOptimum& o : optima) {
        layout->addElement(
            0, column,
            new QCPTextElement(plot,
                               QStringLiteral("class-optimal input · %1\n%2 steps, %3, S %4")
                                   .arg(o.className())
                                   .arg(o.steps)
                                   .arg(o.converged ? QStringLiteral("converged")
                                                    : QStringLiteral("not converged"))
                                   .arg(o.score, 0, 'f', 2),
                               titleFont));
        auto* rect = new QCPAxisRect(plot);
        layout->addElement(1, column, rect);
        QCPColorMap* map = AttentionHeatmap::create(rect, markNames, o.markCount, o.binCount,
                                                    remc::kWindowStart, remc::kBinSize);
        rect->axis(QCPAxis::atBottom)->setLabel(QStringLiteral("position relative to TSS (bp)"));
        AttentionHeatmap::fill(map, o.values);
        if (!scale) {
            scale = AttentionHeatmap::createScale(rect, QStringLiteral("reads per bin"));
        } else {
            rect->setMarginGroup(QCP::msTop | QCP::msBottom, scale->marginGroup(QCP::msTop));
        }
        rect->setMarginGroup(QCP::msLeft | QCP::msRight, sideGroup);
        map->setColorScale(scale);
        AttentionHeatmap::applySequential(map, PlotPalette::gradientNames().value(0), 0,
                                          hi > 0 ? hi : 1.0, false);
        ++column;
    }
    layout->addElement(1, column, scale);
    for (int c = 0; c < column; ++c)
        layout->setColumnStretchFactor(c, 1.0);
    layout->setColumnStretchFactor(column, 0.01);
    layout->setRowStretchFactor(0, 0.01);
    plot->replot();
}

} // namespace ac
