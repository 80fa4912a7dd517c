// The Validation tab and the gene view's attribution choice in the main window, over a simulated
// study the test writes (one cell with its H3K27ac track, a run trained for one epoch): the tab's
// table equals Validator's for the same request, the overlay follows the selected gene, a cell
// without a track says how to add one, and the attribution panel holds Attributor's values.
#include "GeneView.h"
#include "MainWindow.h"
#include "QcpInclude.h"
#include "StudyDock.h"
#include "ValidationTab.h"
#include "ValidationView.h"
#include "domain/GeneViewData.h"
#include "interpret/Attributor.h"
#include "interpret/ValidationArchive.h"
#include "interpret/Validator.h"
#include "jobs/SimulatedStudy.h"
#include "store/StudyFile.h"
#include "train/Trainer.h"

#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace ac;

class TestValidationTab : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void tableEqualsValidator();
    void storedValidationIsShownAgain();
    void validatesTheDockGeneList();
    void cellWithoutTrackSaysHowToAddOne();
    void saliencyFillsTheAttributionPanel();
    void integratedGradientsArriveFromTheWorker();

private:
    std::vector<float> directAttribution(int gene, AttributionMethod method,
                                         const IgBaseline& baseline = IgBaseline());

    QTemporaryDir m_dir;
    QString m_study;
    QString m_run;
};

void TestValidationTab::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("AttentiveChromeStudioTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_validationtab"));
    QVERIFY(m_dir.isValid());
    m_study = m_dir.filePath(QStringLiteral("sim.h5"));
    SimulationConfig sim;
    sim.cells = 1;
    sim.genesPerCell = 300;
    sim.seed = 7;
    QString error;
    QVERIFY2(writeSimulatedStudy(m_study, sim, {}, &error), qPrintable(error));
    TrainRequest request;
    request.studyPath = m_study;
    request.cell = QStringLiteral("SimCell1");
    request.train.epochs = 1;
    request.train.threads = 1;
    request.train.seed = 1;
    request.runId = QStringLiteral("sim-run");
    const TrainOutcome outcome = trainModel(request, {});
    QVERIFY2(outcome.ok, qPrintable(outcome.error));
    m_run = outcome.run.id;
}

void TestValidationTab::tableEqualsValidator()
{
    MainWindow w;
    QVERIFY2(w.openStudy(m_study, false), qPrintable(w.lastError()));
    QVERIFY(w.selectRun(m_run));
    ValidationTab* tab = w.validationTab();
    QVERIFY(w.tabs()->indexOf(tab) >= 0);
    QCOMPARE(w.tabs()->tabText(w.tabs()->indexOf(tab)), QStringLiteral("Validation"));
    const ValidationRequest request = tab->request();
    QCOMPARE(request.runId, m_run);
    QCOMPARE(request.track, QStringLiteral("H3K27ac"));

    QSignalSpy done(tab, &ValidationTab::validationFinished);
    QVERIFY(tab->start());
    QVERIFY(tab->isRunning());
    QVERIFY(!tab->start()); // one at a time
    QVERIFY(done.wait(300000));
    QVERIFY2(done.first().at(0).toBool(), qPrintable(done.first().at(1).toString()));

    ValidationReport direct;
    QString error;
    QVERIFY2(Validator::run(request, &direct, {}, &error), qPrintable(error));
    QTableWidget* table = tab->view()->table();
    QVERIFY(!direct.agreement.rows.empty());
    QCOMPARE(table->rowCount(), int(direct.agreement.rows.size()));
    const QStringList header = Validator::tableHeader();
    QCOMPARE(table->columnCount(), int(header.size()));
    for (int r = 0; r < table->rowCount(); ++r) {
        const QStringList cells = Validator::tableRow(direct.agreement.rows[std::size_t(r)]);
        for (int c = 0; c < cells.size(); ++c)
            QCOMPARE(table->item(r, c)->text(), cells[c]);
    }
    // Issue 15: the class-optimal ON and OFF maps, and notes on their convergence and on the
    // completeness of integrated gradients (zero baseline by default).
    QCOMPARE(request.integratedGradientBaseline, IgBaselineKind::Zero);
    QCOMPARE(tab->view()->report().classOptima.size(), std::size_t(2));
    QVERIFY(!tab->view()->classOptimumPlot()->isHidden());
    QCOMPARE(tab->view()->classOptimumPlot()->plottableCount(), 2);
    const QString note = tab->view()->interpretationLabel()->text();
    QVERIFY2(note.contains(QStringLiteral("Class optimisation ON")) &&
                 note.contains(QStringLiteral("Class optimisation OFF")) &&
                 note.contains(QStringLiteral("completeness")),
             qPrintable(note));

    // The per-gene overlay follows the gene selected in the window.
    const std::vector<int>& genes = tab->view()->report().genes;
    QVERIFY(genes.size() > 5);
    QVERIFY(w.selectGene(genes[4]));
    QCOMPARE(tab->view()->shownGene(), 4);
    QVERIFY(w.selectGene(genes[1]));
    QCOMPARE(tab->view()->shownGene(), 1);
}

