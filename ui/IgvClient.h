#pragma once

#include <QObject>
#include <QString>

class QTcpSocket;
class QTimer;

namespace ac
{

/**
 * Sends a locus to a running IGV desktop through its batch port (issue 15): connects to
 * 127.0.0.1:`port` (IGV's default 60151), writes the batch command `goto <locus>` and waits for
 * IGV's one-line answer. Asynchronous: the GUI never blocks; finished() reports the outcome once
 * per goTo(), after `timeoutMs` at the latest ("IGV is not running (no answer on port 60151)"
 * when nothing listens).
 *
 * GUI thread (or any one thread with an event loop). Owns its socket; a goTo() while one is
 * pending abandons the earlier one (its finished() is not emitted).
 */
class IgvClient : public QObject
{
    Q_OBJECT
public:
    static constexpr quint16 kDefaultPort = 60151;

    explicit IgvClient(QObject* parent = nullptr, quint16 port = kDefaultPort,
                       int timeoutMs = 1500);
    ~IgvClient() override;

    quint16 port() const { return m_port; }
    /// Asks IGV to show `locus` (e.g. "chrX:99889989-99899988").
    void goTo(const QString& locus);

Q_SIGNALS:
    /// `ok` when IGV answered "OK"; `message` says what happened, for the status bar.
    void finished(bool ok, const QString& message);

private:
    void finish(bool ok, const QString& message);
    /// Forgets the pending request: closes its socket without a signal.
    void drop();

    quint16 m_port;
    int m_timeoutMs;
    QString m_locus;
    QTcpSocket* m_socket = nullptr;
    QTimer* m_timer = nullptr;
};

} // namespace ac
