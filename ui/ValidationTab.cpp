#include "ValidationTab.h"

#include "JobController.h"
#include "ValidationView.h"
#include "interpret/ValidationArchive.h"
#include "interpret/Validator.h"
#include "store/StudyFile.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

#include <algorithm>

namespace ac
{

namespace
{
// The attribution maps compared with α, cheapest first (occlusion costs 500 passes per gene).
struct MethodChoice {
    const char* label;
    QList<AttributionMethod> methods;
};
const MethodChoice kMethodChoices[] = {
    {"saliency + integrated gradients",
     {AttributionMethod::Saliency, AttributionMethod::IntegratedGradients}},
    {"saliency", {AttributionMethod::Saliency}},
    {"saliency + input × gradient",
     {AttributionMethod::Saliency, AttributionMethod::InputTimesGradient}},
    {"α only", {}},
};
} // namespace

ValidationTab::ValidationTab(QWidget* parent) : QWidget(parent)
{
    m_controller = new JobController(this);
    m_view = new ValidationView(this);
    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_trackBox = new QComboBox(this);
    m_splitBox = new QComboBox(this);
    m_splitBox->addItems({QStringLiteral("test"), QStringLiteral("valid"), QStringLiteral("train"),
                          QStringLiteral("all")});
    m_listBox = new QComboBox(this);
    m_listBox->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_listBox->setVisible(false); // until a gene list is loaded in the study dock
    m_methodsBox = new QComboBox(this);
    for (const MethodChoice& c : kMethodChoices)
        m_methodsBox->addItem(QString::fromUtf8(c.label));
    m_baselineBox = new QComboBox(this);
    for (IgBaselineKind kind :
         {IgBaselineKind::Zero, IgBaselineKind::Shuffled, IgBaselineKind::TrainingMean})
        m_baselineBox->addItem(IgBaseline::name(kind), int(kind));
    m_baselineBox->setToolTip(QStringLiteral("Baseline x\u2080 of integrated gradients"));
    m_runButton = new QPushButton(QStringLiteral("Validate"), this);
    m_cancelButton = new QPushButton(QStringLiteral("Cancel"), this);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 1000);
    m_progressText = new QLabel(this);
    // Long progress texts must not widen the window.
    m_progressText->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);

    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(QStringLiteral("Track"), this));
    controls->addWidget(m_trackBox);
    controls->addWidget(new QLabel(QStringLiteral("Genes"), this));
    controls->addWidget(m_splitBox);
    controls->addWidget(m_listBox);
    controls->addWidget(new QLabel(QStringLiteral("Compare α with"), this));
    controls->addWidget(m_methodsBox);
    controls->addWidget(new QLabel(QStringLiteral("IG baseline"), this));
    controls->addWidget(m_baselineBox);
    controls->addStretch();
    // Run and progress on a row of their own: on one row with the choices the tab was 851 px
    // wide at least, too wide beside the dock on a 1,366 px screen (issue 14).
    auto* run = new QHBoxLayout;
    run->addWidget(m_runButton);
    run->addWidget(m_cancelButton);
    run->addWidget(m_progress, 1);
    run->addWidget(m_progressText, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addLayout(controls);
    layout->addLayout(run);
    // In a scroll area: the report's figures must not make the window taller than a 768 px
    // screen (issue 14: 840 px after a validation).
    m_scroll = new QScrollArea(this);
    m_scroll->setWidget(m_view);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    layout->addWidget(m_scroll, 1);
    layout->addStretch(); // keeps the controls at the top while the view is hidden

    connect(m_runButton, &QPushButton::clicked, this, [this] { start(); });
    connect(m_trackBox, &QComboBox::activated, this, &ValidationTab::showStored);
    connect(m_splitBox, &QComboBox::activated, this, &ValidationTab::showStored);
    connect(m_listBox, &QComboBox::activated, this, &ValidationTab::showStored);
    connect(m_cancelButton, &QPushButton::clicked, this, &ValidationTab::cancel);
    connect(m_controller, &JobController::progress, this,
            [this](double fraction, const QString& message) {
                m_progress->setValue(int(std::clamp(fraction, 0.0, 1.0) * 1000));
                m_progressText->setText(message);
            });
    connect(m_controller, &JobController::finished, this, &ValidationTab::onFinished);
    updateControls();
}