// Issue 14, item 2: the validation run above was stored with its run; selecting the run again
// (here: in a new window, after another context) shows the same table without recomputing.
void TestValidationTab::storedValidationIsShownAgain()
{
    QString error;
    auto study = StudyFile::open(m_study, &error);
    QVERIFY2(study, qPrintable(error));
    QCOMPARE(study->validationNames(m_run), QStringList{QStringLiteral("H3K27ac-test")});
    ValidationReport stored;
    QVERIFY2(ValidationArchive::load(*study, m_run, QStringLiteral("H3K27ac"),
                                     QStringLiteral("test"), {}, &stored, &error),
             qPrintable(error));
    ValidationRequest request;
    request.studyPath = m_study;
    request.runId = m_run;
    ValidationReport direct;
    QVERIFY2(Validator::run(request, &direct, {}, &error), qPrintable(error));
    QCOMPARE(stored.genes, direct.genes);
    QCOMPARE(stored.geneIds, direct.geneIds);
    QCOMPARE(stored.agreement.rows.size(), direct.agreement.rows.size());
    for (std::size_t r = 0; r < direct.agreement.rows.size(); ++r)
        QCOMPARE(Validator::tableRow(stored.agreement.rows[r]),
                 Validator::tableRow(direct.agreement.rows[r]));

    MainWindow w;
    QVERIFY2(w.openStudy(m_study, false), qPrintable(w.lastError()));
    QVERIFY(w.selectRun(m_run));
    ValidationTab* tab = w.validationTab();
    QVERIFY(!tab->isRunning());
    QTableWidget* table = tab->view()->table();
    QCOMPARE(table->rowCount(), int(direct.agreement.rows.size()));
    for (int r = 0; r < table->rowCount(); ++r)
        QCOMPARE(table->item(r, 0)->text(), Validator::tableRow(direct.agreement.rows[r])[0]);
    // Another context clears it; coming back shows it again.
    tab->setContext(m_study, QStringLiteral("SimCell1"), QString(), {QStringLiteral("H3K27ac")});
    QVERIFY(tab->view()->report().runId.isEmpty());
    tab->setContext(m_study, QStringLiteral("SimCell1"), m_run, {QStringLiteral("H3K27ac")});
    QCOMPARE(tab->view()->report().runId, m_run);
    QCOMPARE(int(tab->view()->report().agreement.rows.size()), table->rowCount());
}

