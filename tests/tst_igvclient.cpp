// IgvClient (issue 15, Open in IGV): the batch command reaches a real TCP peer acting as IGV on
// its port; no listener and a silent listener each end in one clear message.
#include "IgvClient.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace ac;

class TestIgvClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sendsGoto();
    void reportsIgvError();
    void notRunning();
    void silentPeerTimesOut();
};

namespace
{

/// Listens on a free port of 127.0.0.1 and answers every line it reads with `answer`; the
/// lines are collected in `received`.
void serveIgv(QTcpServer* server, QStringList* received, const QByteArray& answer)
{
    QVERIFY(server->listen(QHostAddress::LocalHost, 0));
    QObject::connect(server, &QTcpServer::newConnection, server, [=] {
        QTcpSocket* peer = server->nextPendingConnection();
        QObject::connect(peer, &QTcpSocket::readyRead, peer, [=] {
            while (peer->canReadLine()) {
                *received << QString::fromUtf8(peer->readLine());
                peer->write(answer);
            }
        });
    });
}

} // namespace

void TestIgvClient::sendsGoto()
{
    QTcpServer server;
    QStringList received;
    serveIgv(&server, &received, "OK\n");
    IgvClient client(nullptr, server.serverPort(), 5000);
    QSignalSpy done(&client, &IgvClient::finished);
    client.goTo(QStringLiteral("chrX:99889989-99899988"));
    QVERIFY(done.wait(5000));
    QCOMPARE(received, QStringList{QStringLiteral("goto chrX:99889989-99899988\n")});
    QCOMPARE(done.first().at(0).toBool(), true);
    QCOMPARE(done.first().at(1).toString(), QStringLiteral("IGV shows chrX:99889989-99899988"));
    // A second request on the same client goes out on a new connection.
    client.goTo(QStringLiteral("chr1:1-100"));
    QVERIFY(done.wait(5000));
    QCOMPARE(received.last(), QStringLiteral("goto chr1:1-100\n"));
    QCOMPARE(done.size(), 2);
}

void TestIgvClient::reportsIgvError()
{
    QTcpServer server;
    QStringList received;
    serveIgv(&server, &received, "ERROR: unknown locus\n");
    IgvClient client(nullptr, server.serverPort(), 5000);
    QSignalSpy done(&client, &IgvClient::finished);
    client.goTo(QStringLiteral("chrZ:1-2"));
    QVERIFY(done.wait(5000));
    QCOMPARE(done.first().at(0).toBool(), false);
    QCOMPARE(done.first().at(1).toString(),
             QStringLiteral("IGV could not go to chrZ:1-2: ERROR: unknown locus"));
}

void TestIgvClient::notRunning()
{
    quint16 port = 0;
    {
        QTcpServer probe; // a port that was free a moment ago and has no listener now
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    IgvClient client(nullptr, port, 5000);
    QSignalSpy done(&client, &IgvClient::finished);
    client.goTo(QStringLiteral("chr1:1-100"));
    QVERIFY(done.wait(5000));
    QCOMPARE(done.size(), 1);
    QCOMPARE(done.first().at(0).toBool(), false);
    QCOMPARE(done.first().at(1).toString(),
             QStringLiteral("IGV is not running (no answer on port %1)").arg(port));
    QCOMPARE(IgvClient::kDefaultPort, quint16(60151));
}

void TestIgvClient::silentPeerTimesOut()
{
    QTcpServer server; // accepts, never answers
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    IgvClient client(nullptr, server.serverPort(), 300);
    QSignalSpy done(&client, &IgvClient::finished);
    client.goTo(QStringLiteral("chr1:1-100"));
    QVERIFY(done.wait(5000));
    QCOMPARE(done.size(), 1);
    QCOMPARE(done.first().at(1).toString(),
             QStringLiteral("IGV did not answer on port %1").arg(server.serverPort()));
}

QTEST_GUILESS_MAIN(TestIgvClient)
#include "tst_igvclient.moc"
