#include "TrackExportDialog.h"

#include "FormRow.h"
#include "data/GenomeTrackWriter.h"
#include "interpret/GenomeTrackExport.h"
#include "store/StudyFile.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>

namespace ac
{

namespace
{

std::vector<TrackQuantity> offered(int marks)
{
    std::vector<TrackQuantity> list;
    list.push_back({TrackQuantity::Kind::AlphaSum});
    list.push_back({TrackQuantity::Kind::BetaAlpha});
    for (int m = 0; m < marks; ++m)
        list.push_back({TrackQuantity::Kind::Alpha, m});
    for (AttributionMethod method : allAttributionMethods())
        if (method != AttributionMethod::MarkAblation)
            list.push_back({TrackQuantity::Kind::Attribution, -1, method});
    return list;
}

JobResult exportJob(const QString& studyPath, const QString& runId, const QString& key,
                    const QString& file, const ProgressCallback& progress)
{
    JobResult r;
    const std::unique_ptr<StudyFile> study = StudyFile::open(studyPath, &r.message);
    if (!study)
        return r;
    r.ok = exportRunTrack(*study, runId, QStringLiteral("best"), key, file, progress, &r.warnings,
                          &r.message);
    if (r.ok)
        r.message = QStringLiteral("Wrote %1 (%2); open it in IGV or the UCSC browser.")
                        .arg(QDir::toNativeSeparators(file),
                             QLocale().formattedDataSize(QFileInfo(file).size()));
    return r;
}

} // namespace

TrackExportDialog::TrackExportDialog(const QString& studyPath, const QString& cell,
                                     const QString& runId, const QStringList& markNames,
                                     QWidget* parent)
    : JobDialog(QStringLiteral("Export genome track"), QStringLiteral("Export"), parent),
      m_studyPath(studyPath), m_cell(cell), m_runId(runId)
{
    m_what = new QComboBox(this);
    for (const TrackQuantity& q : offered(static_cast<int>(markNames.size())))
        m_what->addItem(q.description(markNames), q.key(markNames));
    m_file = new QLineEdit(this);
    m_file->setPlaceholderText(QStringLiteral("file.bw or file.bedGraph"));
    auto* browse = new QPushButton(QStringLiteral("Browse…"), this);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getSaveFileName(
            this, QStringLiteral("Genome track"), file(),
            QStringLiteral("bigWig (*.bw *.bigWig);;bedGraph (*.bedGraph *.bg)"));
        if (!f.isEmpty())
            setFile(f);
    });
    connect(m_file, &QLineEdit::textEdited, this, [this] { m_fileEdited = true; });
    connect(m_what, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_fileEdited)
            m_file->setText(proposedFile());
    });
    form()->addRow(QStringLiteral("Run"),
                   new QLabel(QStringLiteral("%1 (cell %2)").arg(runId, cell), this));
    form()->addRow(QStringLiteral("Export"), m_what);
    form()->addRow(QStringLiteral("File"), formRow(m_file, browse));
    connect(actionButton(), &QPushButton::clicked, this, [this] { startExport(); });
    setStageText(QStringLiteral("Each gene's 100 bins are placed at its TSS and strand; where two "
                                "genes' windows overlap, a base takes the value of the gene "
                                "whose TSS is nearest. Attributions are computed for every gene "
                                "(minutes for integrated gradients and occlusion)."));
    m_file->setText(proposedFile());
}

QStringList TrackExportDialog::keys() const
{
    QStringList list;
    for (int i = 0; i < m_what->count(); ++i)
        list << m_what->itemData(i).toString();
    return list;
}

bool TrackExportDialog::setKey(const QString& key)
{
    const int i = m_what->findData(key);
    if (i < 0)
        return false;
    m_what->setCurrentIndex(i);
    return true;
}

QString TrackExportDialog::key() const
{
    return m_what->currentData().toString();
}

void TrackExportDialog::setFile(const QString& path)
{
    m_file->setText(path);
    m_fileEdited = true;
}

QString TrackExportDialog::file() const
{
    return m_file->text().trimmed();
}

QString TrackExportDialog::proposedFile() const
{
    const QString name =
        QStringLiteral("%1-%2-%3.bw")
            .arg(m_cell, m_runId, QString(key()).replace(QLatin1Char(':'), QLatin1Char('-')));
    return QFileInfo(m_studyPath).absoluteDir().filePath(name);
}

bool TrackExportDialog::startExport()
{
    QString error;
    const QString path = file();
    if (path.isEmpty() || !GenomeTrackWriter::checkFileName(path, &error)) {
        setStageText(path.isEmpty() ? QStringLiteral("Choose the file to write.") : error);
        return false;
    }
    const QString studyPath = m_studyPath, runId = m_runId, what = key();
    return runJob(QStringLiteral("Exporting %1 of run %2 to %3").arg(what, runId, path),
                  QStringLiteral("%1: export").arg(QFileInfo(path).fileName()),
                  [studyPath, runId, what, path](const ProgressCallback& progress) {
                      return exportJob(studyPath, runId, what, path, progress);
                  });
}

} // namespace ac
