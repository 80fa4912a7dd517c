#include "TrainingView.h"

#include "QcpInclude.h"
#include "TrainingController.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QThread>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace ac
{

namespace
{

/// Decimals of the learning-rate box.
constexpr int kLearningRateDecimals = 6;

const ModelKind kKinds[] = {ModelKind::AttentiveChrome, ModelKind::LstmAlpha, ModelKind::Lstm,
                            ModelKind::DeepChrome, ModelKind::CnnAlphaBeta};

QSpinBox* intBox(int lo, int hi, QWidget* parent)
{
    auto* b = new QSpinBox(parent);
    b->setRange(lo, hi);
    return b;
}

QDoubleSpinBox* realBox(double lo, double hi, int decimals, double step, QWidget* parent)
{
    auto* b = new QDoubleSpinBox(parent);
    b->setRange(lo, hi);
    b->setDecimals(decimals);
    b->setSingleStep(step);
    return b;
}

QCustomPlot* curvePlot(const QString& y, const QStringList& names, const QList<QColor>& colours,
                       QWidget* parent)
{
    auto* p = new QCustomPlot(parent);
    p->xAxis->setLabel(QStringLiteral("epoch"));
    // Epochs are whole: ticks at 1, 2, … (or multiples), never at 1.5.
    QSharedPointer<QCPAxisTickerFixed> epochs(new QCPAxisTickerFixed);
    epochs->setTickStep(1);
    epochs->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    p->xAxis->setTicker(epochs);
    p->yAxis->setLabel(y);
    p->legend->setVisible(true);
    QFont f = p->font();
    f.setPointSizeF(8.5);
    p->legend->setFont(f);
    for (int i = 0; i < names.size(); ++i) {
        QCPGraph* g = p->addGraph();
        g->setName(names.at(i));
        g->setPen(QPen(colours.at(i), 2));
        g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 5));
    }
    p->setMinimumHeight(180);
    return p;
}

