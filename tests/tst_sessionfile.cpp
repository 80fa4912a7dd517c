// Session files (issue 15, item 6): JSON round trip with paths relative to the session file that
// survive moving the folder, malformed files named by file and field, and the window opening a
// session (cell, run, gene, tab, gene list) or staying as it was on an error. Also the gene list
// in the window's dock (issue 15, item 3): filter, count, save.
#include "GeneView.h"
#include "MainWindow.h"
#include "QcpInclude.h"
#include "SavedSession.h"
#include "SessionFile.h"
#include "StudyDock.h"
#include "store/StudyEditor.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>

using namespace ac;

namespace
{

constexpr int kGenes = 6;

/// Cells E1 and E2 of `kGenes` genes (GENE0 … at chr3:1,000,000 + g × 10,000), each with a
/// complete run ("E1-run", "E2-run") and its results.
bool writeStudy(const QString& path, QString* error)
{
    auto ed = StudyEditor::begin(path, error, StudyEditor::Form::Packed); // copied alone below
    if (!ed)
        return false;
    for (const QString& name : {QStringLiteral("E1"), QStringLiteral("E2")}) {
        CellData cell;
        cell.name = name;
        for (int g = 0; g < kGenes; ++g) {
            GeneRecord r;
            r.remcId = QStringLiteral("%1").arg(g + 1, 6, 10, QLatin1Char('0'));
            r.ensemblId = QStringLiteral("ENSG%1").arg(g + 1, 11, 10, QLatin1Char('0'));
            r.symbol = QStringLiteral("GENE%1").arg(g);
            r.chrom = QStringLiteral("chr3");
            r.tss = 1000000 + g * 10000;
            r.strand = '+';
            cell.genes.push_back(r);
            cell.labels.push_back(std::uint8_t(g % 2));
            cell.splits.push_back(Split(g % 3));
        }
        cell.values.assign(std::size_t(kGenes) * cell.binCount * cell.markCount, 1.0f);
        RunRecord run;
        run.id = name + QStringLiteral("-run");
        run.cell = name;
        run.created = QDateTime::currentDateTimeUtc();
        run.status = QStringLiteral("complete");
        RunResults res;
        res.geneCount = kGenes;
        res.p.assign(kGenes, 0.7f);
        res.alpha.assign(std::size_t(kGenes) * 5 * 100, 0.01f);
        res.beta.assign(std::size_t(kGenes) * 5, 0.2f);
        if (!ed->writeCell(cell, error) || !ed->writeRun(run, Weights(), Weights(), error) ||
            !ed->writeResults(run.id, res, error))
            return false;
    }
    return ed->commit(error);
}

bool writeText(const QString& path, const QByteArray& text)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(text) == text.size();
}

QJsonObject readJson(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(f.readAll()).object()
                                       : QJsonObject();
}

} // namespace

class TestSessionFile : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void relativePathsSurviveMovingTheFolder();
    void pathsOutsideTheFolderStayAbsolute();
    void malformedFilesNameFileAndField_data();
    void malformedFilesNameFileAndField();
    void checkNamesTheField_data();
    void checkNamesTheField();
    void openingASessionSelectsCellRunGeneTabAndList();
    void aBadSessionLeavesTheWindowAsItWas();
    void geneListFiltersCountsAndSaves();

private:
    QTemporaryDir m_dir;
    QString m_study;
    SavedSession session(const QString& cell, const QString& run, const QString& gene) const;
};

void TestSessionFile::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("AttentiveChromeStudioTest"));
    QVERIFY(m_dir.isValid());
    m_study = m_dir.filePath(QStringLiteral("study.h5"));
    QString err;
    QVERIFY2(writeStudy(m_study, &err), qPrintable(err));
}

SavedSession TestSessionFile::session(const QString& cell, const QString& run,
                                      const QString& gene) const
{
    SavedSession s;
    s.study = m_study;
    s.cell = cell;
    s.run = run;
    s.geneId = gene;
    return s;
}

