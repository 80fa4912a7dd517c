// ensureRuntimeEnvironment() (issues 9 and 16): the program re-executes itself once with
// OMP_WAIT_POLICY=passive and glibc's huge-page malloc tunable, keeping what the user set. The
// test runs this executable as the program: with "--child" it calls the function and prints the
// two variables and how often it started.
#include "domain/RuntimeEnvironment.h"

#include <QProcess>
#include <QProcessEnvironment>
#include <QtTest>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

using namespace ac;

namespace
{

struct ChildRun {
    QString ompWaitPolicy;
    QString tunables;
    int starts = 0;
};

/// Runs this test executable as the program with `env` (AC_STARTS counts its starts).
ChildRun runChild(const QProcessEnvironment& env)
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--child")});
    ChildRun r;
    if (!p.waitForFinished(30000) || p.exitCode() != 0)
        return r;
    const QStringList lines = QString::fromUtf8(p.readAllStandardOutput()).split(QLatin1Char('\n'));
    r.ompWaitPolicy = lines.value(0);
    r.tunables = lines.value(1);
    r.starts = lines.value(2).toInt();
    return r;
}

QProcessEnvironment cleanEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("OMP_WAIT_POLICY"));
    env.remove(QStringLiteral("GLIBC_TUNABLES"));
    env.remove(QStringLiteral("AC_STARTS"));
    return env;
}

} // namespace

class TestRuntimeEnvironment : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void setsBothOnceAndStartsAgain()
    {
        const ChildRun r = runChild(cleanEnvironment());
        QCOMPARE(r.ompWaitPolicy, QStringLiteral("passive"));
        QCOMPARE(r.tunables, QStringLiteral("glibc.malloc.hugetlb=1"));
        QCOMPARE(r.starts, 2); // one re-execution, not a loop
    }

    void keepsWhatTheUserSet()
    {
        QProcessEnvironment env = cleanEnvironment();
        env.insert(QStringLiteral("OMP_WAIT_POLICY"), QStringLiteral("active"));
        env.insert(QStringLiteral("GLIBC_TUNABLES"), QStringLiteral("glibc.malloc.arena_max=2"));
        ChildRun r = runChild(env);
        QCOMPARE(r.ompWaitPolicy, QStringLiteral("active"));
        QCOMPARE(r.tunables, QStringLiteral("glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1"));
        QCOMPARE(r.starts, 2);

        env.insert(QStringLiteral("GLIBC_TUNABLES"), QStringLiteral("glibc.malloc.hugetlb=0"));
        r = runChild(env);
        QCOMPARE(r.tunables, QStringLiteral("glibc.malloc.hugetlb=0")); // the user's choice
        QCOMPARE(r.starts, 1); // nothing to change: no re-execution
    }
};

int main(int argc, char** argv)
{
    if (argc > 1 && std::strcmp(argv[1], "--child") == 0) {
        const char* starts = std::getenv("AC_STARTS");
        const std::string count = std::to_string(starts ? std::atoi(starts) + 1 : 1);
        ::setenv("AC_STARTS", count.c_str(), 1);
        ensureRuntimeEnvironment(argv);
        const char* omp = std::getenv("OMP_WAIT_POLICY");
        const char* tunables = std::getenv("GLIBC_TUNABLES");
        std::printf("%s\n%s\n%s\n", omp ? omp : "", tunables ? tunables : "", count.c_str());
        return 0;
    }
    QCoreApplication app(argc, argv);
    TestRuntimeEnvironment test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_runtimeenvironment.moc"
