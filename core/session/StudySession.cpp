#include "StudySession.h"

#include "store/StudyFile.h"

namespace ac
{

namespace
{

const QString kPreferredTrack = QStringLiteral("H3K27ac");

} // namespace

StudySession::StudySession()
    : m_index(std::make_shared<CellIndex>()), m_results(std::make_shared<RunResults>())
{
}

StudySession::~StudySession() = default;

bool StudySession::open(const QString& path, QString* error)
{
    std::unique_ptr<StudyFile> study = StudyFile::open(path, error);
    if (!study) {
        if (error->isEmpty())
            *error = QStringLiteral("%1: cannot open study").arg(path);
        return false;
    }
    close();
    m_study = std::move(study);
    return true;
}

void StudySession::close()
{
    m_study.reset();
    m_cell.clear();
    m_runId.clear();
    m_geneId.clear();
    m_index = std::make_shared<CellIndex>();
    m_results = std::make_shared<RunResults>();
    m_track = TrackData();
    m_resultsCache.clear();
    m_indexCache.clear();
    m_activeRuns.clear();
}

QString StudySession::path() const
{
    return m_study ? m_study->path() : QString();
}

QStringList StudySession::cellNames() const
{
    return m_study ? m_study->cellNames() : QStringList();
}

const CellData& StudySession::cellIndex() const
{
    return m_index->data;
}

QStringList StudySession::trackNames() const
{
    return m_study && !m_cell.isEmpty() ? m_study->trackNames(m_cell) : QStringList();
}

std::shared_ptr<const StudySession::CellIndex> StudySession::readIndex(const QString& cell,
                                                                       QString* error) const
{
    auto index = std::make_shared<CellIndex>();
    if (!m_study->readCellIndex(cell, &index->data, error))
        return nullptr;
    index->byId.reserve(index->data.geneCount());
    for (int g = 0; g < index->data.geneCount(); ++g)
        index->byId.insert(index->data.genes[std::size_t(g)].remcId, g);
    return index;
}

std::shared_ptr<const StudySession::CellIndex> StudySession::cachedIndex(const QString& cell,
                                                                         QString* error)
{
    auto it = m_indexCache.find(cell);
    if (it != m_indexCache.end())
        return it->second;
    std::shared_ptr<const CellIndex> index = readIndex(cell, error);
    if (index)
        m_indexCache.emplace(cell, index);
    return index;
}

bool StudySession::selectCell(const QString& cell, QString* error, QString* warning)
{
    if (!m_study) {
        *error = QStringLiteral("no study is open");
        return false;
    }
    // Read afresh: the selected cell's index is the one the views show.
    std::shared_ptr<const CellIndex> index = readIndex(cell, error);
    if (!index)
        return false;
    m_indexCache[cell] = index;
    m_index = std::move(index);
    m_cell = cell;
    m_runId.clear();
    m_results = std::make_shared<RunResults>();
    m_geneId.clear();
    readTrack(warning);
    return true;
}

void StudySession::readTrack(QString* warning)
{
    m_track = TrackData();
    const QStringList names = m_study->trackNames(m_cell);
    if (names.isEmpty())
        return;
    // H3K27ac is the validation signal the gene view is meant for; prefer it when present.
    const QString name = names.contains(kPreferredTrack) ? kPreferredTrack : names.first();
    QString err;
    const std::size_t genes = m_index->data.genes.size();
    if (!m_study->readTrack(m_cell, name, &m_track, &err) ||
        m_track.values.size() != genes * std::size_t(m_track.binCount)) {
        *warning =
            err.isEmpty()
                ? QStringLiteral("%1: track %2 does not fit the cell's genes").arg(m_cell, name)
                : err;
        m_track = TrackData();
        return;
    }
    m_track.name = name;
}

QString StudySession::runCell(const QString& runId, QString* error) const
{
    RunRecord run;
    if (!m_study) {
        *error = QStringLiteral("no study is open");
        return {};
    }
    return m_study->readRun(runId, &run, error) ? run.cell : QString();
}

bool StudySession::selectRun(const QString& runId, QString* error, QString* warning)
{
    const QString cell = runCell(runId, error);
    if (cell.isEmpty())
        return false;
    if (cell != m_cell) {
        *error = QStringLiteral("%1: run %2 belongs to cell %3, not %4")
                     .arg(path(), runId, cell, m_cell);
        return false;
    }
    auto r = std::make_shared<RunResults>();
    if (m_study->hasResults(runId) && !m_study->readResults(runId, r.get(), warning))
        *r = RunResults();
    if (r->geneCount != geneCount())
        *r = RunResults();
    m_results = std::move(r);
    m_runId = runId;
    return true;
}

std::shared_ptr<const RunResults> StudySession::runResults(const QString& runId, QString* error)
{
    if (runId.isEmpty() || !m_study)
        return nullptr;
    // The selected run is already in memory.
    if (runId == m_runId && m_results->geneCount > 0)
        return m_results;
    auto it = m_resultsCache.find(runId);
    if (it != m_resultsCache.end())
        return it->second;
    auto r = std::make_shared<RunResults>();
    if (!m_study->readResults(runId, r.get(), error))
        return nullptr;
    m_resultsCache[runId] = r;
    return r;
}

QString StudySession::activeRun(const QString& cell) const
{
    if (!m_study)
        return {};
    const auto it = m_activeRuns.find(cell);
    if (it != m_activeRuns.end())
        return it->second;
    return m_activeRuns[cell] = ac::activeRun(*m_study, cell);
}

bool StudySession::selectGene(int index)
{
    if (index < 0 || index >= geneCount())
        return false;
    m_geneId = m_index->data.genes[std::size_t(index)].remcId;
    return true;
}

bool StudySession::selectGeneById(const QString& remcId)
{
    return selectGene(indexOfGene(remcId));
}

int StudySession::geneIndex() const
{
    return m_geneId.isEmpty() ? -1 : indexOfGene(m_geneId);
}

int StudySession::indexOfGene(const QString& remcId) const
{
    return m_index->byId.value(remcId, -1);
}

int StudySession::findGene(const QString& text) const
{
    return ac::findGene(m_index->data.genes, text);
}

GeneViewData StudySession::geneData(int index, QString* error) const
{
    GeneViewData d;
    const CellData& cell = m_index->data;
    if (index < 0 || index >= cell.geneCount())
        return d;
    const std::size_t g = std::size_t(index);
    d.gene = cell.genes[g];
    d.cell = m_cell;
    d.runId = m_runId;
    d.runIsActive = !m_runId.isEmpty() && m_runId == activeRun(m_cell);
    d.label = cell.labels.size() == cell.genes.size() ? int(cell.labels[g]) : -1;
    if (m_study && !m_study->readGeneValues(m_cell, index, &d.values, error))
        d.values.clear();
    d.takeResults(*m_results, index);
    const TrackData& t = m_track;
    if (!t.values.empty() && t.binCount == d.binCount && t.values.size() >= (g + 1) * t.binCount) {
        d.trackName = t.name;
        d.track.assign(t.values.begin() + std::ptrdiff_t(g * t.binCount),
                       t.values.begin() + std::ptrdiff_t((g + 1) * t.binCount));
    }
    return d;
}

std::vector<GeneViewData> StudySession::compareColumns(const QStringList& cells, QString* error)
{
    std::vector<GeneViewData> columns;
    if (!m_study || m_geneId.isEmpty())
        return columns;
    for (const QString& cell : cells) {
        QString err;
        const std::shared_ptr<const CellIndex> index = cachedIndex(cell, &err);
        // The same gene in another cell type: matched by its REMC id (the gene's identity).
        const int g = index ? index->byId.value(m_geneId, -1) : -1;
        if (!err.isEmpty() && error->isEmpty())
            *error = err;
        if (g < 0)
            continue;
        const CellData& ci = index->data;
        GeneViewData d;
        d.gene = ci.genes[std::size_t(g)];
        d.cell = cell;
        d.label = g < int(ci.labels.size()) ? ci.labels[std::size_t(g)] : -1;
        d.runId = cell == m_cell && !m_runId.isEmpty() ? m_runId : activeRun(cell);
        d.runIsActive = !d.runId.isEmpty() && d.runId == activeRun(cell);
        if (auto r = runResults(d.runId, &err); r && r->geneCount == ci.geneCount())
            d.takeResults(*r, g);
        if (!err.isEmpty() && error->isEmpty())
            *error = err;
        columns.push_back(std::move(d));
    }
    return columns;
}

SplitScores StudySession::testScores() const
{
    if (m_runId.isEmpty())
        return {};
    return splitScores(m_index->data, m_results->p, Split::Test);
}

CellSummary StudySession::runSummary() const
{
    return summariseRuns(m_study ? bestTestAurocEntries(*m_study)
                                 : std::vector<CellSummary::Entry>());
}

} // namespace ac
