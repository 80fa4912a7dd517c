// Gene list navigation pieces of the main window: search, filters, sort by p, back/forward.
#include "GeneFilterProxy.h"
#include "GeneHistory.h"
#include "GeneListModel.h"

#include <QtTest>

using namespace ac;

namespace
{

GeneListModel* makeModel(QObject* parent)
{
    auto* m = new GeneListModel(parent);
    std::vector<GeneRecord> genes(6);
    const char* syms[] = {"TP53", "BRCA1", "GAPDH", "ACTB", "", "MYC"};
    for (int i = 0; i < 6; ++i) {
        genes[i].symbol = QString::fromLatin1(syms[i]);
        genes[i].ensemblId = QStringLiteral("ENSG%1").arg(i + 1, 11, 10, QLatin1Char('0'));
        genes[i].remcId = QStringLiteral("%1").arg(i + 1, 6, 10, QLatin1Char('0'));
    }
    m->setGenes(genes, {1, 0, 1, 1, 0, 0},
                {Split::Train, Split::Valid, Split::Test, Split::Test, Split::Train, Split::Test});
    m->setP({0.9f, 0.2f, 0.4f, 0.8f, 0.7f, 0.1f});
    return m;
}

} // namespace

class TestGeneList : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void findBySymbolOrId()
    {
        QObject owner;
        GeneListModel* m = makeModel(&owner);
        QCOMPARE(m->find(QStringLiteral("gapdh")), 2);
        QCOMPARE(m->find(QStringLiteral("ENSG00000000006")), 5);
        QCOMPARE(m->find(QStringLiteral("NOPE")), -1);
        QCOMPARE(m->displayName(4), QStringLiteral("ENSG00000000005"));
    }

    void filters()
    {
        QObject owner;
        GeneListModel* m = makeModel(&owner);
        GeneFilterProxy f;
        f.setSourceModel(m);
        QCOMPARE(f.rowCount(), 6);
        f.setSearchText(QStringLiteral("br"));
        QCOMPARE(f.rowCount(), 1);
        f.setSearchText(QStringLiteral("ENSG0000000000"));
        QCOMPARE(f.rowCount(), 6);
        f.setSearchText(QString());
        f.setSplitFilter(int(Split::Test));
        QCOMPARE(f.rowCount(), 3);
        f.setSplitFilter(-1);
        f.setLabelFilter(1);
        QCOMPARE(f.rowCount(), 3);
        f.setLabelFilter(-1);
        f.setPredictedFilter(1); // p >= 0.5: genes 0, 3, 4
        QCOMPARE(f.rowCount(), 3);
        f.setPredictedFilter(-1);
        f.setCorrectFilter(0); // wrong: gene 2 (p .4, high), gene 4 (p .7, low)
        QCOMPARE(f.rowCount(), 2);
        QCOMPARE(f.data(f.index(0, 0), GeneListModel::GeneIndexRole).toInt(), 2);
        QCOMPARE(f.data(f.index(1, 0), GeneListModel::GeneIndexRole).toInt(), 4);
    }

    // Issue 15: a gene list (GeneListFile::membership()) combines with the other filters.
    void listFilter()
    {
        QObject owner;
        GeneListModel* m = makeModel(&owner);
        GeneFilterProxy f;
        f.setSourceModel(m);
        f.setListFilter({true, false, true, false, false, true});
        QVERIFY(f.hasListFilter());
        QCOMPARE(f.rowCount(), 3);
        f.setSplitFilter(int(Split::Test)); // test genes 2, 3, 5; listed 2, 5
        QCOMPARE(f.rowCount(), 2);
        f.setLabelFilter(0);
        QCOMPARE(f.rowCount(), 1);
        QCOMPARE(f.data(f.index(0, 0), GeneListModel::GeneIndexRole).toInt(), 5);
        f.setLabelFilter(-1);
        f.setListFilter({});
        QVERIFY(!f.hasListFilter());
        QCOMPARE(f.rowCount(), 3);
    }

    void sortByP()
    {
        QObject owner;
        GeneListModel* m = makeModel(&owner);
        GeneFilterProxy f;
        f.setSourceModel(m);
        f.sort(GeneListModel::P, Qt::DescendingOrder);
        QCOMPARE(f.data(f.index(0, 0), GeneListModel::GeneIndexRole).toInt(), 0);
        QCOMPARE(f.data(f.index(5, 0), GeneListModel::GeneIndexRole).toInt(), 5);
    }

    void history()
    {
        GeneHistory h;
        QVERIFY(!h.canGoBack());
        h.visit(3);
        h.visit(5);
        h.visit(5);
        h.visit(7);
        QCOMPARE(h.back(), 5);
        QCOMPARE(h.back(), 3);
        QCOMPARE(h.back(), -1);
        QCOMPARE(h.forward(), 5);
        h.visit(9); // drops 7
        QVERIFY(!h.canGoForward());
        QCOMPARE(h.back(), 5);
        QCOMPARE(h.forward(), 9);
    }
};

QTEST_MAIN(TestGeneList)
#include "tst_genelist.moc"