void TestSessionFile::relativePathsSurviveMovingTheFolder()
{
    QTemporaryDir root;
    const QString project = root.filePath(QStringLiteral("project"));
    QVERIFY(QDir().mkpath(project + QStringLiteral("/lists")));
    QVERIFY(QFile::copy(m_study, project + QStringLiteral("/study.h5")));
    QVERIFY(writeText(project + QStringLiteral("/lists/genes.txt"), "GENE1\nGENE4\n"));
    SavedSession s;
    s.study = project + QStringLiteral("/study.h5");
    s.geneList = project + QStringLiteral("/lists/genes.txt");
    s.cell = QStringLiteral("E2");
    s.run = QStringLiteral("E2-run");
    s.geneId = QStringLiteral("000004");
    s.tab = 3;
    s.gradient = QStringLiteral("Hot");
    s.alphaScale = QStringLiteral("fixed:0.05");
    s.attribution = QStringLiteral("saliency");
    s.igBaseline = QStringLiteral("mean");
    s.zoomFrom = -1500;
    s.zoomTo = 2500;
    const QString file = project + QStringLiteral("/view.acsession");
    QString err;
    QVERIFY2(SessionFile::write(file, s, &err), qPrintable(err));
    const QJsonObject json = readJson(file);
    QCOMPARE(json.value(QStringLiteral("study")).toString(), QStringLiteral("study.h5"));
    QCOMPARE(json.value(QStringLiteral("geneList")).toString(), QStringLiteral("lists/genes.txt"));
    QCOMPARE(json.value(QStringLiteral("version")).toInt(), 1);
    QCOMPARE(json.value(QStringLiteral("zoom")).toArray(), (QJsonArray{-1500, 2500}));

    const QString moved = root.filePath(QStringLiteral("shared/copy"));
    QVERIFY(QDir().mkpath(root.filePath(QStringLiteral("shared"))));
    QVERIFY(QDir().rename(project, moved));
    SavedSession r;
    QVERIFY2(SessionFile::read(moved + QStringLiteral("/view.acsession"), &r, &err),
             qPrintable(err));
    QCOMPARE(r.study, moved + QStringLiteral("/study.h5"));
    QCOMPARE(r.geneList, moved + QStringLiteral("/lists/genes.txt"));
    QCOMPARE(r.cell, s.cell);
    QCOMPARE(r.run, s.run);
    QCOMPARE(r.geneId, s.geneId);
    QCOMPARE(r.tab, s.tab);
    QCOMPARE(r.gradient, s.gradient);
    QCOMPARE(r.alphaScale, s.alphaScale);
    QCOMPARE(r.attribution, s.attribution);
    QCOMPARE(r.igBaseline, s.igBaseline);
    QCOMPARE(r.zoomFrom, s.zoomFrom);
    QCOMPARE(r.zoomTo, s.zoomTo);
    QVERIFY2(SessionFile::check(moved + QStringLiteral("/view.acsession"), r, 5, &err),
             qPrintable(err));
    r.igBaseline = QStringLiteral("median");
    QVERIFY(!SessionFile::check(moved + QStringLiteral("/view.acsession"), r, 5, &err));
    QCOMPARE(err, QStringLiteral("view.acsession: field 'igBaseline': unknown baseline 'median' "
                                 "(zero, shuffled, mean)"));
}

void TestSessionFile::pathsOutsideTheFolderStayAbsolute()
{
    QTemporaryDir other;
    const QString file = other.filePath(QStringLiteral("s.acsession"));
    QString err;
    QVERIFY2(SessionFile::write(file, session(QStringLiteral("E1"), {}, {}), &err),
             qPrintable(err));
    QCOMPARE(readJson(file).value(QStringLiteral("study")).toString(),
             QFileInfo(m_study).absoluteFilePath());
    QVERIFY(!readJson(file).contains(QStringLiteral("geneList")) ||
            readJson(file).value(QStringLiteral("geneList")).toString().isEmpty());
    SavedSession r;
    QVERIFY2(SessionFile::read(file, &r, &err), qPrintable(err));
    QCOMPARE(r.study, QFileInfo(m_study).absoluteFilePath());
    QVERIFY(r.geneList.isEmpty());
}

