// Gene → Export genome track (issue 15): TrackExportDialog driven offscreen on a study the test
// writes exports α summed over the marks as bigWig, read back through the track import; a file
// of no track format is refused before any work; the main window's Gene menu opens the dialog
// for the shown run, and its IGV and link actions follow the selected gene.
#include "GeneMenu.h"
#include "MainWindow.h"
#include "TrackExportDialog.h"
#include "data/TrackImporter.h"
#include "store/StudyEditor.h"

#include <QAction>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace ac;

namespace
{

constexpr int kGenes = 6;

CellData makeCell()
{
    CellData cell;
    cell.name = QStringLiteral("E1");
    cell.assembly = QStringLiteral("hg38");
    for (int g = 0; g < kGenes; ++g) {
        GeneRecord r;
        r.remcId = QStringLiteral("%1").arg(g + 3, 6, 10, QLatin1Char('0'));
        r.symbol = QStringLiteral("GENE%1").arg(g);
        r.chrom = QStringLiteral("chr2");
        r.tss = 1000001 + g * 20000;
        r.strand = g % 2 ? '-' : '+';
        cell.genes.push_back(r);
        cell.labels.push_back(std::uint8_t(g % 2));
        cell.splits.push_back(Split(g % 3));
    }
    cell.values.assign(std::size_t(kGenes) * cell.binCount * cell.markCount, 1.0f);
    return cell;
}

RunResults makeResults()
{
    RunResults res;
    res.geneCount = kGenes;
    res.p.assign(kGenes, 0.7f);
    res.alpha.resize(std::size_t(kGenes) * 500);
    for (std::size_t i = 0; i < res.alpha.size(); ++i)
        res.alpha[i] = float(i % 97) / 970.0f;
    return res;
}

bool writeStudy(const QString& path, QString* error)
{
    RunRecord run;
    run.id = QStringLiteral("E1-run");
    run.cell = QStringLiteral("E1");
    run.created = QDateTime::currentDateTimeUtc();
    run.status = QStringLiteral("complete");
    auto ed = StudyEditor::begin(path, error);
    return ed && ed->writeCell(makeCell(), error) &&
           ed->writeRun(run, Weights(), Weights(), error) &&
           ed->writeResults(run.id, makeResults(), error) && ed->commit(error);
}

} // namespace

class TestTrackExportDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void exportsAlphaSumAsBigWig();
    void refusesAnUnknownFormat();
    void geneMenuFollowsTheSelection();

private:
    QTemporaryDir m_dir;
    QString m_study;
};

void TestTrackExportDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("AttentiveChromeStudioTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_trackexportdialog"));
    QVERIFY(m_dir.isValid());
    m_study = m_dir.filePath(QStringLiteral("study.h5"));
    QString error;
    QVERIFY2(writeStudy(m_study, &error), qPrintable(error));
}

void TestTrackExportDialog::exportsAlphaSumAsBigWig()
{
    TrackExportDialog d(m_study, QStringLiteral("E1"), QStringLiteral("E1-run"),
                        makeCell().markNames);
    QCOMPARE(d.keys().mid(0, 3),
             (QStringList{QStringLiteral("alpha-sum"), QStringLiteral("beta-alpha"),
                          QStringLiteral("alpha:H3K27me3")}));
    QVERIFY(d.keys().contains(QStringLiteral("attribution:integrated-gradients")));
    QVERIFY(!d.keys().contains(QStringLiteral("attribution:mark-ablation")));
    QVERIFY(d.setKey(QStringLiteral("alpha-sum")));
    QCOMPARE(d.file(), m_dir.filePath(QStringLiteral("E1-E1-run-alpha-sum.bw")));
    QVERIFY(d.setKey(QStringLiteral("alpha:H3K4me3")));
    QCOMPARE(d.file(), m_dir.filePath(QStringLiteral("E1-E1-run-alpha-H3K4me3.bw")));
    QVERIFY(d.setKey(QStringLiteral("alpha-sum")));
    const QString file = m_dir.filePath(QStringLiteral("sum.bw"));
    d.setFile(file);
    QSignalSpy finished(&d, &JobDialog::jobFinished);
    QVERIFY(d.startExport());
    QVERIFY(finished.wait(60000));
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(d.logText()));
    QVERIFY2(d.resultText().startsWith(QStringLiteral("Wrote ")), qPrintable(d.resultText()));

    const CellData cell = makeCell();
    const TrackImportResult back = TrackImporter(cell.genes).importBigWig(file);
    QVERIFY2(back.ok, qPrintable(back.error));
    const RunResults res = makeResults();
    for (std::size_t g = 0; g < kGenes; ++g)
        for (std::size_t b = 0; b < 100; ++b) {
            float sum = 0;
            for (std::size_t m = 0; m < 5; ++m)
                sum += res.alpha[(g * 5 + m) * 100 + b];
            QCOMPARE(back.track.values[g * 100 + b], sum);
        }
}

void TestTrackExportDialog::refusesAnUnknownFormat()
{
    TrackExportDialog d(m_study, QStringLiteral("E1"), QStringLiteral("E1-run"),
                        makeCell().markNames);
    d.setFile(m_dir.filePath(QStringLiteral("x.txt")));
    QVERIFY(!d.startExport());
    QVERIFY(!d.isRunning());
    QVERIFY2(d.resultText().contains(QStringLiteral("x.txt: unknown track format")),
             qPrintable(d.resultText()));
}

void TestTrackExportDialog::geneMenuFollowsTheSelection()
{
    MainWindow w;
    QVERIFY2(w.openStudy(m_study, false), qPrintable(w.lastError()));
    QVERIFY(w.selectCell(QStringLiteral("E1")));
    GeneMenu* menu = w.geneMenu();
    QVERIFY(menu);
    QVERIFY(w.selectRun(QStringLiteral("E1-run")));
    QVERIFY(w.selectGene(1));
    menu->updateActions();
    QVERIFY(menu->igvAction()->isEnabled());
    QVERIFY(menu->exportAction()->isEnabled());
    menu->exportAction()->trigger();
    auto* d = w.findChild<TrackExportDialog*>();
    QVERIFY(d);
    QCOMPARE(d->file(), m_dir.filePath(QStringLiteral("E1-E1-run-alpha-sum.bw")));
    d->close();
}

QTEST_MAIN(TestTrackExportDialog)
#include "tst_trackexportdialog.moc"
