#include "HeatmapTab.h"

#include "FigureSize.h"
#include "HeatmapFigure.h"
#include "JobController.h"
#include "PlotExport.h"
#include "QcpInclude.h"
#include "interpret/ComputeMatrixFile.h"
#include "store/StudyFile.h"

#include <QComboBox>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <utility>

namespace ac
{

/// What the worker reads: the cell with X, the run's results and the track (may be empty).
struct HeatmapTab::Source {
    QString study, cell, runId;
    CellData data;
    RunResults results;
    TrackData track;
};

} // namespace ac

Q_DECLARE_METATYPE(std::shared_ptr<const ac::HeatmapTab::Source>)

namespace ac
{

namespace
{

bool readSource(HeatmapTab::Source* s, QString* error)
{
    const std::unique_ptr<StudyFile> study = StudyFile::open(s->study, error);
    if (!study || !study->readCell(s->cell, &s->data, error))
        return false;
    if (!study->hasResults(s->runId)) {
        *error = QStringLiteral("%1: run %2 has no stored results (p, α) to draw")
                     .arg(s->study, s->runId);
        return false;
    }
    if (!study->readResults(s->runId, &s->results, error))
        return false;
    const QStringList tracks = study->trackNames(s->cell);
    const QString track =
        tracks.contains(QStringLiteral("H3K27ac")) ? QStringLiteral("H3K27ac") : tracks.value(0);
    return track.isEmpty() || study->readTrack(s->cell, track, &s->track, error);
}

} // namespace

HeatmapTab::HeatmapTab(QWidget* parent) : QWidget(parent)
{
    m_controller = new JobController(this, QStringLiteral("heatmap"));
    m_clusterer = new JobController(this, QStringLiteral("k-means"));
    m_markBox = new QComboBox(this);
    m_sortBox = new QComboBox(this);
    for (HeatmapSort s : {HeatmapSort::PHigh, HeatmapSort::TssAlpha, HeatmapSort::TrackMean})
        m_sortBox->addItem(heatmapSortName(s), int(s));
    m_groupBox = new QComboBox(this);
    for (HeatmapGrouping g : {HeatmapGrouping::None, HeatmapGrouping::TrueLabel,
                              HeatmapGrouping::Prediction, HeatmapGrouping::Clusters})
        m_groupBox->addItem(heatmapGroupingName(g), int(g));
    m_kBox = new QSpinBox(this);
    m_kBox->setRange(1, 20);
    m_kBox->setValue(3);
    m_kBox->setPrefix(QStringLiteral("k = "));
    m_exportButton = new QPushButton(QStringLiteral("Export"), this);
    auto* menu = new QMenu(m_exportButton);
    for (const QString& f : {QStringLiteral("png"), QStringLiteral("svg"), QStringLiteral("pdf")})
        menu->addAction(QStringLiteral("Figure as %1…").arg(f.toUpper()), this,
                        [this, f] { exportDialog(f); });
    menu->addAction(QStringLiteral("Matrix for deepTools (computeMatrix .gz)…"), this,
                    [this] { exportDialog(QStringLiteral("matrix")); });
    m_exportButton->setMenu(menu);
    m_status = new QLabel(this);
    m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // never widens the tab
    for (QComboBox* box : {m_markBox, m_sortBox, m_groupBox})
        box->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(QStringLiteral("Mark"), this));
    controls->addWidget(m_markBox);
    controls->addWidget(new QLabel(QStringLiteral("Sort by"), this));
    controls->addWidget(m_sortBox);
    controls->addWidget(new QLabel(QStringLiteral("Groups"), this));
    controls->addWidget(m_groupBox);
    controls->addWidget(m_kBox);
    controls->addWidget(m_exportButton);
    controls->addWidget(m_status, 1);
    m_plot = new QCustomPlot(this);
    m_figure = std::make_unique<HeatmapFigure>(m_plot);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_plot, 1);

    connect(m_markBox, &QComboBox::activated, this, [this] { rebuild(); });
    connect(m_sortBox, &QComboBox::activated, this, [this] { redraw(); });
    connect(m_groupBox, &QComboBox::activated, this, [this] { redraw(); });
    connect(m_kBox, &QSpinBox::valueChanged, this, [this] {
        if (options().grouping == HeatmapGrouping::Clusters)
            redraw();
    });
    connect(m_plot, &QCustomPlot::mousePress, this, [this](QMouseEvent* e) {
        const int gene = m_figure->geneAt(e->pos());
        if (gene >= 0)
            Q_EMIT geneActivated(gene);
    });
    connect(m_controller, &JobController::finished, this, [this](const JobResult& r) {
        const auto source = r.value.value<std::shared_ptr<const Source>>();
        if (!r.ok || !source) {
            m_figure->showMessage(r.message);
            Q_EMIT loaded(r.message.isEmpty() ? QStringLiteral("not read") : r.message);
            return;
        }
        if (source->study != m_study || source->cell != m_cell || source->runId != m_runId)
            return load(); // the context changed while reading
        m_source = source;
        m_markBox->clear();
        m_markBox->addItems(source->data.markNames);
        m_markBox->setCurrentIndex(
            std::max(0, int(source->data.markNames.indexOf(QStringLiteral("H3K4me3")))));
        rebuild();
        Q_EMIT loaded(QString());
    });
    connect(m_clusterer, &JobController::finished, this, &HeatmapTab::onClustered);
    m_figure->showMessage(QStringLiteral("Select a run with results to see all its genes."));
}

