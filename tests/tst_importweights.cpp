// attentivechrome-cli import-weights (issue #3): reference weights become an "imported" run;
// a wrong shape, an unknown or missing name, NaN or infinite values, a file that is not HDF5, an
// unknown kind or cell each give one clear error line and leave the study byte-for-byte unchanged.
#include "CliRunner.h"
#include "FileDigest.h"
#include "store/StudyEditor.h"
#include "store/StudyFile.h"
#include "store/WeightsFile.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <limits>

using namespace ac;

namespace
{

CellData makeCell(const QString& name, int genes)
{
    CellData c;
    c.name = name;
    for (int g = 0; g < genes; ++g) {
        GeneRecord r;
        r.remcId = QStringLiteral("%1").arg(g + 1, 6, 10, QLatin1Char('0'));
        c.genes.push_back(r);
        c.labels.push_back(std::uint8_t(g % 2));
        c.splits.push_back(static_cast<Split>(g % 3));
    }
    c.values.assign(std::size_t(genes) * c.binCount * c.markCount, 1.0f);
    return c;
}

testing::CliRun runCli(const QStringList& args)
{
    return testing::runCli(args, 60000);
}

WeightArray* find(Weights& w, const std::string& name)
{
    for (WeightArray& a : w)
        if (a.name == name)
            return &a;
    return nullptr;
}

} // namespace

