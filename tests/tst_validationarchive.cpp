// Validation results kept with their run (issue 14, item 2): a report survives the trip through
// the study file with the same genes, maps and agreement, and a damaged stored validation is
// named in the error instead of being shown.
#include "interpret/ValidationArchive.h"
#include "store/StudyEditor.h"
#include "store/StudyFile.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace ac;

namespace
{

constexpr int kGenes = 4, kMarks = 2, kBins = 5;

ValidationReport makeReport(const QString& study)
{
    ValidationReport r;
    r.studyPath = study;
    r.runId = QStringLiteral("run1");
    r.cell = QStringLiteral("E1");
    r.track = QStringLiteral("H3K27ac");
    r.split = QStringLiteral("test");
    r.model = QStringLiteral("attentivechrome");
    r.markNames = {QStringLiteral("H3K4me3"), QStringLiteral("H3K27me3")};
    r.genes = {0, 2, 5, 7};
    r.geneIds = {QStringLiteral("000001"), QStringLiteral("000003"), QStringLiteral("000006"),
                 QStringLiteral("000008")};
    r.geneSymbols = {QStringLiteral("A"), QString(), QStringLiteral("C"), QStringLiteral("D")};
    r.input.markNames = r.markNames;
    r.input.binCount = kBins;
    r.input.p = {0.9f, 0.8f, 0.2f, 0.1f};
    for (int g = 0; g < kGenes; ++g)
        for (int b = 0; b < kBins; ++b)
            r.input.track.push_back(g == 3 && b == 2 ? std::nanf("") : float(g + b * b));
    MapSeries alpha;
    alpha.key = QStringLiteral("alpha");
    alpha.name = QStringLiteral("α (bin attention)");
    alpha.markCount = kMarks;
    alpha.binCount = kBins;
    for (int i = 0; i < kGenes * kMarks * kBins; ++i)
        alpha.values.push_back(float((i * 7) % 11) / 11.0f);
    r.input.maps.push_back(alpha);
    r.agreement = Agreement::compute(r.input);
    return r;
}

RunRecord makeRun()
{
    RunRecord run;
    run.id = QStringLiteral("run1");
    run.cell = QStringLiteral("E1");
    run.status = QStringLiteral("complete");
    return run;
}

CellData makeCell()
{
    CellData c;
    c.name = QStringLiteral("E1");
    c.binCount = kBins;
    c.markCount = kMarks;
    c.markNames = {QStringLiteral("H3K4me3"), QStringLiteral("H3K27me3")};
    for (int g = 0; g < 8; ++g) {
        GeneRecord r;
        r.remcId = QStringLiteral("%1").arg(g + 1, 6, 10, QLatin1Char('0'));
        c.genes.push_back(r);
        c.labels.push_back(std::uint8_t(g % 2));
        c.splits.push_back(Split::Test);
    }
    c.values.assign(std::size_t(8 * kBins * kMarks), 1.0f);
    return c;
}

/// A study at `path` with makeCell() and makeRun(); false with `error`.
bool writeCellAndRun(const QString& path, QString* error)
{
    return StudyEditor::apply(
        path,
        [](StudyEditor& e, QString* err) {
            return e.writeCell(makeCell(), err) && e.writeRun(makeRun(), {}, {}, err);
        },
        error);
}

} // namespace