void HeatmapTab::onClustered(const JobResult& r)
{
    const Clustering done = std::exchange(m_clustering, Clustering());
    if (done.heatmap != m_heatmap)
        return redraw(); // another mark or run since: cluster that one if it asks for it
    if (!r.ok) {
        m_status->setText(r.message);
        return;
    }
    m_heatmap->setClusters(done.options.clusters, done.options.seed, done.options.tssBins,
                           r.value.value<std::vector<int>>());
    redraw();
}

HeatmapTab::~HeatmapTab() = default;

void HeatmapTab::setContext(const QString& studyPath, const QString& cell, const QString& runId)
{
    if (studyPath == m_study && cell == m_cell && runId == m_runId)
        return;
    m_study = studyPath;
    m_cell = cell;
    m_runId = runId;
    m_stale = true;
    if (isVisible())
        load();
}

void HeatmapTab::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (m_stale)
        load();
}

bool HeatmapTab::isLoading() const
{
    return m_controller->isRunning();
}

bool HeatmapTab::isClustering() const
{
    return m_clusterer->isRunning();
}

void HeatmapTab::load()
{
    m_stale = false;
    m_source.reset();
    m_heatmap.reset();
    m_layout = HeatmapLayout();
    if (m_runId.isEmpty()) {
        m_figure->showMessage(QStringLiteral("Select a run with results to see all its genes."));
        return;
    }
    if (m_controller->isRunning()) { // finished() sees the new context and reads again
        m_controller->cancel();
        return;
    }
    m_figure->showMessage(QStringLiteral("Reading %1 · %2…").arg(m_cell, m_runId));
    auto source = std::make_shared<Source>();
    source->study = m_study;
    source->cell = m_cell;
    source->runId = m_runId;
    m_controller->start(QStringLiteral("%1: heatmap of run %2").arg(m_study, m_runId),
                        [source](const ProgressCallback&) {
                            JobResult r;
                            r.ok = readSource(source.get(), &r.message);
                            r.value = QVariant::fromValue(std::shared_ptr<const Source>(source));
                            return r;
                        });
}

void HeatmapTab::rebuild()
{
    if (!m_source)
        return;
    auto h = std::make_shared<GeneHeatmap>();
    QString error;
    if (!GeneHeatmap::build(m_source->data, m_source->results, m_source->track,
                            std::max(0, m_markBox->currentIndex()), h.get(), &error)) {
        m_figure->showMessage(error);
        return;
    }
    m_heatmap = std::move(h);
    redraw();
}

HeatmapOptions HeatmapTab::options() const
{
    HeatmapOptions o;
    o.sort = HeatmapSort(m_sortBox->currentData().toInt());
    o.grouping = HeatmapGrouping(m_groupBox->currentData().toInt());
    o.clusters = m_kBox->value();
    o.membership = m_membership;
    o.membershipName = m_listName;
    return o;
}

