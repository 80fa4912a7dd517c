// Evaluation view: ROC/PR curves of a run's test genes, the AUROC table per cell type × variant
// with mean/median/min/max (sortable) and its TSV export, including an unwritable target.
#include "EvaluationView.h"
#include "QcpInclude.h"
#include "train/Metrics.h"

#include <QStandardItemModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace ac;

class TestEvaluationView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void curvesOfTheRun()
    {
        EvaluationView v;
        const std::vector<float> p{0.9f, 0.8f, 0.7f, 0.6f, 0.4f, 0.3f, 0.2f, 0.1f};
        const std::vector<std::uint8_t> y{1, 1, 0, 1, 0, 1, 0, 0};
        v.setRunCurves(QStringLiteral("E1-run"), p, y);
        QCOMPARE(v.shownAuroc(), metrics::auroc(p, y));
        QCOMPARE(v.shownAupr(), metrics::averagePrecision(p, y));
        // ROC: (0,0), one point per distinct score; the chance diagonal is graph 0.
        QCPGraph* roc = v.rocPlot()->graph(1);
        QCOMPARE(roc->dataCount(), int(metrics::rocCurve(p, y).size()));
        QCOMPARE(roc->data()->at(0)->key, 0.0);
        QCOMPARE(roc->data()->at(roc->dataCount() - 1)->value, 1.0);
        QCOMPARE(v.prPlot()->graph(0)->dataCount(), int(metrics::prCurve(p, y).size()));
        // Issue 14 (cosmetics): the PR plot's chance line is the prevalence, 4 high of 8.
        QCPGraph* baseline = v.prPlot()->graph(1);
        QVERIFY(baseline->visible());
        QCOMPARE(baseline->dataCount(), 2);
        QCOMPARE(baseline->data()->at(0)->value, 0.5);
        QCOMPARE(baseline->data()->at(1)->value, 0.5);
        QCOMPARE(baseline->data()->at(1)->key, 1.0);

        // One class only: no curve, no crash.
        v.setRunCurves(QStringLiteral("E1-run"), {0.2f, 0.4f}, {1, 1});
        QVERIFY(std::isnan(v.shownAuroc()));
        QCOMPARE(v.rocPlot()->graph(1)->dataCount(), 0);
        v.setRunCurves(QString(), {}, {});
        QCOMPARE(v.prPlot()->graph(0)->dataCount(), 0);
        QVERIFY(!v.prPlot()->graph(1)->visible()); // no genes, no chance line
    }

    void tableSortsAndExports()
    {
        EvaluationView v;
        const CellSummary s =
            summariseRuns({{QStringLiteral("E003"), QStringLiteral("attentivechrome"), 0.80},
                           {QStringLiteral("E003"), QStringLiteral("deepchrome"), 0.78},
                           {QStringLiteral("E123"), QStringLiteral("attentivechrome"), 0.90},
                           {QStringLiteral("E123"), QStringLiteral("deepchrome"), 0.91},
                           {QStringLiteral("E005"), QStringLiteral("attentivechrome"), 0.70,
                            QStringLiteral("E005-run")}});
        v.setSummary(s);
        QStandardItemModel* cells = v.cellTable();
        QCOMPARE(cells->rowCount(), 3);
        QCOMPARE(cells->columnCount(), 4); // cell, two variants, the runs used (issue 14, item 1)
        QCOMPARE(cells->item(2, 3)->text(), QStringLiteral("E005-run"));
        QCOMPARE(cells->item(2, 1)->toolTip(), QStringLiteral("run E005-run"));
        QCOMPARE(cells->horizontalHeaderItem(1)->text(), QStringLiteral("attentivechrome"));
        QCOMPARE(cells->item(2, 2)->text(), QStringLiteral("—")); // E005 has no deepchrome run
        cells->sort(1, Qt::DescendingOrder);
        QCOMPARE(cells->item(0, 0)->text(), QStringLiteral("E123"));
        QCOMPARE(cells->item(2, 0)->text(), QStringLiteral("E005"));
        cells->sort(1, Qt::AscendingOrder);
        QCOMPARE(cells->item(0, 0)->text(), QStringLiteral("E005"));

        QStandardItemModel* sum = v.summaryTable();
        QCOMPARE(sum->rowCount(), 2);
        QCOMPARE(sum->item(0, 0)->text(), QStringLiteral("attentivechrome"));
        QCOMPARE(sum->item(0, 1)->text(), QStringLiteral("3"));
        QCOMPARE(sum->item(0, 2)->text(), QStringLiteral("0.800")); // mean of .8 .9 .7
        QCOMPARE(sum->item(0, 3)->text(), QStringLiteral("0.800")); // median
        QCOMPARE(sum->item(0, 4)->text(), QStringLiteral("0.700"));
        QCOMPARE(sum->item(0, 5)->text(), QStringLiteral("0.900"));

        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("auroc.tsv"));
        QString err;
        QVERIFY2(v.saveTsv(file, &err), qPrintable(err));
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly | QIODevice::Text));
        const QStringList lines = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'));
        QCOMPARE(lines.at(0), QStringLiteral("cell\tattentivechrome\tdeepchrome"));
        QCOMPARE(lines.at(1), QStringLiteral("E003\t0.8000\t0.7800"));
        QCOMPARE(lines.at(3), QStringLiteral("E005\t0.7000\tNA"));
        QCOMPARE(lines.at(5), QStringLiteral("variant\tcells\tmean\tmedian\tmin\tmax\twins"));
        QVERIFY(lines.at(6).startsWith(
            QStringLiteral("attentivechrome\t3\t0.8000\t0.8000\t0.7000\t0.9000\t")));

        // Issue 14 (cosmetics): "Wins" compares variants; with one variant it is hidden.
        QVERIFY(!v.summaryView()->isColumnHidden(6));
        v.setSummary(
            summariseRuns({{QStringLiteral("E003"), QStringLiteral("attentivechrome"), 0.8},
                           {QStringLiteral("E123"), QStringLiteral("attentivechrome"), 0.9}}));
        QCOMPARE(v.summaryTable()->horizontalHeaderItem(6)->text(), QStringLiteral("Wins"));
        QVERIFY(v.summaryView()->isColumnHidden(6));

        const QString bad = dir.filePath(QStringLiteral("missing-folder/auroc.tsv"));
        QVERIFY(!v.saveTsv(bad, &err));
        QVERIFY(err.contains(QStringLiteral("missing-folder/auroc.tsv")));
    }
};

QTEST_MAIN(TestEvaluationView)
#include "tst_evaluationview.moc"
