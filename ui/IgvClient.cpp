#include "IgvClient.h"

#include <QHostAddress>
#include <QTcpSocket>
#include <QTimer>

namespace ac
{

IgvClient::IgvClient(QObject* parent, quint16 port, int timeoutMs)
    : QObject(parent), m_port(port), m_timeoutMs(timeoutMs), m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, [this] {
        const bool connected = m_socket && m_socket->state() == QAbstractSocket::ConnectedState;
        finish(false,
               connected ? QStringLiteral("IGV did not answer on port %1").arg(m_port)
                         : QStringLiteral("IGV is not running (no answer on port %1)").arg(m_port));
    });
}

IgvClient::~IgvClient() = default;

void IgvClient::goTo(const QString& locus)
{
    drop(); // abandon an earlier request
    m_locus = locus;
    m_socket = new QTcpSocket(this);
    QTcpSocket* socket = m_socket;
    connect(socket, &QTcpSocket::connected, this,
            [socket, locus] { socket->write("goto " + locus.toUtf8() + '\n'); });
    connect(socket, &QTcpSocket::readyRead, this, [this, socket] {
        if (!socket->canReadLine())
            return;
        const QString answer = QString::fromUtf8(socket->readLine()).trimmed();
        if (answer.compare(QLatin1String("OK"), Qt::CaseInsensitive) == 0)
            finish(true, QStringLiteral("IGV shows %1").arg(m_locus));
        else
            finish(false, QStringLiteral("IGV could not go to %1: %2").arg(m_locus, answer));
    });
    connect(socket, &QTcpSocket::errorOccurred, this, [this, socket] {
        if (socket->error() == QAbstractSocket::ConnectionRefusedError)
            finish(false, QStringLiteral("IGV is not running (no answer on port %1)").arg(m_port));
        else
            finish(false,
                   QStringLiteral("IGV on port %1: %2").arg(m_port).arg(socket->errorString()));
    });
    m_timer->start(m_timeoutMs);
    socket->connectToHost(QHostAddress::LocalHost, m_port);
}

void IgvClient::finish(bool ok, const QString& message)
{
    m_timer->stop();
    if (!m_socket)
        return;
    drop();
    Q_EMIT finished(ok, message);
}

void IgvClient::drop()
{
    if (!m_socket)
        return;
    m_socket->disconnect(this);
    m_socket->abort();
    m_socket->deleteLater();
    m_socket = nullptr;
}

} // namespace ac