QString clock(double seconds)
{
    if (seconds < 0)
        return QStringLiteral("estimating…");
    const int s = int(std::lround(seconds));
    return s >= 3600 ? QStringLiteral("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60)
                     : QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

} // namespace

TrainingView::TrainingView(QWidget* parent)
    : QWidget(parent), m_controller(new TrainingController(this))
{
    createFields();
    QWidget* settings = buildSettingsPane();
    QWidget* progress = buildProgressPane();
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(settings);
    split->addWidget(progress);
    split->setStretchFactor(0, 0);
    split->setStretchFactor(1, 1);
    auto* lay = new QHBoxLayout(this);
    lay->setContentsMargins(4, 4, 4, 4);
    lay->addWidget(split);

    connect(m_controller, &TrainingController::progress, this, &TrainingView::onProgress);
    connect(m_controller, &TrainingController::runStarted, this, &TrainingView::onRunStarted);
    connect(m_controller, &TrainingController::runFinished, this, &TrainingView::onRunFinished);
    connect(m_controller, &TrainingController::allFinished, this, &TrainingView::onAllFinished);
    resetDefaults();
    setBusy(false);
}

void TrainingView::createFields()
{
    m_cells = new QListWidget(this);
    m_cells->setMaximumHeight(110);
    m_variant = new QComboBox(this);
    for (ModelKind k : kKinds)
        m_variant->addItem(modelKindName(k), modelKindKey(k));
    connect(m_variant, &QComboBox::currentIndexChanged, this, &TrainingView::updateVariantFields);

    m_binHidden = intBox(1, 1024, this);
    m_markHidden = intBox(1, 1024, this);
    m_convFilters = intBox(1, 1024, this);
    m_convKernel = intBox(1, 100, this);
    m_poolSize = intBox(1, 100, this);
    m_mlpHidden = intBox(1, 10000, this);
    m_dropout = realBox(0, 0.95, 2, 0.05, this);
    // Within TrainConfig::validate()'s ranges; the upper ends of the counts are the form's.
    m_epochs = intBox(1, std::min(1000, TrainConfig::kMaxEpochs), this);
    m_batch = intBox(1, std::min(4096, TrainConfig::kMaxBatchSize), this);
    // The learning rate is in (0, max]: the box's least value is the least positive one its
    // decimals show.
    m_lr = realBox(std::pow(10.0, -kLearningRateDecimals), TrainConfig::kMaxLearningRate,
                   kLearningRateDecimals, 1e-4, this);
    m_clip = realBox(0, 100, 2, 0.5, this);
    m_initRange = realBox(0.001, 1.0, 3, 0.01, this);
    m_patience = intBox(0, std::min(1000, TrainConfig::kMaxPatience), this);
    m_seed = intBox(0, 1 << 30, this);
    m_threads =
        intBox(0, std::clamp(QThread::idealThreadCount(), 1, TrainConfig::kMaxThreads), this);
    m_threads->setSpecialValueText(QStringLiteral("auto (all cores but one)"));
    m_patience->setSpecialValueText(QStringLiteral("never stop early"));
    m_clip->setSpecialValueText(QStringLiteral("off"));
}

QWidget* TrainingView::buildSettingsPane()
{
    auto* what = new QGroupBox(QStringLiteral("What to train"), this);
    auto* wf = new QFormLayout(what);
    wf->addRow(QStringLiteral("Cell types"), m_cells);
    wf->addRow(QStringLiteral("Variant"), m_variant);
    auto* model = new QGroupBox(QStringLiteral("Model (paper defaults)"), this);
    auto* mf = new QFormLayout(model);
    mf->addRow(QStringLiteral("Bin LSTM hidden / direction"), m_binHidden);
    mf->addRow(QStringLiteral("Mark LSTM hidden / direction"), m_markHidden);
    mf->addRow(QStringLiteral("Conv filters"), m_convFilters);
    mf->addRow(QStringLiteral("Conv kernel (bins)"), m_convKernel);
    mf->addRow(QStringLiteral("Pool size"), m_poolSize);
    mf->addRow(QStringLiteral("MLP hidden"), m_mlpHidden);
    mf->addRow(QStringLiteral("Dropout"), m_dropout);
    auto* opt = new QGroupBox(QStringLiteral("Optimisation"), this);
    auto* of = new QFormLayout(opt);
    of->addRow(QStringLiteral("Epochs"), m_epochs);
    of->addRow(QStringLiteral("Batch size"), m_batch);
    of->addRow(QStringLiteral("Learning rate"), m_lr);
    of->addRow(QStringLiteral("Gradient clip (norm)"), m_clip);
    of->addRow(QStringLiteral("Init range ±"), m_initRange);
    of->addRow(QStringLiteral("Early-stop patience"), m_patience);
    of->addRow(QStringLiteral("Seed"), m_seed);
    of->addRow(QStringLiteral("Threads"), m_threads);

    m_start = new QPushButton(QStringLiteral("Start training"), this);
    m_cancel = new QPushButton(QStringLiteral("Cancel"), this);
    m_defaults = new QPushButton(QStringLiteral("Paper defaults"), this);
    connect(m_start, &QPushButton::clicked, this, [this] { startTraining(); });
    connect(m_cancel, &QPushButton::clicked, this, &TrainingView::cancelTraining);
    connect(m_defaults, &QPushButton::clicked, this, &TrainingView::resetDefaults);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_defaults);
    buttons->addStretch(1);
    buttons->addWidget(m_start);
    buttons->addWidget(m_cancel);

    auto* form = new QWidget(this);
    auto* fl = new QVBoxLayout(form);
    fl->addWidget(what);
    fl->addWidget(model);
    fl->addWidget(opt);
    fl->addLayout(buttons);
    fl->addStretch(1);
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(form);
    scroll->setWidgetResizable(true);
    scroll->setMinimumWidth(360);
    return scroll;
}