// Issue 15: the gene list loaded in the study dock is a choice of genes to validate; its report
// is stored apart from the whole split's, and switching between them shows each again.
void TestValidationTab::validatesTheDockGeneList()
{
    QString error;
    CellData cell;
    {
        auto study = StudyFile::open(m_study, &error);
        QVERIFY2(study && study->readCellIndex(QStringLiteral("SimCell1"), &cell, &error),
                 qPrintable(error));
    }
    QStringList listed; // five test genes and one training gene (not validated on "test")
    for (int g = 0; g < cell.geneCount() && listed.size() < 5; ++g)
        if (cell.splits[std::size_t(g)] == Split::Test)
            listed << cell.genes[std::size_t(g)].remcId;
    const int trainGene =
        int(std::find(cell.splits.begin(), cell.splits.end(), Split::Train) - cell.splits.begin());
    QVERIFY(listed.size() == 5 && trainGene < cell.geneCount());
    const QString listPath = m_dir.filePath(QStringLiteral("five.txt"));
    QFile file(listPath);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write((listed.join(QLatin1Char('\n')) + QLatin1Char('\n') +
                cell.genes[std::size_t(trainGene)].remcId + QLatin1Char('\n'))
                   .toUtf8());
    file.close();

    MainWindow w;
    QVERIFY2(w.openStudy(m_study, false), qPrintable(w.lastError()));
    QVERIFY(w.selectRun(m_run));
    ValidationTab* tab = w.validationTab();
    QVERIFY(tab->request().geneIds.isEmpty()); // no list: the whole split
    QVERIFY2(w.studyDock()->loadGeneList(listPath, &error), qPrintable(error));
    QVERIFY(tab->request().geneIds.isEmpty()); // the list is offered, the split stays chosen
    QCOMPARE(tab->view()->report().listedGenes, QStringList()); // the whole split's, stored
    tab->setListedGenesOnly(true);
    QCOMPARE(tab->request().geneIds.size(), 6);
    QCOMPARE(tab->request().geneListName, QStringLiteral("five.txt"));
    QVERIFY(tab->view()->report().runId.isEmpty()); // nothing stored for the list yet

    QSignalSpy done(tab, &ValidationTab::validationFinished);
    QVERIFY(tab->start());
    QVERIFY(done.wait(300000));
    QVERIFY2(done.first().at(0).toBool(), qPrintable(done.first().at(1).toString()));
    const ValidationReport& report = tab->view()->report();
    listed.sort();
    QCOMPARE(report.geneIds.size(), 5); // the training gene is not in split "test"
    QStringList ids = report.geneIds;
    ids.sort();
    QCOMPARE(ids, listed);
    QCOMPARE(report.geneListName, QStringLiteral("five.txt"));

    auto study = StudyFile::open(m_study, &error);
    QVERIFY2(study, qPrintable(error));
    QCOMPARE(study->validationNames(m_run).size(), 2); // the split's and the list's
    tab->setListedGenesOnly(false);
    QVERIFY(tab->view()->report().geneIds.size() > 5);
    tab->setListedGenesOnly(true);
    QCOMPARE(tab->view()->report().geneIds.size(), 5);
    w.studyDock()->clearGeneList();
    QVERIFY(tab->request().geneIds.isEmpty());
    QVERIFY(tab->view()->report().geneIds.size() > 5);
}

void TestValidationTab::cellWithoutTrackSaysHowToAddOne()
{
    ValidationTab tab;
    tab.setContext(m_study, QStringLiteral("SimCell1"), m_run, {});
    QVERIFY(!tab.start());
    QVERIFY(tab.messageLabel()->text().contains(QStringLiteral("no track")));
    QVERIFY(
        tab.messageLabel()->text().contains(QStringLiteral("attentivechrome-cli import-track")));
    tab.setContext(m_study, QStringLiteral("SimCell1"), m_run, {QStringLiteral("H3K27ac")});
    QVERIFY(!tab.messageLabel()->text().contains(QStringLiteral("no track")));
}

std::vector<float> TestValidationTab::directAttribution(int gene, AttributionMethod method,
                                                        const IgBaseline& baseline)
{
    QString error;
    auto study = StudyFile::open(m_study, &error);
    if (!study)
        return {};
    std::vector<float> values;
    if (!study->readGeneValues(QStringLiteral("SimCell1"), gene, &values, &error))
        return {};
    auto a = Attributor::load(*study, m_run, QStringLiteral("best"), &error);
    return a && a->setIntegratedGradientBaseline(baseline, &error)
               ? a->attribute(values.data(), method).values
               : std::vector<float>();
}

