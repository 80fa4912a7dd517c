#pragma once

#include "interpret/AttributionMethod.h"
#include "interpret/IgBaseline.h"

#include <QObject>
#include <QString>

#include <memory>
#include <vector>

namespace ac
{

class JobController;
struct AttributionModelCache;
struct JobResult;

/// One gene's attribution map to compute: plain values, copied into the worker thread.
struct AttributionRequest {
    QString studyPath;
    QString runId;             ///< run whose "best" weights are attributed
    QString cell;              ///< the gene's cell type (its training mean is a baseline)
    QString geneId;            ///< REMC id, handed back with the map
    QString geneName;          ///< for the status line
    std::vector<float> values; ///< bins × marks of the gene
    int markCount = 0;
    int binCount = 0;
    AttributionMethod method = AttributionMethod::Saliency;
    /// Integrated gradients' baseline x₀.
    IgBaselineKind baseline = IgBaselineKind::Zero;
};

/**
 * Computes the gene view's attribution maps off the GUI thread through a JobController: loads
 * the run's Attributor in the worker thread (kept while the study and run stay the same; the
 * cell's training mean, a baseline of integrated gradients, is read there too and kept while the
 * study and cell stay the same) and hands the map back by signal. The newest request supersedes the
 * older ones: a request made while one runs waits for it, and the result of a superseded or
 * cancelled request is dropped.
 *
 * GUI thread only; owns its JobController (whose destructor waits for a running map). A model
 * that cannot be loaded, does not fit the gene, or throws is reported by statusMessage(),
 * never thrown across threads.
 */
class AttributionController : public QObject
{
    Q_OBJECT
public:
    explicit AttributionController(QObject* parent = nullptr);
    ~AttributionController() override;

    /// Starts computing `request` (or queues it behind the running one).
    void request(AttributionRequest request);
    /// Drops the running and queued requests' results.
    void cancel();
    /// cancel(), and forgets the loaded model (the study was reopened).
    void reset();

Q_SIGNALS:
    /// The map of gene `geneId` (marks × bins), named e.g. "Saliency".
    void ready(const QString& geneId, const QString& name, const std::vector<float>& map);
    /// A message for the status bar; `timeoutMs` 0 keeps it until the next one.
    void statusMessage(const QString& text, int timeoutMs);
    /// The status message of a finished computation can go.
    void statusCleared();

private:
    void startNext();
    void onFinished(const JobResult& result);

    JobController* m_jobs = nullptr;
    std::shared_ptr<AttributionModelCache> m_model; ///< used by the worker thread only
    std::unique_ptr<AttributionRequest> m_pending;
    AttributionRequest m_running;
    int m_token = 0; ///< bumps per request and cancel
    int m_runningToken = -1;
};

} // namespace ac