void TestSessionFile::malformedFilesNameFileAndField_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("error");
    const QByteArray head = "{\"format\": \"attentivechrome-session\", \"version\": 1, ";
    QTest::newRow("syntax") << QByteArray("{\n\"format\": \"attentivechrome-session\",\n\"study\" "
                                          "\"x.h5\"\n}")
                            << QStringLiteral("bad.acsession:3: not valid JSON: missing name "
                                              "separator");
    QTest::newRow("array") << QByteArray("[1, 2]")
                           << QStringLiteral("bad.acsession: not a session file (expected a JSON "
                                             "object)");
    QTest::newRow("format") << QByteArray("{\"version\": 1, \"study\": \"x.h5\"}")
                            << QStringLiteral("bad.acsession: field 'format': must be "
                                              "\"attentivechrome-session\"");
    QTest::newRow("newer version")
        << QByteArray("{\"format\": \"attentivechrome-session\", \"version\": 2, \"study\": "
                      "\"x.h5\"}")
        << QStringLiteral("bad.acsession: field 'version': 2 is not supported (this program reads "
                          "version 1)");
    QTest::newRow("version text") << head.left(head.indexOf("1, ")) + "\"1\", \"study\": \"x\"}"
                                  << QStringLiteral("bad.acsession: field 'version': must be a "
                                                    "whole number 1 … 1073741824");
    QTest::newRow("cell number") << head + "\"study\": \"x.h5\", \"cell\": 3}"
                                 << QStringLiteral("bad.acsession: field 'cell': must be text");
    QTest::newRow("tab fraction") << head + "\"study\": \"x.h5\", \"tab\": 1.5}"
                                  << QStringLiteral("bad.acsession: field 'tab': must be a whole "
                                                    "number 0 … 1000");
    const QString zoom = QStringLiteral("bad.acsession: field 'zoom': must be [from, to], two "
                                        "numbers with from < to, within ±10000000");
    QTest::newRow("zoom reversed") << head + "\"study\": \"x.h5\", \"zoom\": [300, -300]}" << zoom;
    QTest::newRow("zoom text") << head + "\"study\": \"x.h5\", \"zoom\": \"wide\"}" << zoom;
    QTest::newRow("zoom one") << head + "\"study\": \"x.h5\", \"zoom\": [1]}" << zoom;
    QTest::newRow("zoom huge") << head + "\"study\": \"x.h5\", \"zoom\": [0, 1e300]}" << zoom;
    QTest::newRow("tab huge") // fuzz_session: 1e300 as a whole number was undefined behaviour
        << head + "\"study\": \"x.h5\", \"tab\": 1e300}"
        << QStringLiteral("bad.acsession: field 'tab': must be a whole number 0 … 1000");
    QTest::newRow("version huge")
        << head.left(head.indexOf("1, ")) + "-9.2e18, \"study\": \"x\"}"
        << QStringLiteral("bad.acsession: field 'version': must be a whole number 1 … 1073741824");
    QTest::newRow("no study") << head + "\"cell\": \"E1\"}"
                              << QStringLiteral("bad.acsession: field 'study': is required");
}

void TestSessionFile::malformedFilesNameFileAndField()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, error);
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("bad.acsession"));
    QVERIFY(writeText(file, text));
    SavedSession s;
    s.cell = QStringLiteral("kept");
    QString err;
    QVERIFY(!SessionFile::read(file, &s, &err));
    QCOMPARE(err, error);
    QCOMPARE(s.cell, QStringLiteral("kept"));
}