void TestValidationTab::saliencyFillsTheAttributionPanel()
{
    {
        MainWindow w;
        QVERIFY(w.openStudy(m_study, false));
        QVERIFY(w.selectRun(m_run));
        QVERIFY(w.selectGene(3));
        QVERIFY(w.geneView()->data().attribution.empty());
        w.setAttribution(QStringLiteral("saliency"));
        QCOMPARE(w.attribution(), QStringLiteral("saliency"));
        // Every attribution method runs off the GUI thread (issue 10): wait for the map.
        QTRY_COMPARE_WITH_TIMEOUT(w.geneView()->data().attributionName,
                                  attributionMethodName(AttributionMethod::Saliency), 30000);
        const GeneViewData& d = w.geneView()->data();
        const std::vector<float> expected = directAttribution(3, AttributionMethod::Saliency);
        QCOMPARE(d.attribution.size(), std::size_t(d.markCount) * d.binCount);
        QCOMPARE(d.attribution, expected);
        // The next gene gets its own map.
        const std::vector<float> expected8 = directAttribution(8, AttributionMethod::Saliency);
        QVERIFY(w.selectGene(8));
        QTRY_COMPARE_WITH_TIMEOUT(w.geneView()->data().attribution, expected8, 30000);
        w.close(); // saves the session
    }
    MainWindow again;
    QVERIFY(again.restoreSession());
    QCOMPARE(again.attribution(), QStringLiteral("saliency"));
    again.setAttribution(QStringLiteral("none"));
    QVERIFY(again.geneView()->data().attribution.empty());
    again.close();
}

void TestValidationTab::integratedGradientsArriveFromTheWorker()
{
    MainWindow w;
    QVERIFY(w.openStudy(m_study, false));
    QVERIFY(w.selectRun(m_run));
    QVERIFY(w.selectGene(5));
    w.setAttribution(QStringLiteral("integrated-gradients"));
    QTRY_VERIFY_WITH_TIMEOUT(!w.geneView()->data().attribution.empty(), 60000);
    QCOMPARE(w.geneView()->data().attributionName,
             attributionMethodName(AttributionMethod::IntegratedGradients));
    const std::vector<float> expected =
        directAttribution(5, AttributionMethod::IntegratedGradients);
    const std::vector<float>& got = w.geneView()->data().attribution;
    QCOMPARE(got.size(), expected.size());
    for (std::size_t i = 0; i < got.size(); ++i)
        QVERIFY(std::abs(got[i] - expected[i]) <= 1e-5f * (1.0f + std::abs(expected[i])));

    // Issue 15: the gene view's integrated gradients start from the chosen baseline too, and
    // the panel says which (the training mean is read from the cell in the worker).
    for (IgBaselineKind kind : {IgBaselineKind::Shuffled, IgBaselineKind::TrainingMean}) {
        w.setIgBaseline(kind);
        const QString name =
            QStringLiteral("Integrated gradients (from %1)").arg(IgBaseline::name(kind));
        QTRY_COMPARE_WITH_TIMEOUT(w.geneView()->data().attributionName, name, 60000);
        CellData cell;
        QString error;
        auto study = StudyFile::open(m_study, &error);
        QVERIFY2(study && study->readCell(QStringLiteral("SimCell1"), &cell, &error),
                 qPrintable(error));
        const std::vector<float> fromBaseline = directAttribution(
            5, AttributionMethod::IntegratedGradients, IgBaseline::forCell(kind, cell));
        const std::vector<float>& map = w.geneView()->data().attribution;
        QCOMPARE(map.size(), fromBaseline.size());
        for (std::size_t i = 0; i < map.size(); ++i)
            QVERIFY(std::abs(map[i] - fromBaseline[i]) <=
                    1e-5f * (1.0f + std::abs(fromBaseline[i])));
        QVERIFY(map != expected); // another baseline, another map
    }
}

QTEST_MAIN(TestValidationTab)
#include "tst_validationtab.moc"