class TestImportWeights : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_study;
    Weights m_reference;

    QString path(const QString& name) const { return m_dir.filePath(name); }

    QString writeWeights(const QString& name, const Weights& w)
    {
        QString error;
        if (!writeWeightsFile(path(name), w, &error))
            qFatal("%s", qPrintable(error));
        return path(name);
    }

    // The reference weights with a NaN, +inf and -inf in one parameter.
    Weights nonFiniteWeights() const
    {
        Weights w = m_reference;
        WeightArray* a = find(w, "rnn_hms.0.rnn.weight_ih_l0");
        if (!a || a->values.size() < 3)
            qFatal("no parameter rnn_hms.0.rnn.weight_ih_l0 in the reference weights");
        a->values[0] = std::numeric_limits<float>::quiet_NaN();
        a->values[1] = std::numeric_limits<float>::infinity();
        a->values[2] = -std::numeric_limits<float>::infinity();
        return w;
    }

    // Runs import-weights with `weights`; expects failure with every `needles` in the one-line
    // error and the study unchanged.
    void expectRejected(const QStringList& extra, const QStringList& needles)
    {
        const QByteArray before = testing::fileDigest(m_study);
        QVERIFY(!before.isEmpty());
        const testing::CliRun r =
            runCli(QStringList{QStringLiteral("import-weights"), QStringLiteral("--study"), m_study,
                               QStringLiteral("--cell"), QStringLiteral("E123")} +
                   extra);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.isEmpty(), qPrintable(r.out));
        QCOMPARE(r.err.count(QLatin1Char('\n')), 1);
        QVERIFY2(r.err.startsWith(QLatin1String("attentivechrome-cli import-weights: error: ")),
                 qPrintable(r.err));
        for (const QString& n : needles)
            QVERIFY2(r.err.contains(n),
                     qPrintable(QStringLiteral("'%1' not in: %2").arg(n, r.err)));
        QCOMPARE(testing::fileDigest(m_study), before);
        QStringList leftovers = QDir(m_dir.path()).entryList(QStringList{QStringLiteral("*.tmp*")});
        QVERIFY2(leftovers.isEmpty(), qPrintable(leftovers.join(QLatin1Char(' '))));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(!qEnvironmentVariable("AC_CLI").isEmpty());
        QVERIFY(m_dir.isValid());
        const QString fixture = QFINDTESTDATA("data/attentivechrome_reference.h5");
        QString error;
        QVERIFY2(readWeightsFile(fixture, &m_reference, &error), qPrintable(error));
        m_study = path(QStringLiteral("study.h5"));
        auto editor = StudyEditor::begin(m_study, &error);
        QVERIFY2(editor, qPrintable(error));
        QVERIFY2(editor->writeCell(makeCell(QStringLiteral("E123"), 6), &error), qPrintable(error));
        QVERIFY2(editor->commit(&error), qPrintable(error));
    }

    void wrongShape()
    {
        Weights w = m_reference;
        WeightArray* a = find(w, "rnn_hms.3.bin_attention.bin_context_vector");
        QVERIFY(a);
        a->shape = {32, 2}; // 64 values, wrong shape
        const QString file = writeWeights(QStringLiteral("wrongshape.h5"), w);
        expectRejected({QStringLiteral("--weights"), file},
                       {file, QStringLiteral("\"rnn_hms.3.bin_attention.bin_context_vector\""),
                        QStringLiteral("[32, 2]"), QStringLiteral("[64, 1]")});
    }

    void unknownName()
    {
        Weights w = m_reference;
        w.push_back(WeightArray{"fdiff2_1.weight", {1, 32}, std::vector<float>(32, 0.0f)});
        const QString file = writeWeights(QStringLiteral("unknown.h5"), w);
        expectRejected({QStringLiteral("--weights"), file},
                       {file, QStringLiteral("unknown parameter \"fdiff2_1.weight\"")});
    }

    void missingName()
    {
        Weights w = m_reference;
        w.erase(std::remove_if(w.begin(), w.end(),
                               [](const WeightArray& a) { return a.name == "fdiff1_1.bias"; }),
                w.end());
        const QString file = writeWeights(QStringLiteral("missing.h5"), w);
        expectRejected({QStringLiteral("--weights"), file},
                       {file, QStringLiteral("\"fdiff1_1.bias\""), QStringLiteral("missing")});
    }

    // Issue 13, finding 6: NaN or infinite weights made every prediction of the run NaN.
    void nonFiniteValues()
    {
        const QString file = writeWeights(QStringLiteral("nonfinite.h5"), nonFiniteWeights());
        expectRejected({QStringLiteral("--weights"), file},
                       {file + QStringLiteral(": parameter \"rnn_hms.0.rnn.weight_ih_l0\" has 3 "
                                              "non-finite values")});
    }

    // A run whose stored weights are not finite (written by an older version or another tool)
    // is refused when it is loaded for prediction, not turned into NaN predictions.
    void nonFiniteStoredRunRefused()
    {
        const QString copy = path(QStringLiteral("nonfinite-run.h5"));
        QVERIFY(QFile::copy(m_study, copy));
        RunRecord run;
        run.id = QStringLiteral("nan-run");
        run.cell = QStringLiteral("E123");
        run.created = QDateTime::currentDateTimeUtc();
        run.status = QStringLiteral("imported");
        const Weights w = nonFiniteWeights();
        QString error;
        auto editor = StudyEditor::begin(copy, &error);
        QVERIFY2(editor && editor->writeRun(run, w, w, &error) && editor->commit(&error),
                 qPrintable(error));
        editor.reset();
        const testing::CliRun r =
            runCli({QStringLiteral("predict"), QStringLiteral("--study"), copy,
                    QStringLiteral("--run"), QStringLiteral("nan-run")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.isEmpty(), qPrintable(r.out));
        QVERIFY2(r.err.contains(QStringLiteral("run nan-run")), qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral(
                     "parameter \"rnn_hms.0.rnn.weight_ih_l0\" has 3 non-finite values")),
                 qPrintable(r.err));
    }

    // Valid AttentiveChrome weights are not DeepChrome weights.
    void wrongKind()
    {
        const QString file = writeWeights(QStringLiteral("reference.h5"), m_reference);
        expectRejected({QStringLiteral("--weights"), file, QStringLiteral("--kind"),
                        QStringLiteral("deepchrome")},
                       {file, QStringLiteral("parameter"), QStringLiteral("deepchrome")});
        expectRejected({QStringLiteral("--weights"), file, QStringLiteral("--kind"),
                        QStringLiteral("lstm-beta")},
                       {QStringLiteral("unknown --kind 'lstm-beta'")});
    }

    void notHdf5()
    {
        const QString file = path(QStringLiteral("weights.pt"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("PK\x03\x04 this is a PyTorch zip, not HDF5");
        f.close();
        expectRejected({QStringLiteral("--weights"), file},
                       {file, QStringLiteral("not an HDF5 file"),
                        QStringLiteral("convert_pytorch_weights.py")});
        expectRejected({QStringLiteral("--weights"), path(QStringLiteral("nope.h5"))},
                       {path(QStringLiteral("nope.h5")), QStringLiteral("no such file")});
    }

    void unknownCell()
    {
        const QString file = writeWeights(QStringLiteral("reference.h5"), m_reference);
        const QByteArray before = testing::fileDigest(m_study);
        const testing::CliRun r = runCli(
            {QStringLiteral("import-weights"), QStringLiteral("--study"), m_study,
             QStringLiteral("--cell"), QStringLiteral("E999"), QStringLiteral("--weights"), file});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QLatin1String("no cell 'E999'")), qPrintable(r.err));
        QCOMPARE(testing::fileDigest(m_study), before);
    }

    // Last, as it changes the study.
    void importsReferenceWeights()
    {
        const QString file = writeWeights(QStringLiteral("reference.h5"), m_reference);
        const QStringList args{QStringLiteral("import-weights"),
                               QStringLiteral("--study"),
                               m_study,
                               QStringLiteral("--cell"),
                               QStringLiteral("E123"),
                               QStringLiteral("--weights"),
                               file,
                               QStringLiteral("--run-id"),
                               QStringLiteral("published")};
        testing::CliRun r = runCli(args);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QLatin1String("published")), qPrintable(r.out));

        QString error;
        auto study = StudyFile::open(m_study, &error);
        QVERIFY2(study, qPrintable(error));
        QCOMPARE(study->runIds(QStringLiteral("E123")), QStringList{QStringLiteral("published")});
        RunRecord run;
        QVERIFY2(study->readRun(QStringLiteral("published"), &run, &error), qPrintable(error));
        QCOMPARE(run.status, QStringLiteral("imported"));
        QCOMPARE(run.cell, QStringLiteral("E123"));
        QCOMPARE(run.model.kind, ModelKind::AttentiveChrome);
        for (const QString& which : {QStringLiteral("best"), QStringLiteral("last")}) {
            Weights stored;
            QVERIFY2(study->readWeights(QStringLiteral("published"), which, &stored, &error),
                     qPrintable(error));
            QCOMPARE(stored.size(), m_reference.size());
            for (WeightArray& a : stored) {
                const WeightArray* ref = find(m_reference, a.name);
                QVERIFY2(ref, a.name.c_str());
                QCOMPARE(a.shape, ref->shape);
                QCOMPARE(a.values, ref->values);
            }
        }
        study.reset();

        // The same id again is refused, and the study stays as it is.
        const QByteArray before = testing::fileDigest(m_study);
        r = runCli(args);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QLatin1String("run 'published' exists")), qPrintable(r.err));
        QCOMPARE(testing::fileDigest(m_study), before);
    }
};

QTEST_GUILESS_MAIN(TestImportWeights)
#include "tst_importweights.moc"