ValidationTab::~ValidationTab() = default;

void ValidationTab::onFinished(const JobResult& result)
{
    const ValidationReport report = result.value.value<ValidationReport>();
    if (result.ok && report.runId == m_runId && report.studyPath == m_study) {
        m_view->setReport(report);
        followGene();
        m_progress->setValue(1000);
        m_progressText->setText(result.message);
    } else if (!result.ok) {
        m_progressText->setText(result.message);
    }
    updateControls();
    Q_EMIT validationFinished(result.ok, result.ok ? QString() : result.message);
}

void ValidationTab::setContext(const QString& studyPath, const QString& cell, const QString& runId,
                               const QStringList& trackNames)
{
    const bool changed = studyPath != m_study || cell != m_cell || runId != m_runId;
    m_study = studyPath;
    m_cell = cell;
    m_runId = runId;
    const QString previous = m_trackBox->currentText();
    m_trackBox->clear();
    m_trackBox->addItems(trackNames);
    const QString preferred = trackNames.contains(previous) ? previous
                              : trackNames.contains(QStringLiteral("H3K27ac"))
                                  ? QStringLiteral("H3K27ac")
                                  : QString();
    if (!preferred.isEmpty())
        m_trackBox->setCurrentText(preferred);
    if (changed) {
        m_controller->cancel();
        showStored();
    }
    updateControls();
}

void ValidationTab::showStored()
{
    if (m_controller->isRunning())
        return;
    ValidationReport report;
    QString error;
    if (!m_study.isEmpty() && !m_runId.isEmpty() && m_trackBox->count() > 0) {
        const std::unique_ptr<StudyFile> study = StudyFile::open(m_study, &error);
        const QString track = m_trackBox->currentText(), split = m_splitBox->currentText();
        const QStringList listed = request().geneIds;
        if (study && ValidationArchive::has(*study, m_runId, track, split, listed) &&
            !ValidationArchive::load(*study, m_runId, track, split, listed, &report, &error))
            report = ValidationReport();
        else
            error.clear();
    }
    if (!report.runId.isEmpty() || !m_view->report().runId.isEmpty())
        m_view->setReport(report);
    m_progress->setValue(report.runId.isEmpty() ? 0 : 1000);
    m_progressText->setText(
        !error.isEmpty() ? error
        : report.runId.isEmpty()
            ? QString()
            : QStringLiteral("stored result, %1 genes%2")
                  .arg(report.genes.size())
                  .arg(report.geneListName.isEmpty()
                           ? QString()
                           : QStringLiteral(" of list %1").arg(report.geneListName)));
    followGene();
    updateControls();
}

ValidationRequest ValidationTab::request() const
{
    ValidationRequest r;
    r.studyPath = m_study;
    r.runId = m_runId;
    r.track = m_trackBox->currentText();
    r.split = m_splitBox->currentText();
    if (m_listBox->currentIndex() == 1) {
        r.geneIds = m_listedGenes;
        r.geneListName = m_listName;
    }
    const int choice =
        std::clamp(m_methodsBox->currentIndex(), 0, int(std::size(kMethodChoices)) - 1);
    r.methods = kMethodChoices[choice].methods;
    r.integratedGradientBaseline =
        static_cast<IgBaselineKind>(m_baselineBox->currentData().toInt());
    return r;
}

bool ValidationTab::start()
{
    if (m_runId.isEmpty() || m_trackBox->count() == 0 || m_controller->isRunning())
        return false;
    m_progress->setValue(0);
    m_progressText->setText(QStringLiteral("starting…"));
    const ValidationRequest r = request();
    const bool ok = m_controller->start(
        QStringLiteral("%1: validation").arg(r.runId), [r](const ProgressCallback& progress) {
            ValidationReport report;
            JobResult result;
            result.ok = Validator::run(r, &report, progress, &result.message);
            if (result.ok) {
                // Kept with the run: selecting it again shows the report without recomputing.
                QString storeError;
                const bool stored = ValidationArchive::store(report, &storeError);
                result.message = QStringLiteral("%1 genes (%2 ON, %3 OFF)%4")
                                     .arg(report.genes.size())
                                     .arg(report.agreement.onGenes)
                                     .arg(report.agreement.offGenes)
                                     .arg(stored ? QStringLiteral(", stored with the run")
                                                 : QStringLiteral("; not stored: ") + storeError);
                result.value = QVariant::fromValue(report);
            }
            return result;
        });
    updateControls();
    return ok;
}

