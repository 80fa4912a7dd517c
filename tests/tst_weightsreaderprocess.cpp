// WeightsReaderProcess: a weights file is read by a child process (issue 13: HDF5 crashes and
// hangs on damaged weights files), and every way the child can end becomes an error naming the
// file. The real child (AC_READ_WEIGHTS, set by CTest) reads good and bad files; small shell
// scripts stand in for a child that crashes, hangs or cannot be started.
#include "store/WeightsFile.h"
#include "store/WeightsReaderProcess.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace ac;

class TestWeightsReaderProcess : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_reader = qEnvironmentVariable("AC_READ_WEIGHTS");
        QVERIFY2(QFile::exists(m_reader), "AC_READ_WEIGHTS must name attentivechrome-read-weights");
    }

    void readsAGoodFileThroughTheChild()
    {
        const QString path = m_dir.filePath(QStringLiteral("good.h5"));
        const Weights written = {{"fc.weight", {2, 3}, {1, 2, 3, 4, 5, 6}},
                                 {"fc.bias", {2}, {-0.5f, 0.25f}}};
        QString error;
        QVERIFY2(writeWeightsFile(path, written, &error), qPrintable(error));
        Weights read;
        QVERIFY2(WeightsReaderProcess(m_reader).read(path, &read, &error), qPrintable(error));
        QCOMPARE(read.size(), written.size());
        for (const WeightArray& w : written) {
            const auto it = std::find_if(read.begin(), read.end(),
                                         [&](const WeightArray& r) { return r.name == w.name; });
            QVERIFY2(it != read.end(), w.name.c_str());
            QCOMPARE(it->shape, w.shape);
            QCOMPARE(it->values, w.values);
        }
    }

    void theChildsReasonIsTheError()
    {
        const QString path = m_dir.filePath(QStringLiteral("text.h5"));
        writeText(path, "not hdf5 at all\n");
        Weights read;
        QString error;
        QVERIFY(!WeightsReaderProcess(m_reader).read(path, &read, &error));
        QCOMPARE(error, QStringLiteral("%1: not an HDF5 file").arg(path));
        QVERIFY(read.empty());
    }

    void aTruncatedFileIsAnError()
    {
        const QString path = m_dir.filePath(QStringLiteral("cut.h5"));
        QString error;
        QVERIFY(writeWeightsFile(path, {{"fc.weight", {64, 64}, std::vector<float>(4096, 1.0f)}},
                                 &error));
        QFile f(path);
        QVERIFY(f.resize(f.size() / 2));
        Weights read;
        QVERIFY(!WeightsReaderProcess(m_reader).read(path, &read, &error));
        QVERIFY2(error.startsWith(path + QStringLiteral(": ")), qPrintable(error));
    }

    void aMissingFileIsNamed()
    {
        const QString path = m_dir.filePath(QStringLiteral("absent.h5"));
        Weights read;
        QString error;
        QVERIFY(!WeightsReaderProcess(m_reader).read(path, &read, &error));
        QCOMPARE(error, QStringLiteral("%1: no such file").arg(path));
    }

    void aCrashingChildIsDamageNotACrash()
    {
        const QString child = script("crash.sh", "kill -SEGV $$\n");
        Weights read;
        QString error;
        QVERIFY(!WeightsReaderProcess(child).read(goodFile(), &read, &error));
        QVERIFY2(error.startsWith(goodFile() + QStringLiteral(": the file is damaged: reading it "
                                                              "crashed the HDF5 library")),
                 qPrintable(error));
        QVERIFY(read.empty());
    }

    void aHangingChildIsStoppedAtTheTimeout()
    {
        const QString child = script("hang.sh", "exec sleep 30\n");
        WeightsReaderProcess reader(child);
        reader.setTimeout(300);
        QElapsedTimer clock;
        clock.start();
        Weights read;
        QString error;
        QVERIFY(!reader.read(goodFile(), &read, &error));
        QVERIFY2(clock.elapsed() < 10000, "the hanging child was not stopped at the timeout");
        QVERIFY2(error.contains(QStringLiteral("did not end within 0.3 s")), qPrintable(error));
    }

    void anUnexpectedExitIsReportedWithTheLastLine()
    {
        const QString child =
            script("fail.sh", "echo 'first' >&2; echo 'ERROR: boom' >&2; exit 1\n");
        Weights read;
        QString error;
        QVERIFY(!WeightsReaderProcess(child).read(goodFile(), &read, &error));
        QVERIFY2(error.contains(QStringLiteral("exit code 1: ERROR: boom")), qPrintable(error));
    }

    void aMissingChildProgramIsNamed()
    {
        const QString child = m_dir.filePath(QStringLiteral("no-such-reader"));
        Weights read;
        QString error;
        QVERIFY(!WeightsReaderProcess(child).read(goodFile(), &read, &error));
        QVERIFY2(error.contains(QStringLiteral("cannot start the weights reader %1").arg(child)),
                 qPrintable(error));
    }

    void theInstalledProgramIsBesideTheRunningOne()
    {
        const QString bin = QFileInfo(QStringLiteral("/proc/self/exe")).canonicalPath();
        QCOMPARE(WeightsReaderProcess::installedProgram(),
                 QDir::cleanPath(bin + QStringLiteral("/../libexec/attentivechrome/"
                                                      "attentivechrome-read-weights")));
    }

private:
    void writeText(const QString& path, const QByteArray& text)
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(text);
    }

    QString script(const char* name, const QByteArray& body)
    {
        const QString path = m_dir.filePath(QString::fromLatin1(name));
        writeText(path, "#!/bin/sh\n" + body);
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        return path;
    }

    QString goodFile()
    {
        const QString path = m_dir.filePath(QStringLiteral("for-scripts.h5"));
        QString error;
        if (!QFile::exists(path))
            writeWeightsFile(path, {{"b", {1}, {1.0f}}}, &error);
        return path;
    }

    QTemporaryDir m_dir;
    QString m_reader;
};

QTEST_GUILESS_MAIN(TestWeightsReaderProcess)
#include "tst_weightsreaderprocess.moc"