void HeatmapTab::redraw()
{
    m_kBox->setEnabled(options().grouping == HeatmapGrouping::Clusters);
    if (!m_heatmap)
        return;
    const HeatmapOptions o = options();
    if (o.grouping == HeatmapGrouping::Clusters && !m_heatmap->hasClusters(o))
        return cluster(o);
    QElapsedTimer clock;
    clock.start();
    QString error;
    HeatmapLayout layout;
    if (!m_heatmap->layout(o, &layout, &error)) {
        m_status->setText(error);
        return;
    }
    m_layout = std::move(layout);
    const int rows = std::max(1, m_plot->height());
    m_figure->draw(*m_heatmap, m_layout, QString(), rows);
    m_redrawMs = double(clock.nsecsElapsed()) / 1e6;
    m_status->setText(QStringLiteral("%1 · %2: %L3 genes in %4 groups, drawn in %5 ms")
                          .arg(m_cell, m_runId)
                          .arg(m_heatmap->geneCount())
                          .arg(m_layout.groups.size())
                          .arg(m_redrawMs, 0, 'f', 0));
    Q_EMIT redrawn();
}

void HeatmapTab::cluster(const HeatmapOptions& options)
{
    m_status->setText(QStringLiteral("%1 · %2: k-means of %L3 α profiles, k = %4…")
                          .arg(m_cell, m_runId)
                          .arg(m_heatmap->geneCount())
                          .arg(options.clusters));
    if (m_clusterer->isRunning())
        return;
    m_clustering = Clustering{m_heatmap, options};
    const std::shared_ptr<const GeneHeatmap> heatmap = m_heatmap;
    m_clusterer->start(
        QStringLiteral("%1 · %2: k-means").arg(m_cell, m_runId),
        [heatmap, options](const ProgressCallback&) {
            JobResult r;
            std::vector<int> clusters =
                heatmap->computeClusters(options.clusters, options.seed, options.tssBins);
            r.ok = !clusters.empty();
            if (!r.ok)
                r.message = QStringLiteral("k-means found no %1 clusters").arg(options.clusters);
            r.value = QVariant::fromValue(std::move(clusters));
            return r;
        });
}

void HeatmapTab::setSort(HeatmapSort sort)
{
    m_sortBox->setCurrentIndex(m_sortBox->findData(int(sort)));
    redraw();
}

void HeatmapTab::setGrouping(HeatmapGrouping grouping, int k)
{
    const QSignalBlocker block(m_kBox);
    m_kBox->setValue(k);
    m_groupBox->setCurrentIndex(m_groupBox->findData(int(grouping)));
    redraw();
}

void HeatmapTab::setMark(int mark)
{
    m_markBox->setCurrentIndex(mark);
    rebuild();
}

void HeatmapTab::setGeneList(const QString& name, const std::vector<bool>& membership)
{
    m_listName = name;
    m_membership = membership;
    const int at = m_groupBox->findData(int(HeatmapGrouping::Membership));
    if (membership.empty() && at >= 0)
        m_groupBox->removeItem(at);
    else if (!membership.empty() && at < 0)
        m_groupBox->addItem(QStringLiteral("gene list: %1").arg(name),
                            int(HeatmapGrouping::Membership));
    redraw();
}

bool HeatmapTab::saveFigure(const QString& format, const QString& file, int dpi,
                            QString* error) const
{
    return PlotExport::save(m_plot, format, file, FigureSize::fromPixels(m_plot->size(), dpi),
                            error, QStringLiteral("%1 · run %2").arg(m_cell, m_runId));
}

bool HeatmapTab::saveMatrix(const QString& file, QString* error) const
{
    if (!m_heatmap) {
        *error = QStringLiteral("%1: no heatmap to export").arg(file);
        return false;
    }
    return ComputeMatrixFile::write(file, *m_heatmap, m_layout, error);
}

void HeatmapTab::exportDialog(const QString& format)
{
    const bool matrix = format == QLatin1String("matrix");
    const QString suggested = QStringLiteral("heatmap_%1_%2.%3")
                                  .arg(m_cell, m_runId, matrix ? QStringLiteral("gz") : format);
    const QString file =
        QFileDialog::getSaveFileName(this, QStringLiteral("Export heatmap"), suggested);
    if (file.isEmpty())
        return;
    QString error;
    const bool ok = matrix ? saveMatrix(file, &error) : saveFigure(format, file, 300, &error);
    if (!ok)
        QMessageBox::warning(this, QStringLiteral("Export heatmap"), error);
    else
        m_status->setText(QStringLiteral("Wrote %1").arg(file));
}

} // namespace ac