void ValidationTab::cancel()
{
    m_controller->cancel();
}

bool ValidationTab::isRunning() const
{
    return m_controller->isRunning();
}

void ValidationTab::setGene(int cellGene)
{
    m_gene = cellGene;
    followGene();
}

void ValidationTab::setGeneList(const QString& name, const QStringList& geneIds)
{
    QStringList sorted = geneIds;
    sorted.sort();
    sorted.removeDuplicates();
    if (name == m_listName && sorted == m_listedGenes)
        return;
    const bool wasListed = m_listBox->currentIndex() == 1;
    m_listName = sorted.isEmpty() ? QString() : name;
    m_listedGenes = sorted;
    m_listBox->clear();
    if (!sorted.isEmpty()) {
        m_listBox->addItems(
            {QStringLiteral("all"), QStringLiteral("in list (%L1)").arg(sorted.size())});
        m_listBox->setToolTip(QStringLiteral("Validate every gene of the split, or only those of "
                                             "the gene list %1 (%L2 genes of the cell)")
                                  .arg(name)
                                  .arg(sorted.size()));
        m_listBox->setCurrentIndex(wasListed ? 1 : 0);
    }
    m_listBox->setVisible(!sorted.isEmpty());
    showStored();
}

void ValidationTab::setListedGenesOnly(bool listed)
{
    m_listBox->setCurrentIndex(listed && m_listBox->count() == 2 ? 1 : 0);
    showStored();
}

void ValidationTab::followGene()
{
    const std::vector<int>& genes = m_view->report().genes;
    const auto it = std::find(genes.begin(), genes.end(), m_gene);
    if (it != genes.end())
        m_view->showGene(int(it - genes.begin()));
}

void ValidationTab::updateControls()
{
    const bool running = m_controller->isRunning();
    const bool hasTrack = m_trackBox->count() > 0;
    if (m_study.isEmpty() || m_cell.isEmpty())
        m_message->setText(QStringLiteral("Open a study to validate a run against a track."));
    else if (!hasTrack)
        m_message->setText(
            QStringLiteral("Cell %1 has no track to validate against (e.g. H3K27ac). Add one "
                           "with File → Import track…, or on the command line (then reopen the "
                           "study):\n"
                           "attentivechrome-cli import-track --study %2 --cell %1 "
                           "--format csv|bedgraph|bigwig --file TRACK --name H3K27ac")
                .arg(m_cell, m_study));
    else if (m_runId.isEmpty())
        m_message->setText(
            QStringLiteral("Cell %1 has no run: train one (Training tab) or pick one "
                           "in the study tree.")
                .arg(m_cell));
    else
        m_message->setText(QStringLiteral("Run %1 against a track of cell %2: α and attribution "
                                          "maps of the chosen genes correlated with the track. "
                                          "The per-gene overlay follows the selected gene "
                                          "(when it is among the validated genes).")
                               .arg(m_runId, m_cell));
    const bool ready = !m_study.isEmpty() && !m_runId.isEmpty() && hasTrack;
    m_runButton->setEnabled(ready && !running);
    m_cancelButton->setEnabled(running);
    m_trackBox->setEnabled(hasTrack && !running);
    m_splitBox->setEnabled(!running);
    m_listBox->setEnabled(!running);
    m_methodsBox->setEnabled(!running);
    m_baselineBox->setEnabled(!running);
    // Before a report there is nothing to draw: show the view once it holds one.
    m_scroll->setVisible(hasTrack && !m_view->report().agreement.rows.empty());
}

} // namespace ac