QWidget* TrainingView::buildProgressPane()
{
    m_bar = new QProgressBar(this);
    m_bar->setRange(0, 1000);
    m_status = new QLabel(QStringLiteral("Idle."), this);
    m_status->setWordWrap(true);
    m_lossPlot = curvePlot(
        QStringLiteral("loss (BCE)"),
        {QStringLiteral("train"), QStringLiteral("validation"),
         QStringLiteral("train, this epoch so far")},
        {QColor(0x1f, 0x77, 0xb4), QColor(0xd6, 0x27, 0x28), QColor(0x1f, 0x77, 0xb4, 110)}, this);
    m_lossPlot->graph(2)->setLineStyle(QCPGraph::lsNone);
    m_lossPlot->graph(2)->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 7));
    m_aurocPlot =
        curvePlot(QStringLiteral("AUROC"), {QStringLiteral("train"), QStringLiteral("validation")},
                  {QColor(0x1f, 0x77, 0xb4), QColor(0xd6, 0x27, 0x28)}, this);
    m_aurocPlot->legend->setVisible(true);
    m_aurocPlot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignRight);
    m_lossPlot->xAxis->setRange(0, TrainConfig().epochs + 0.5);
    m_lossPlot->yAxis->setRange(0, 1);
    m_aurocPlot->xAxis->setRange(0, TrainConfig().epochs + 0.5);
    m_aurocPlot->yAxis->setRange(0.4, 1.0);
    m_log = new QPlainTextEdit(this);
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(500);
    m_log->setMaximumHeight(110);

    auto* right = new QWidget(this);
    auto* rl = new QVBoxLayout(right);
    rl->addWidget(m_bar);
    rl->addWidget(m_status);
    rl->addWidget(m_lossPlot, 1);
    rl->addWidget(m_aurocPlot, 1);
    rl->addWidget(m_log);
    return right;
}

TrainingView::~TrainingView() = default;

void TrainingView::setStudy(const QString& path, const QStringList& cells,
                            const QString& currentCell)
{
    m_studyPath = path;
    const QStringList checked =
        checkedCells().isEmpty() ? QStringList{currentCell} : checkedCells();
    m_cells->clear();
    for (const QString& c : cells) {
        auto* it = new QListWidgetItem(c, m_cells);
        it->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        it->setCheckState(checked.contains(c) ? Qt::Checked : Qt::Unchecked);
    }
}

void TrainingView::setCheckedCells(const QStringList& cells)
{
    for (int i = 0; i < m_cells->count(); ++i)
        m_cells->item(i)->setCheckState(cells.contains(m_cells->item(i)->text()) ? Qt::Checked
                                                                                 : Qt::Unchecked);
}

QStringList TrainingView::checkedCells() const
{
    QStringList out;
    for (int i = 0; i < m_cells->count(); ++i)
        if (m_cells->item(i)->checkState() == Qt::Checked)
            out << m_cells->item(i)->text();
    return out;
}

void TrainingView::setModelConfig(const ModelConfig& c)
{
    m_variant->setCurrentIndex(std::max(0, m_variant->findData(modelKindKey(c.kind))));
    m_binHidden->setValue(c.binHidden);
    m_markHidden->setValue(c.markHidden);
    m_convFilters->setValue(c.convFilters);
    m_convKernel->setValue(c.convKernel);
    m_poolSize->setValue(c.poolSize);
    m_mlpHidden->setValue(c.mlpHidden);
    m_dropout->setValue(c.dropout);
    updateVariantFields();
}

ModelConfig TrainingView::modelConfig() const
{
    ModelConfig c;
    parseModelKind(m_variant->currentData().toString(), &c.kind);
    c.binHidden = m_binHidden->value();
    c.markHidden = m_markHidden->value();
    c.convFilters = m_convFilters->value();
    c.convKernel = m_convKernel->value();
    c.poolSize = m_poolSize->value();
    c.mlpHidden = m_mlpHidden->value();
    c.dropout = m_dropout->value();
    return c;
}

void TrainingView::setTrainConfig(const TrainConfig& c)
{
    m_epochs->setValue(c.epochs);
    m_batch->setValue(c.batchSize);
    m_lr->setValue(c.learningRate);
    m_clip->setValue(c.gradClip);
    m_initRange->setValue(c.initRange);
    m_patience->setValue(c.patience);
    m_seed->setValue(int(c.seed));
    m_threads->setValue(c.threads);
}

TrainConfig TrainingView::trainConfig() const
{
    TrainConfig c;
    c.epochs = m_epochs->value();
    c.batchSize = m_batch->value();
    c.learningRate = m_lr->value();
    c.gradClip = m_clip->value();
    c.initRange = m_initRange->value();
    c.patience = m_patience->value();
    c.seed = std::uint64_t(m_seed->value());
    c.threads = m_threads->value();
    return c;
}

void TrainingView::resetDefaults()
{
    // TrainConfig's threads = 0 already means "all cores but one": the GUI keeps a core.
    setModelConfig(ModelConfig());
    setTrainConfig(TrainConfig());
}

