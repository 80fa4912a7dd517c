#pragma once

#include "interpret/Validator.h"

#include <QMetaType>
#include <QObject>
#include <QString>

#include <atomic>

Q_DECLARE_METATYPE(ac::ValidationRequest)
Q_DECLARE_METATYPE(ac::ValidationReport)

namespace ac {

/**
 * Runs Validator::run for one request at a time in the ValidationController's thread. Progress
 * and the report leave as plain values by queued signals. The cancel flag belongs to the
 * controller. Nothing escapes run(): every failure becomes finished(false, ...).
 */
class ValidationWorker : public QObject {
    Q_OBJECT
public:
    explicit ValidationWorker(const std::atomic<bool>* cancel, QObject* parent = nullptr);

public Q_SLOTS:
    void run(const ac::ValidationRequest& request);

Q_SIGNALS:
    void progress(double fraction, const QString& message);
    /// `error` names the study, run or track, or is "cancelled"; `report` is valid when `ok`.
    void finished(bool ok, const QString& error, const ac::ValidationReport& report);

private:
    const std::atomic<bool>* m_cancel;
};

} // namespace ac
