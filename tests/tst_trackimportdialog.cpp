// File → Import track (issue #5): TrackImportDialog driven offscreen on a small simulated study
// the test writes. A bedGraph import writes the track (read back with StudyFile); a malformed file
// shows its file:line and leaves the study unchanged; Cancel leaves it unchanged; the main
// window's action reloads the study so the gene view and the Validation tab show the new track.
#include "FileDigest.h"
#include "GeneView.h"
#include "MainWindow.h"
#include "TrackImportDialog.h"
#include "ValidationTab.h"
#include "domain/GeneViewData.h"
#include "jobs/SimulatedStudy.h"
#include "store/StudyEditor.h"
#include "store/StudyFile.h"

#include <QAction>
#include <QComboBox>
#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace ac;

namespace
{

bool writeFile(const QString& path, const QByteArray& data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

// One base of signal 100 at the gene's TSS, zero-valued bases 100 kb around it (so the file's
// range covers the window), in Ensembl chromosome naming ("1", not "chr1").
QByteArray peakAtTss(const GeneRecord& g)
{
    return QStringLiteral("%1\t%2\t%3\t0\n%1\t%4\t%5\t100\n%1\t%6\t%7\t0\n")
        .arg(g.chrom.mid(3))
        .arg(g.tss - 100001)
        .arg(g.tss - 100000)
        .arg(g.tss - 1)
        .arg(g.tss)
        .arg(g.tss + 100000)
        .arg(g.tss + 100001)
        .toUtf8();
}

} // namespace

class TestTrackImportDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void preselectsCellAndDetectsFormat();
    void importsABedGraph();
    void malformedFileShowsFileAndLine();
    void cancelLeavesStudyUnchanged();
    void refusesAMissingFile();
    void mainWindowShowsTheNewTrack();
    void actionNeedsAStudy();
    void assemblyFollowsTheCellAndCanBeChosen();

private:
    QString freshStudy(const QString& name);
    bool runImport(TrackImportDialog& d, bool* ok);

    QTemporaryDir m_dir;
    QString m_template;
    GeneRecord m_gene0; // first gene of SimCell2
};

void TestTrackImportDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("AttentiveChromeStudioTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_trackimportdialog"));
    QVERIFY(m_dir.isValid());
    m_template = m_dir.filePath(QStringLiteral("template.h5"));
    SimulationConfig sim;
    sim.cells = 2;
    sim.genesPerCell = 60;
    sim.seed = 3;
    QString error;
    QVERIFY2(writeSimulatedStudy(m_template, sim, {}, &error), qPrintable(error));
    auto study = StudyFile::open(m_template, &error);
    QVERIFY2(study, qPrintable(error));
    CellData cell;
    QVERIFY2(study->readCellIndex(QStringLiteral("SimCell2"), &cell, &error), qPrintable(error));
    m_gene0 = cell.genes.at(0);
    QVERIFY(m_gene0.chrom.startsWith(QStringLiteral("chr")) && m_gene0.tss > 100001);
}

QString TestTrackImportDialog::freshStudy(const QString& name)
{
    const QString path = m_dir.filePath(name);
    QFile::remove(path);
    return QFile::copy(m_template, path) ? path : QString();
}

bool TestTrackImportDialog::runImport(TrackImportDialog& d, bool* ok)
{
    QSignalSpy done(&d, &TrackImportDialog::jobFinished);
    if (!d.startImport())
        return false;
    if (!done.wait(30000) && done.isEmpty())
        return false;
    *ok = done.at(0).at(0).toBool();
    return true;
}

void TestTrackImportDialog::preselectsCellAndDetectsFormat()
{
    TrackImportDialog d(m_template, QStringLiteral("SimCell2"));
    TrackImportRequest r = d.request();
    QCOMPARE(r.studyPath, m_template);
    QCOMPARE(r.cell, QStringLiteral("SimCell2"));
    QCOMPARE(r.trackName, QStringLiteral("H3K27ac"));
    QVERIFY(r.annotationPath.isEmpty());
    d.setFile(QStringLiteral("/data/E123-H3K27ac.bw"));
    QCOMPARE(d.request().format, TrackFormat::BigWig);
    d.setFile(QStringLiteral("/data/ac.bedGraph"));
    QCOMPARE(d.request().format, TrackFormat::BedGraph);
    d.setFile(QStringLiteral("/data/ac.csv"));
    QCOMPARE(d.request().format, TrackFormat::BinnedCsv);
    d.setAnnotationPath(QStringLiteral("/data/genes.tsv"));
    QVERIFY(d.request().annotationPath.isEmpty()); // binned CSV needs no loci
    d.setFormat(TrackFormat::BedGraph);            // the user overrides the guess
    QCOMPARE(d.request().format, TrackFormat::BedGraph);
    QCOMPARE(d.request().annotationPath, QStringLiteral("/data/genes.tsv"));
    QVERIFY(!d.setCell(QStringLiteral("E999")));
    QVERIFY(d.setCell(QStringLiteral("SimCell1")));
    QCOMPARE(d.request().cell, QStringLiteral("SimCell1"));

    TrackImportDialog unknownCell(m_template, QStringLiteral("E999"));
    QCOMPARE(unknownCell.request().cell, QStringLiteral("SimCell1"));
}