void TrainingView::updateVariantFields()
{
    ModelKind kind = ModelKind::AttentiveChrome;
    parseModelKind(m_variant->currentData().toString(), &kind);
    const bool lstm = kind == ModelKind::AttentiveChrome || kind == ModelKind::LstmAlpha ||
                      kind == ModelKind::Lstm;
    const bool cnn = kind == ModelKind::DeepChrome || kind == ModelKind::CnnAlphaBeta;
    m_binHidden->setEnabled(lstm);
    m_markHidden->setEnabled(kind == ModelKind::AttentiveChrome || kind == ModelKind::CnnAlphaBeta);
    m_convFilters->setEnabled(cnn);
    m_convKernel->setEnabled(cnn);
    m_poolSize->setEnabled(cnn);
    m_mlpHidden->setEnabled(kind == ModelKind::DeepChrome);
    m_dropout->setEnabled(kind == ModelKind::DeepChrome);
}

QList<TrainRequest> TrainingView::requests() const
{
    QList<TrainRequest> out;
    for (const QString& cell : checkedCells()) {
        TrainRequest r;
        r.studyPath = m_studyPath;
        r.cell = cell;
        r.model = modelConfig();
        r.train = trainConfig();
        out << r;
    }
    return out;
}

bool TrainingView::startTraining()
{
    if (m_studyPath.isEmpty()) {
        m_status->setText(QStringLiteral("Open a study first."));
        return false;
    }
    const QList<TrainRequest> reqs = requests();
    if (reqs.isEmpty()) {
        m_status->setText(QStringLiteral("Tick at least one cell type."));
        return false;
    }
    return startRequests(reqs);
}

bool TrainingView::resumeRun(const RunRecord& run)
{
    if (m_studyPath.isEmpty()) {
        m_status->setText(QStringLiteral("Open a study first."));
        return false;
    }
    TrainRequest r;
    r.studyPath = m_studyPath;
    r.cell = run.cell;
    r.model = run.model;
    r.train = run.train;
    r.resumeRunId = run.id;
    if (!startRequests({r}))
        return false;
    m_log->appendPlainText(
        QStringLiteral("Resuming run %1 after epoch %2").arg(run.id).arg(run.epochs.size()));
    return true;
}

bool TrainingView::startRequests(const QList<TrainRequest>& requests)
{
    if (!m_controller->start(requests)) {
        m_status->setText(QStringLiteral("A training is already running."));
        return false;
    }
    setBusy(true);
    return true;
}

void TrainingView::cancelTraining()
{
    if (!m_controller->isRunning())
        return;
    m_controller->cancel();
    m_status->setText(QStringLiteral("Cancelling after the current batch…"));
}

bool TrainingView::isRunning() const
{
    return m_controller->isRunning();
}
QString TrainingView::statusText() const
{
    return m_status->text();
}

void TrainingView::onRunStarted(int index, const TrainRequest& r)
{
    for (int g = 0; g < m_lossPlot->graphCount(); ++g)
        m_lossPlot->graph(g)->data()->clear();
    for (int g = 0; g < m_aurocPlot->graphCount(); ++g)
        m_aurocPlot->graph(g)->data()->clear();
    m_lossPlot->xAxis->setRange(0, r.train.epochs + 0.5);
    m_aurocPlot->xAxis->setRange(0, r.train.epochs + 0.5);
    m_aurocPlot->yAxis->setRange(0.4, 1.0);
    m_lossPlot->replot(QCustomPlot::rpQueuedReplot);
    m_aurocPlot->replot(QCustomPlot::rpQueuedReplot);
    m_bar->setValue(0);
    m_status->setText(QStringLiteral("Run %1 of %2: %3 on %4, starting…")
                          .arg(index + 1)
                          .arg(m_controller->requestCount())
                          .arg(modelKindName(r.model.kind), r.cell));
    m_log->appendPlainText(QStringLiteral("Training %1 on %2 (%3 epochs, batch %4, lr %5)")
                               .arg(modelKindKey(r.model.kind), r.cell)
                               .arg(r.train.epochs)
                               .arg(r.train.batchSize)
                               .arg(r.train.learningRate));
}