class TestValidationArchive : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void storedReportIsTheSame()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("study.h5"));
        QString error;
        QVERIFY2(writeCellAndRun(path, &error), qPrintable(error));
        const ValidationReport report = makeReport(path);
        QVERIFY2(ValidationArchive::store(report, &error), qPrintable(error));
        auto study = StudyFile::open(path, &error);
        QVERIFY2(study, qPrintable(error));
        QVERIFY(ValidationArchive::has(*study, report.runId, report.track, report.split));
        QVERIFY(!ValidationArchive::has(*study, report.runId, report.track, "valid"));
        ValidationReport back;
        QVERIFY2(ValidationArchive::load(*study, report.runId, report.track, report.split, {},
                                         &back, &error),
                 qPrintable(error));
        QCOMPARE(back.studyPath, path);
        QCOMPARE(back.runId, report.runId);
        QCOMPARE(back.cell, report.cell);
        QCOMPARE(back.model, report.model);
        QCOMPARE(back.genes, report.genes);
        QCOMPARE(back.geneSymbols, report.geneSymbols);
        QCOMPARE(back.input.p, report.input.p);
        QVERIFY(std::isnan(back.input.track[3 * kBins + 2]));
        QCOMPARE(back.input.maps.size(), std::size_t(1));
        QCOMPARE(back.input.maps[0].name, report.input.maps[0].name);
        QCOMPARE(back.input.maps[0].values, report.input.maps[0].values);
        QCOMPARE(back.agreement.rows.size(), report.agreement.rows.size());
        for (std::size_t r = 0; r < report.agreement.rows.size(); ++r)
            QCOMPARE(Validator::tableRow(back.agreement.rows[r]),
                     Validator::tableRow(report.agreement.rows[r]));
    }

    void geneListValidationIsStoredApart()
    {
        // Issue 15: a validation of a gene list does not replace the whole split's, and each
        // list (by its genes, whatever its name) finds its own again.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("study.h5"));
        QString error;
        QVERIFY2(writeCellAndRun(path, &error), qPrintable(error));
        const ValidationReport whole = makeReport(path);
        ValidationReport listed = makeReport(path);
        listed.listedGenes = {QStringLiteral("000001"), QStringLiteral("000004")};
        listed.geneListName = QStringLiteral("two.txt");
        listed.input.p[0] = 0.125f; // tells the two stored reports apart
        QVERIFY2(ValidationArchive::store(whole, &error), qPrintable(error));
        QVERIFY2(ValidationArchive::store(listed, &error), qPrintable(error));
        const QString listEntry =
            ValidationArchive::entryName(listed.track, listed.split, listed.listedGenes);
        QVERIFY(listEntry.startsWith(QStringLiteral("H3K27ac-test-list-")));
        QCOMPARE(listEntry.size(), QStringLiteral("H3K27ac-test-list-").size() + 8);
        QVERIFY(listEntry != ValidationArchive::entryName(listed.track, listed.split,
                                                          {QStringLiteral("000001")}));
        auto study = StudyFile::open(path, &error);
        QVERIFY2(study, qPrintable(error));
        QCOMPARE(study->validationNames(whole.runId).size(), 2);
        QVERIFY(!ValidationArchive::has(*study, whole.runId, whole.track, whole.split,
                                        {QStringLiteral("000001")}));
        ValidationReport back;
        QVERIFY2(ValidationArchive::load(*study, whole.runId, whole.track, whole.split,
                                         listed.listedGenes, &back, &error),
                 qPrintable(error));
        QCOMPARE(back.input.p[0], 0.125f);
        QCOMPARE(back.listedGenes, listed.listedGenes);
        QCOMPARE(back.geneListName, QStringLiteral("two.txt"));
        QVERIFY2(ValidationArchive::load(*study, whole.runId, whole.track, whole.split, {}, &back,
                                         &error),
                 qPrintable(error));
        QCOMPARE(back.input.p[0], whole.input.p[0]);
        QVERIFY(back.listedGenes.isEmpty());
    }

    void completenessAndClassOptimaAreKept()
    {
        // Issue 15: integrated gradients' completeness and the class optima survive the store.
        ValidationReport report = makeReport({});
        report.completeness.steps = 16;
        report.completeness.baseline = QStringLiteral("shuffled");
        report.completeness.sum = {0.5f, -1.0f, 2.0f, 0.25f};
        report.completeness.delta = {0.5f, -0.9f, 2.5f, 0.25f};
        for (bool on : {true, false}) {
            ClassOptimum o;
            o.on = on;
            o.settings.start = ClassOptimisationStart::Zero;
            o.settings.lambda = 0.01;
            o.settings.maxSteps = 300;
            o.markCount = kMarks;
            o.binCount = kBins;
            for (int i = 0; i < kMarks * kBins; ++i)
                o.values.push_back(float(i + (on ? 0 : 100)));
            o.objective = {1.0, 2.0, 2.5};
            o.steps = 2;
            o.converged = on;
            o.score = on ? 3.0 : 4.0;
            o.penalty = 0.5;
            o.startScore = -1.0;
            report.classOptima.push_back(o);
        }
        ValidationReport back;
        QString error;
        QVERIFY2(ValidationArchive::fromArrays(ValidationArchive::toArrays(report), &back, &error),
                 qPrintable(error));
        QCOMPARE(back.completeness.steps, 16);
        QCOMPARE(back.completeness.baseline, QStringLiteral("shuffled"));
        QCOMPARE(back.completeness.sum, report.completeness.sum);
        QCOMPARE(back.completeness.delta, report.completeness.delta);
        QCOMPARE(back.classOptima.size(), std::size_t(2));
        for (int i = 0; i < 2; ++i) {
            const ClassOptimum& a = report.classOptima[i];
            const ClassOptimum& b = back.classOptima[i];
            QCOMPARE(b.on, a.on);
            QCOMPARE(b.values, a.values);
            QCOMPARE(b.objective, a.objective);
            QCOMPARE(b.steps, a.steps);
            QCOMPARE(b.converged, a.converged);
            QCOMPARE(b.score, a.score);
            QCOMPARE(b.summary(), a.summary());
        }
        // A stored validation without them (written before issue 15) still reads.
        QVERIFY(ValidationArchive::fromArrays(ValidationArchive::toArrays(makeReport({})), &back,
                                              &error));
        QVERIFY(back.completeness.isEmpty());
        QVERIFY(back.classOptima.empty());
    }

    void damagedArraysAreNamed()
    {
        ArrayBundle arrays = ValidationArchive::toArrays(makeReport({}));
        ValidationReport out;
        QString error;
        QVERIFY(ValidationArchive::fromArrays(arrays, &out, &error));
        arrays.floats.erase(QStringLiteral("p"));
        QVERIFY(!ValidationArchive::fromArrays(arrays, &out, &error));
        QVERIFY2(error.contains(QStringLiteral("p: missing")), qPrintable(error));
        arrays = ValidationArchive::toArrays(makeReport({}));
        arrays.floats[QStringLiteral("map_0")].pop_back();
        QVERIFY(!ValidationArchive::fromArrays(arrays, &out, &error));
        QVERIFY2(error.contains(QStringLiteral("map_0")), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestValidationArchive)
#include "tst_validationarchive.moc"