void TestTrackImportDialog::importsABedGraph()
{
    const QString study = freshStudy(QStringLiteral("import.h5"));
    QVERIFY(!study.isEmpty());
    const QString file = m_dir.filePath(QStringLiteral("peak.bedGraph"));
    QVERIFY(writeFile(file, peakAtTss(m_gene0)));
    TrackImportDialog d(study, QStringLiteral("SimCell2"));
    d.setFile(file);
    d.setTrackName(QStringLiteral("Peak"));
    QSignalSpy imported(&d, &TrackImportDialog::trackImported);
    bool ok = false;
    QVERIFY(runImport(d, &ok));
    QVERIFY2(ok, qPrintable(d.resultText()));
    QCOMPARE(imported.count(), 1);
    QCOMPARE(imported.at(0).at(0).toString(), study);
    QCOMPARE(imported.at(0).at(1).toString(), QStringLiteral("SimCell2"));
    QCOMPARE(imported.at(0).at(2).toString(), QStringLiteral("Peak"));
    QVERIFY2(d.resultText().startsWith(QStringLiteral("Track Peak of cell SimCell2 written")),
             qPrintable(d.resultText()));
    // Issue 14, item 4: the same words and numbers as `info` (TrackCoverage).
    QVERIFY2(d.resultText().contains(
                 QStringLiteral("(placed on hg19): 1 of 60 genes covered, 59 missing (NaN)")),
             qPrintable(d.resultText()));
    QVERIFY2(d.logText().contains(QStringLiteral("warning: ")), qPrintable(d.logText()));
    QVERIFY(d.logText().contains(QStringLiteral("normalis")));

    QString error;
    auto s = StudyFile::open(study, &error);
    QVERIFY2(s, qPrintable(error));
    TrackData track;
    QVERIFY2(s->readTrack(QStringLiteral("SimCell2"), QStringLiteral("Peak"), &track, &error),
             qPrintable(error));
    QCOMPARE(track.values.size(), std::size_t(60 * 100));
    QCOMPARE(track.values[50], 1.0f); // the TSS base is in bin 50 on either strand
    QCOMPARE(track.values[49], 0.0f);
    QCOMPARE(track.source, QFileInfo(file).absoluteFilePath());
    QVERIFY(!s->trackNames(QStringLiteral("SimCell1")).contains(QStringLiteral("Peak")));
}

void TestTrackImportDialog::malformedFileShowsFileAndLine()
{
    const QString study = freshStudy(QStringLiteral("malformed.h5"));
    const QByteArray before = testing::fileDigest(study);
    QVERIFY(!before.isEmpty());
    const QString file = m_dir.filePath(QStringLiteral("bad.bedGraph"));
    QVERIFY(writeFile(file, "chr1\t100\t200\t1\nchr1\t300\t250\t1\n")); // line 2: end < start
    TrackImportDialog d(study, QStringLiteral("SimCell1"));
    d.setFile(file);
    bool ok = true;
    QVERIFY(runImport(d, &ok));
    QVERIFY(!ok);
    QVERIFY2(d.resultText().contains(QStringLiteral("bad.bedGraph:2: ")),
             qPrintable(d.resultText()));
    QVERIFY(d.resultText().contains(QStringLiteral("not changed")));
    QVERIFY(d.logText().contains(QStringLiteral("bad.bedGraph:2: ")));
    QCOMPARE(testing::fileDigest(study), before);
}

void TestTrackImportDialog::cancelLeavesStudyUnchanged()
{
    const QString study = freshStudy(QStringLiteral("cancel.h5"));
    const QByteArray before = testing::fileDigest(study);
    const QString file = m_dir.filePath(QStringLiteral("cancel.bedGraph"));
    QVERIFY(writeFile(file, peakAtTss(m_gene0)));
    TrackImportDialog d(study, QStringLiteral("SimCell2"));
    d.setFile(file);
    d.setTrackName(QStringLiteral("Cancelled"));
    QSignalSpy done(&d, &TrackImportDialog::jobFinished);
    QSignalSpy imported(&d, &TrackImportDialog::trackImported);
    QVERIFY(d.startImport());
    QVERIFY(d.isRunning());
    QVERIFY(!d.startImport()); // one at a time
    // The job checks the flag before it writes the study, so a cancel now always lands.
    d.cancelJob();
    QTRY_VERIFY_WITH_TIMEOUT(done.count() == 1, 30000);
    QVERIFY(!done.at(0).at(0).toBool());
    QVERIFY2(d.resultText().startsWith(QStringLiteral("Cancelled")), qPrintable(d.resultText()));
    QCOMPARE(imported.count(), 0);
    QVERIFY(!d.isRunning());
    QCOMPARE(testing::fileDigest(study), before);
}