void TestSessionFile::checkNamesTheField_data()
{
    QTest::addColumn<QString>("cell");
    QTest::addColumn<QString>("run");
    QTest::addColumn<QString>("gene");
    QTest::addColumn<int>("tab");
    QTest::addColumn<QString>("gradient");
    QTest::addColumn<QString>("error");
    const QString e1 = QStringLiteral("E1"), run = QStringLiteral("E1-run"),
                  gene = QStringLiteral("000002"), hot = QStringLiteral("Hot");
    QTest::newRow("cell") << QStringLiteral("E9") << QString() << QString() << 0 << hot
                          << QStringLiteral("s.acsession: field 'cell': study.h5 has no cell type "
                                            "'E9'");
    QTest::newRow("run of another cell")
        << e1 << QStringLiteral("E2-run") << gene << 0 << hot
        << QStringLiteral("s.acsession: field 'run': run E2-run of study.h5 is a run of cell type "
                          "E2, not E1");
    QTest::newRow("gene") << e1 << run << QStringLiteral("999999") << 0 << hot
                          << QStringLiteral("s.acsession: field 'gene': cell type E1 of study.h5 "
                                            "has no gene with REMC id '999999'");
    QTest::newRow("tab") << e1 << run << gene << 5 << hot
                         << QStringLiteral("s.acsession: field 'tab': 5 is not a tab (0 … 4)");
    QTest::newRow("gradient") << e1 << run << gene << 0 << QStringLiteral("Rainbow9")
                              << QStringLiteral("s.acsession: field 'gradient': unknown colour "
                                                "map 'Rainbow9'");
}

void TestSessionFile::checkNamesTheField()
{
    QFETCH(QString, cell);
    QFETCH(QString, run);
    QFETCH(QString, gene);
    QFETCH(int, tab);
    QFETCH(QString, gradient);
    QFETCH(QString, error);
    SavedSession s = session(cell, run, gene);
    s.tab = tab;
    s.gradient = gradient;
    QString err;
    QVERIFY(!SessionFile::check(QStringLiteral("/x/s.acsession"), s, 5, &err));
    QVERIFY2(err.startsWith(error), qPrintable(err));
}

void TestSessionFile::openingASessionSelectsCellRunGeneTabAndList()
{
    const QString list = m_dir.filePath(QStringLiteral("genes.txt"));
    QVERIFY(writeText(list, "GENE1\nGENE3\nGENE5\nNOSUCH\n"));
    const QString file = m_dir.filePath(QStringLiteral("open.acsession"));
    QString err;
    {
        MainWindow w;
        QVERIFY(w.openStudy(m_study, false));
        QVERIFY(w.selectRun(QStringLiteral("E2-run")));
        QVERIFY(w.selectGene(3));
        QVERIFY2(w.studyDock()->loadGeneList(list, &err), qPrintable(err));
        w.tabs()->setCurrentIndex(1);
        w.setAttribution(QStringLiteral("saliency"));
        w.setIgBaseline(IgBaselineKind::Shuffled);
        w.geneView()->setXRange(-1200, 800);
        QVERIFY(w.geneView()->isZoomed());
        QVERIFY2(w.saveSessionFile(file, &err), qPrintable(err));
    }
    MainWindow w;
    QVERIFY(w.openStudy(m_study, false));
    QCOMPARE(w.currentCell(), QStringLiteral("E1"));
    QVERIFY2(w.openSessionFile(file, false), qPrintable(w.lastError()));
    QCOMPARE(w.currentCell(), QStringLiteral("E2"));
    QCOMPARE(w.currentRun(), QStringLiteral("E2-run"));
    QCOMPARE(w.currentGene(), 3);
    QCOMPARE(w.currentGeneId(), QStringLiteral("000004"));
    QCOMPARE(w.tabs()->currentIndex(), 1);
    QCOMPARE(w.attribution(), QStringLiteral("saliency"));
    QCOMPARE(w.igBaseline(), IgBaselineKind::Shuffled);
    QCOMPARE(w.geneView()->xRange(), std::make_pair(-1200.0, 800.0));
    // The zoom stays when an attribution panel arrives and the view's layout is rebuilt.
    GeneViewData d = w.geneView()->data();
    d.attribution.assign(std::size_t(d.markCount) * std::size_t(d.binCount), 0.5f);
    d.attributionName = QStringLiteral("Saliency");
    w.geneView()->setData(d);
    QVERIFY(w.geneView()->attributionMap());
    QCOMPARE(w.geneView()->alphaMap()->keyAxis()->range().lower, -1200.0);
    QCOMPARE(w.geneView()->attributionMap()->keyAxis()->range().upper, 800.0);
    QCOMPARE(w.studyDock()->geneListPath(), list);
    QCOMPARE(w.studyDock()->geneCountText(), QStringLiteral("3 of 6 genes · list: genes.txt"));
    QCOMPARE(w.studyDock()->geneListNote(),
             QStringLiteral("1 of 4 entries of genes.txt not found: 'NOSUCH'"));
    QSettings().clear();
}

