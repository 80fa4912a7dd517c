// The gene search of the study dock (ui/GeneSearch), issue 14 (Search): the completion popup
// appears while typing, Return picks only an exact name and never jumps to a substring match,
// and a miss says whether the name is a known gene not in the study or no gene at all.
#include "GeneListModel.h"
#include "GeneSearch.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QLineEdit>
#include <QSignalSpy>
#include <QtTest>

using namespace ac;

namespace
{

GeneRecord gene(const QString& remc, const QString& ensembl, const QString& symbol)
{
    GeneRecord g;
    g.remcId = remc;
    g.ensemblId = ensembl;
    g.symbol = symbol;
    return g;
}

} // namespace

class TestGeneSearch : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_model = std::make_unique<GeneListModel>();
        m_model->setGenes({gene(QStringLiteral("000003"), QStringLiteral("ENSG00000000003"),
                                QStringLiteral("TSPAN6")),
                           gene(QStringLiteral("000005"), QStringLiteral("ENSG00000000005"),
                                QStringLiteral("TNMD")),
                           gene(QStringLiteral("000419"), QStringLiteral("ENSG00000000419"),
                                QStringLiteral("DPM1"))},
                          {1, 0, 1}, {Split::Train, Split::Valid, Split::Test});
        m_search = std::make_unique<GeneSearch>(m_model.get());
        m_search->setCell(QStringLiteral("E123"), QString()); // an older study: hg19 assumed
    }

    void popupAppearsWhileTyping()
    {
        m_search->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_search.get()));
        m_search->focusSearch();
        QTest::keyClicks(m_search->lineEdit(), QStringLiteral("tn"));
        QCompleter* c = m_search->completer();
        QTRY_VERIFY(c->popup()->isVisible());
        QCOMPARE(c->completionCount(), 1);
        QCOMPARE(c->currentCompletion(), QStringLiteral("TNMD"));
        // Ensembl ids complete too.
        m_search->lineEdit()->clear();
        QTest::keyClicks(m_search->lineEdit(), QStringLiteral("ENSG0000000041"));
        QTRY_COMPARE(c->currentCompletion(), QStringLiteral("ENSG00000000419"));
    }

    void exactNameIsChosen()
    {
        QSignalSpy chosen(m_search.get(), &GeneSearch::geneChosen);
        m_search->submit(QStringLiteral("dpm1"));
        m_search->submit(QStringLiteral("ENSG00000000005"));
        m_search->submit(QStringLiteral("000003"));
        QCOMPARE(chosen.count(), 3);
        QCOMPARE(chosen.at(0).at(0).toInt(), 2);
        QCOMPARE(chosen.at(1).at(0).toInt(), 1);
        QCOMPARE(chosen.at(2).at(0).toInt(), 0);
        QVERIFY(m_search->message().isEmpty());
    }

    void substringIsNotJumpedTo()
    {
        QSignalSpy chosen(m_search.get(), &GeneSearch::geneChosen);
        m_search->lineEdit()->setText(QStringLiteral("PAN"));
        QTest::keyClick(m_search->lineEdit(), Qt::Key_Return);
        QCOMPARE(chosen.count(), 0); // TSPAN6 contains it, but was not chosen
        QVERIFY2(m_search->message().contains(QStringLiteral("No gene is named 'PAN'; 1 gene(s) "
                                                             "of E123 contain it")),
                 qPrintable(m_search->message()));
        m_search->lineEdit()->setText(QStringLiteral("PAN6")); // an edit clears the message
        QVERIFY(m_search->message().isEmpty());
    }

    void knownGeneNotInStudyIsToldFromUnknownName()
    {
        QSignalSpy chosen(m_search.get(), &GeneSearch::geneChosen);
        m_search->submit(QStringLiteral("FOXP3"));
        QVERIFY2(m_search->message().startsWith(QStringLiteral(
                     "FOXP3 (ENSG00000049768, chrX) is a known hg19 gene, but not in this study: "
                     "cell E123 has no data for it.")),
                 qPrintable(m_search->message()));
        m_search->submit(QStringLiteral("NOTAGENE42"));
        QVERIFY2(m_search->message().startsWith(QStringLiteral(
                     "'NOTAGENE42' is not a gene: no symbol, Ensembl or REMC id of E123 or of the "
                     "hg19 gene table.")),
                 qPrintable(m_search->message()));
        QCOMPARE(chosen.count(), 0);
    }

private:
    std::unique_ptr<GeneListModel> m_model;
    std::unique_ptr<GeneSearch> m_search;
};

QTEST_MAIN(TestGeneSearch)
#include "tst_genesearch.moc"