void TestTrackImportDialog::refusesAMissingFile()
{
    TrackImportDialog d(m_template, QStringLiteral("SimCell1"));
    QVERIFY(!d.startImport());
    QVERIFY(d.resultText().contains(QStringLiteral("Choose the track file")));
    d.setFile(m_dir.filePath(QStringLiteral("nope.bedGraph")));
    QVERIFY(!d.startImport());
    QVERIFY2(d.resultText().contains(QStringLiteral("nope.bedGraph: no such file")),
             qPrintable(d.resultText()));
    QVERIFY(!d.isRunning());

    TrackImportDialog noStudy(m_dir.filePath(QStringLiteral("missing.h5")), QString());
    noStudy.setFile(m_template);
    QVERIFY(!noStudy.startImport());
    QVERIFY2(noStudy.resultText().contains(QStringLiteral("missing.h5")),
             qPrintable(noStudy.resultText()));
}

void TestTrackImportDialog::mainWindowShowsTheNewTrack()
{
    const QString study = freshStudy(QStringLiteral("window.h5"));
    const QString file = m_dir.filePath(QStringLiteral("window.bedGraph"));
    QVERIFY(writeFile(file, peakAtTss(m_gene0)));
    MainWindow w;
    QVERIFY2(w.openStudy(study, false), qPrintable(w.lastError()));
    QVERIFY(w.selectCell(QStringLiteral("SimCell1")));
    QVERIFY(w.importTrackAction()->isEnabled());
    w.importTrackAction()->trigger();
    auto* d = w.findChild<TrackImportDialog*>();
    QVERIFY(d);
    QCOMPARE(d->request().cell, QStringLiteral("SimCell1")); // the current cell
    QVERIFY(d->setCell(QStringLiteral("SimCell2")));
    d->setFile(file);
    // Replaces the simulated H3K27ac, which the gene view prefers.
    bool ok = false;
    QVERIFY(runImport(*d, &ok));
    QVERIFY2(ok, qPrintable(d->resultText()));
    QCOMPARE(w.currentCell(), QStringLiteral("SimCell2"));
    QVERIFY(w.selectGene(0));
    const GeneViewData& shown = w.geneView()->data();
    QCOMPARE(shown.trackName, QStringLiteral("H3K27ac"));
    QCOMPARE(shown.track.size(), std::size_t(100));
    QCOMPARE(shown.track[50], 1.0f);
    QCOMPARE(shown.track[49], 0.0f);

    d->setFile(file);
    d->setTrackName(QStringLiteral("Peak2"));
    QVERIFY(runImport(*d, &ok));
    QVERIFY2(ok, qPrintable(d->resultText()));
    bool listed = false;
    for (QComboBox* box : w.validationTab()->findChildren<QComboBox*>())
        listed = listed || box->findText(QStringLiteral("Peak2")) >= 0;
    QVERIFY(listed);
}

void TestTrackImportDialog::actionNeedsAStudy()
{
    MainWindow w;
    QVERIFY(!w.importTrackAction()->isEnabled());
    QVERIFY(w.importTrackAction()->toolTip().contains(QStringLiteral("Open a study first")));
    QVERIFY2(w.openStudy(m_template, false), qPrintable(w.lastError()));
    QVERIFY(w.importTrackAction()->isEnabled());
}

// Issue 14, item 4: the dialog asks for the assembly, preselects the one the study records for
// the cell, and says when it assumes hg19 (an older study) or differs from the cell's.
void TestTrackImportDialog::assemblyFollowsTheCellAndCanBeChosen()
{
    TrackImportDialog d(m_template, QStringLiteral("SimCell2"));
    d.setFile(QStringLiteral("/data/E123-H3K27ac.bw"));
    QCOMPARE(d.request().assembly, QStringLiteral("hg19")); // the simulator records hg19
    QCOMPARE(d.assemblyHint(), QStringLiteral("as recorded in the study"));
    QVERIFY(d.setAssembly(QStringLiteral("hg38")));
    QCOMPARE(d.request().assembly, QStringLiteral("hg38"));
    QVERIFY2(d.assemblyHint().contains(QStringLiteral("the cell's loci are hg19")),
             qPrintable(d.assemblyHint()));
    QVERIFY(!d.setAssembly(QStringLiteral("mm10")));

    // A cell written without the attribute, as by earlier versions.
    const QString old = m_dir.filePath(QStringLiteral("old.h5"));
    QString error;
    CellData cell;
    {
        auto study = StudyFile::open(m_template, &error);
        QVERIFY2(study && study->readCell(QStringLiteral("SimCell1"), &cell, &error),
                 qPrintable(error));
    }
    cell.assembly.clear();
    auto editor = StudyEditor::begin(old, &error);
    QVERIFY2(editor && editor->writeCell(cell, &error) && editor->commit(&error),
             qPrintable(error));
    TrackImportDialog o(old, QStringLiteral("SimCell1"));
    o.setFile(QStringLiteral("/data/ac.bedGraph"));
    QCOMPARE(o.request().assembly, QStringLiteral("hg19"));
    QVERIFY2(o.assemblyHint().contains(QStringLiteral("does not record the cell's assembly: hg19 "
                                                      "assumed")),
             qPrintable(o.assemblyHint()));
}

QTEST_MAIN(TestTrackImportDialog)
#include "tst_trackimportdialog.moc"