void TestSessionFile::aBadSessionLeavesTheWindowAsItWas()
{
    MainWindow w;
    QVERIFY(w.openStudy(m_study, false));
    QVERIFY(w.selectGene(2));
    const QString file = m_dir.filePath(QStringLiteral("stale.acsession"));
    SavedSession s =
        session(QStringLiteral("E2"), QStringLiteral("E2-run"), QStringLiteral("000099"));
    QString err;
    QVERIFY2(SessionFile::write(file, s, &err), qPrintable(err));
    QVERIFY(!w.openSessionFile(file, false));
    QCOMPARE(w.lastError(), QStringLiteral("stale.acsession: field 'gene': cell type E2 of "
                                           "study.h5 has no gene with REMC id '000099'"));
    QCOMPARE(w.currentCell(), QStringLiteral("E1"));
    QCOMPARE(w.currentGene(), 2);
    s.geneId.clear();
    s.study = m_dir.filePath(QStringLiteral("gone.h5"));
    QVERIFY2(SessionFile::write(file, s, &err), qPrintable(err));
    QVERIFY(!w.openSessionFile(file, false));
    QVERIFY2(w.lastError().startsWith(QStringLiteral("stale.acsession: field 'study': no such "
                                                     "file: ")),
             qPrintable(w.lastError()));
    QCOMPARE(w.studyPath(), m_study);
    QCOMPARE(w.currentGene(), 2);
    QSettings().clear();
}

void TestSessionFile::geneListFiltersCountsAndSaves()
{
    MainWindow w;
    QVERIFY(w.openStudy(m_study, false));
    StudyDock* dock = w.studyDock();
    QCOMPARE(dock->geneCountText(), QStringLiteral("6 of 6 genes"));
    const QString bed = m_dir.filePath(QStringLiteral("tss.bed"));
    // TSSs of GENE2 (1,020,000) and GENE3 (1,030,000); BED is 0-based.
    QVERIFY(writeText(bed, "chr3\t1019999\t1030000\n"));
    QString err;
    QVERIFY2(dock->loadGeneList(bed, &err), qPrintable(err));
    QCOMPARE(dock->geneCountText(), QStringLiteral("2 of 6 genes · list: tss.bed"));
    QVERIFY(w.selectCell(QStringLiteral("E2"))); // the list follows the cell
    QCOMPARE(dock->geneCountText(), QStringLiteral("2 of 6 genes · list: tss.bed"));
    const QString saved = m_dir.filePath(QStringLiteral("listed.txt"));
    QVERIFY2(dock->saveListedGenes(saved, &err), qPrintable(err));
    QFile f(saved);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("# 2 of 6 genes · list: tss.bed\n"
                                     "ENSG00000000003\t# GENE2\n"
                                     "ENSG00000000004\t# GENE3\n"));
    // A malformed list is refused with file:line, and the loaded one stays.
    const QString bad = m_dir.filePath(QStringLiteral("bad.txt"));
    QVERIFY(writeText(bad, "GENE1\nGENE2 GENE3\n"));
    QVERIFY(!dock->loadGeneList(bad, &err));
    QCOMPARE(err, QStringLiteral("bad.txt:2: expected one gene name per line, found 2 fields"));
    QCOMPARE(dock->geneListPath(), bed);
    dock->clearGeneList();
    QCOMPARE(dock->geneCountText(), QStringLiteral("6 of 6 genes"));
    QSettings().clear();
}

QTEST_MAIN(TestSessionFile)
#include "tst_sessionfile.moc"