void TrainingView::onProgress(const TrainProgress& p)
{
    const double epochFrac = p.batches > 0 ? double(p.batch) / p.batches : 0.0;
    const double done =
        p.epochs > 0 ? ((p.epoch - 1) + (p.epochDone ? 1.0 : epochFrac)) / p.epochs : 0.0;
    m_bar->setValue(int(std::clamp(done, 0.0, 1.0) * 1000));
    const int index = m_controller->currentIndex(), count = m_controller->requestCount();
    QString eta = clock(p.etaSeconds);
    // Queued runs are assumed as long as this one would be in full (same epochs, similar cell
    // sizes); early stopping can only make them shorter.
    if (count > index + 1 && p.etaSeconds >= 0 && done > 0.02 && done < 1.0)
        eta += QStringLiteral(", all runs ≈ %1")
                   .arg(clock(p.etaSeconds + (count - index - 1) * p.etaSeconds / (1.0 - done)));
    m_status->setText(
        QStringLiteral("Run %1 of %2  ·  epoch %3/%4  ·  batch %5/%6  ·  loss %7  ·  ETA %8")
            .arg(index + 1)
            .arg(count)
            .arg(p.epoch)
            .arg(p.epochs)
            .arg(p.batch)
            .arg(p.batches)
            .arg(p.loss, 0, 'f', 4)
            .arg(eta));
    if (p.epochDone) {
        const EpochMetrics& m = p.metrics;
        m_lossPlot->graph(0)->addData(m.epoch, m.trainLoss);
        m_lossPlot->graph(1)->addData(m.epoch, m.validLoss);
        m_lossPlot->graph(2)->data()->clear();
        m_aurocPlot->graph(0)->addData(m.epoch, m.trainAuroc);
        m_aurocPlot->graph(1)->addData(m.epoch, m.validAuroc);
        m_log->appendPlainText(
            QStringLiteral(
                "epoch %1: train loss %2, valid loss %3, train AUROC %4, valid AUROC %5 (%6 s)")
                .arg(m.epoch)
                .arg(m.trainLoss, 0, 'f', 4)
                .arg(m.validLoss, 0, 'f', 4)
                .arg(m.trainAuroc, 0, 'f', 3)
                .arg(m.validAuroc, 0, 'f', 3)
                .arg(m.seconds, 0, 'f', 1));
    } else if (p.batches > 0) {
        // The running loss of the epoch in progress, at its fractional epoch.
        m_lossPlot->graph(2)->data()->clear();
        m_lossPlot->graph(2)->addData(p.epoch - 1 + epochFrac, p.loss);
    }
    bool found = false;
    QCPRange lr = m_lossPlot->graph(0)->data()->valueRange(found);
    QCPRange r = lr;
    for (int g = 1; g < 3; ++g) {
        bool f = false;
        const QCPRange gr = m_lossPlot->graph(g)->data()->valueRange(f);
        if (f) {
            r = found ? QCPRange(std::min(r.lower, gr.lower), std::max(r.upper, gr.upper)) : gr;
            found = true;
        }
    }
    if (found)
        m_lossPlot->yAxis->setRange(std::max(0.0, r.lower - 0.05), r.upper + 0.05);
    bool af = false;
    QCPRange ar = m_aurocPlot->graph(0)->data()->valueRange(af);
    bool vf = false;
    const QCPRange vr = m_aurocPlot->graph(1)->data()->valueRange(vf);
    if (vf)
        ar = af ? QCPRange(std::min(ar.lower, vr.lower), std::max(ar.upper, vr.upper)) : vr;
    if (af || vf)
        m_aurocPlot->yAxis->setRange(std::min(0.5, ar.lower - 0.02),
                                     std::min(1.0, ar.upper + 0.02));
    m_lossPlot->replot(QCustomPlot::rpQueuedReplot);
    m_aurocPlot->replot(QCustomPlot::rpQueuedReplot);
}

void TrainingView::onRunFinished(bool ok, const QString& message, const QString& runId,
                                 const QString& status)
{
    m_log->appendPlainText(ok ? message : QStringLiteral("error: ") + message);
    m_status->setText(ok ? message : QStringLiteral("Training failed: ") + message);
    if (ok)
        m_bar->setValue(status == QLatin1String("cancelled") ? m_bar->value() : 1000);
    if (!runId.isEmpty())
        Q_EMIT runStored(runId);
}

void TrainingView::onAllFinished()
{
    setBusy(false);
    Q_EMIT trainingFinished();
}

void TrainingView::setBusy(bool busy)
{
    m_start->setEnabled(!busy);
    m_cancel->setEnabled(busy);
    m_defaults->setEnabled(!busy);
    m_cells->setEnabled(!busy);
    m_variant->setEnabled(!busy);
}

} // namespace ac
