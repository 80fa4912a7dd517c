#include "TrackImportDialog.h"

#include "FormRow.h"
#include "domain/GenomeAssembly.h"
#include "store/StudyFile.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

#include <algorithm>

namespace ac
{

namespace
{

const char* const kFileFilter =
    "Tracks (*.bedGraph *.bedgraph *.bg *.bedGraph.gz *.bedgraph.gz *.bg.gz "
    "*.bw *.bigWig *.bigwig *.csv *.csv.gz);;"
    "All files (*)";

// The outcome as the dialog's log shows it.
JobResult jobResult(const TrackImportRequest& request, const TrackImportOutcome& outcome)
{
    JobResult r;
    r.ok = outcome.ok;
    r.warnings = outcome.warnings;
    if (!outcome.ok) {
        r.message = outcome.error;
        return r;
    }
    r.items = QStringList{request.trackName};
    r.message = QStringLiteral("Track %1 of cell %2 written to %3%4: %5.")
                    .arg(request.trackName, request.cell, QFileInfo(request.studyPath).fileName(),
                         outcome.assembly.isEmpty()
                             ? QString()
                             : QStringLiteral(" (placed on %1)").arg(outcome.assembly),
                         outcome.coverage.summary());
    if (request.format != TrackFormat::BinnedCsv)
        r.message += outcome.genesPlaced > 0
                         ? QStringLiteral("\n%1 genes placed with %2; the others by the loci "
                                          "stored with the cell.")
                               .arg(outcome.genesPlaced)
                               .arg(outcome.annotationSource)
                         : QStringLiteral("\nGenes placed by the loci stored with the cell.");
    return r;
}

} // namespace

TrackImportDialog::TrackImportDialog(const QString& studyPath, const QString& currentCell,
                                     QWidget* parent)
    : JobDialog(QStringLiteral("Import track"), QStringLiteral("Import"), parent),
      m_studyPath(studyPath)
{
    QStringList cells;
    if (std::unique_ptr<StudyFile> study = StudyFile::open(studyPath, &m_studyError)) {
        cells = study->cellNames();
        for (const QString& cell : cells) {
            m_tracks.insert(cell, study->trackNames(cell));
            CellData index;
            QString unreadable; // the import names it
            if (study->readCellIndex(cell, &index, &unreadable))
                m_assemblies.insert(cell, index.assembly);
        }
    }

    auto* studyLabel = new QLabel(QFileInfo(studyPath).fileName(), this);
    studyLabel->setToolTip(studyPath);
    m_cell = new QComboBox(this);
    m_cell->addItems(cells);
    if (cells.contains(currentCell))
        m_cell->setCurrentText(currentCell);

    m_file = new QLineEdit(this);
    m_file->setPlaceholderText(
        QStringLiteral("H3K27ac signal: .bedGraph(.gz), .bw (bigWig) or binned .csv(.gz)"));
    auto* browseFile = new QPushButton(QStringLiteral("Browse…"), this);
    connect(browseFile, &QPushButton::clicked, this, [this] {
        const QString start =
            m_file->text().isEmpty() ? QFileInfo(m_studyPath).absolutePath() : m_file->text();
        const QString f = QFileDialog::getOpenFileName(this, QStringLiteral("Track file"), start,
                                                       QString::fromLatin1(kFileFilter));
        if (!f.isEmpty())
            setFile(f);
    });
    connect(m_file, &QLineEdit::textEdited, this, &TrackImportDialog::onFileEdited);

    m_format = new QComboBox(this);
    m_format->addItem(QStringLiteral("bedGraph"), int(TrackFormat::BedGraph));
    m_format->addItem(QStringLiteral("bigWig"), int(TrackFormat::BigWig));
    m_format->addItem(QStringLiteral("binned CSV (GeneID,BinID,value)"),
                      int(TrackFormat::BinnedCsv));
    m_formatHint = new QLabel(this);
    auto* formatRow = formRow(m_format, m_formatHint, false);
    connect(m_format, &QComboBox::activated, this, [this] {
        m_formatHint->setText(QStringLiteral("chosen by hand"));
        updateHints();
    });

    m_name = new QLineEdit(QStringLiteral("H3K27ac"), this);
    m_nameHint = new QLabel(this);
    connect(m_name, &QLineEdit::textChanged, this, &TrackImportDialog::updateHints);
    connect(m_cell, &QComboBox::currentTextChanged, this, &TrackImportDialog::updateHints);

    m_annotation = new QLineEdit(this);
    m_annotation->setPlaceholderText(
        QStringLiteral("default: loci stored with the cell, completed from the bundled table"));
    m_annotation->setToolTip(QStringLiteral(
        "Gene table (TSV: ensembl_id symbol chrom tss strand, plain or .gz) placing bedGraph and "
        "bigWig signal; the genes it lists take its loci. Not used for binned CSV."));
    m_browseAnnotation = new QPushButton(QStringLiteral("Browse…"), this);
    connect(m_browseAnnotation, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getOpenFileName(
            this, QStringLiteral("Gene table"), m_annotation->text(),
            QStringLiteral("Gene tables (*.tsv *.tsv.gz *.txt);;All files (*)"));
        if (!f.isEmpty())
            m_annotation->setText(f);
    });

    form()->addRow(QStringLiteral("Study"), studyLabel);
    form()->addRow(QStringLiteral("Cell type"), m_cell);
    form()->addRow(QStringLiteral("Track file"), formRow(m_file, browseFile));
    form()->addRow(QStringLiteral("Format"), formatRow);
    form()->addRow(QStringLiteral("Track name"), formRow(m_name, m_nameHint));
    form()->addRow(QStringLiteral("Assembly"), buildAssemblyRow());
    form()->addRow(QStringLiteral("Gene loci"), formRow(m_annotation, m_browseAnnotation));
    connect(actionButton(), &QPushButton::clicked, this, [this] { startImport(); });
    setStageText(QStringLiteral("The signal is binned like the marks: 100 bins of 100 bp from "
                                "TSS−5 kb to TSS+5 kb, in each gene's orientation."));
    selectCellAssembly();
    resize(700, 440);
}

QWidget* TrackImportDialog::buildAssemblyRow()
{
    m_assembly = new QComboBox(this);
    for (const QString& a : GenomeAssembly::names())
        m_assembly->addItem(GenomeAssembly::displayName(a), a);
    m_assembly->setToolTip(QStringLiteral(
        "Genome assembly of the track file. A bigWig whose chromosome lengths are another "
        "assembly's is reported; another assembly than the cell's places every gene with the "
        "bundled gene table of the one chosen."));
    m_assemblyHint = new QLabel(this);
    connect(m_assembly, &QComboBox::activated, this, &TrackImportDialog::updateHints);
    connect(m_cell, &QComboBox::currentTextChanged, this, &TrackImportDialog::selectCellAssembly);
    return formRow(m_assembly, m_assemblyHint, false);
}

bool TrackImportDialog::setCell(const QString& cell)
{
    const int i = m_cell->findText(cell);
    if (i < 0)
        return false;
    m_cell->setCurrentIndex(i);
    return true;
}

void TrackImportDialog::setFile(const QString& path)
{
    m_file->setText(path);
    onFileEdited(path);
}

void TrackImportDialog::setFormat(TrackFormat format)
{
    m_format->setCurrentIndex(m_format->findData(int(format)));
    m_formatHint->setText(QStringLiteral("chosen by hand"));
    updateHints();
}

void TrackImportDialog::setTrackName(const QString& name)
{
    m_name->setText(name);
}
void TrackImportDialog::setAnnotationPath(const QString& path)
{
    m_annotation->setText(path);
}

bool TrackImportDialog::setAssembly(const QString& assembly)
{
    const int i = m_assembly->findData(assembly);
    if (i < 0)
        return false;
    m_assembly->setCurrentIndex(i);
    updateHints();
    return true;
}

QString TrackImportDialog::assemblyHint() const
{
    return m_assemblyHint->text();
}

void TrackImportDialog::selectCellAssembly()
{
    const QString recorded = m_assemblies.value(m_cell->currentText());
    const int i =
        m_assembly->findData(recorded.isEmpty() ? GenomeAssembly::defaultName() : recorded);
    m_assembly->setCurrentIndex(std::max(i, 0));
    updateHints();
}

TrackImportRequest TrackImportDialog::request() const
{
    TrackImportRequest r;
    r.studyPath = m_studyPath;
    r.cell = m_cell->currentText();
    r.format = TrackFormat(m_format->currentData().toInt());
    r.file = m_file->text().trimmed();
    r.trackName = m_name->text().trimmed();
    if (r.format != TrackFormat::BinnedCsv) {
        r.annotationPath = m_annotation->text().trimmed();
        r.assembly = m_assembly->currentData().toString();
    }
    return r;
}

bool TrackImportDialog::startImport()
{
    const TrackImportRequest r = request();
    QString problem;
    if (!m_studyError.isEmpty())
        problem = m_studyError;
    else if (r.cell.isEmpty())
        problem = QStringLiteral("%1 has no cell type to add a track to.")
                      .arg(QFileInfo(m_studyPath).fileName());
    else if (r.file.isEmpty())
        problem = QStringLiteral("Choose the track file.");
    else if (!QFileInfo(r.file).isFile())
        problem = QStringLiteral("%1: no such file").arg(r.file);
    else if (r.trackName.isEmpty())
        problem = QStringLiteral("Give the track a name (e.g. H3K27ac).");
    else if (!r.annotationPath.isEmpty() && !QFileInfo(r.annotationPath).isFile())
        problem = QStringLiteral("%1: no such gene table").arg(r.annotationPath);
    if (!problem.isEmpty()) {
        setStageText(problem);
        return false;
    }
    const QString fileName = QFileInfo(r.file).fileName();
    if (!runJob(QStringLiteral("Importing %1 as track %2 of cell %3 (%4)")
                    .arg(fileName, r.trackName, r.cell, m_format->currentText()),
                QStringLiteral("%1: import").arg(fileName), [r](const ProgressCallback& progress) {
                    return jobResult(r, importTrack(r, progress));
                }))
        return false;
    m_running = r;
    return true;
}

void TrackImportDialog::jobSucceeded(const JobResult&)
{
    QStringList& tracks = m_tracks[m_running.cell];
    if (!tracks.contains(m_running.trackName))
        tracks << m_running.trackName;
    updateHints();
    Q_EMIT trackImported(m_running.studyPath, m_running.cell, m_running.trackName);
}

void TrackImportDialog::onFileEdited(const QString& path)
{
    TrackFormat format;
    if (trackFormatFromFileName(path, &format)) {
        m_format->setCurrentIndex(m_format->findData(int(format)));
        m_formatHint->setText(QStringLiteral("from the extension"));
    } else {
        m_formatHint->setText(path.isEmpty() ? QString() : QStringLiteral("check the format"));
    }
    updateHints();
}

void TrackImportDialog::updateHints()
{
    const bool csv = TrackFormat(m_format->currentData().toInt()) == TrackFormat::BinnedCsv;
    m_annotation->setEnabled(!csv);
    m_browseAnnotation->setEnabled(!csv);
    m_assembly->setEnabled(!csv);
    const QString recorded = m_assemblies.value(m_cell->currentText());
    const QString chosen = m_assembly->currentData().toString();
    if (csv)
        m_assemblyHint->setText(QStringLiteral("not used: binned CSV is placed by gene id"));
    else if (recorded.isEmpty())
        m_assemblyHint->setText(QStringLiteral("the study does not record the cell's assembly: "
                                               "%1 assumed (REMC data are hg19)")
                                    .arg(GenomeAssembly::defaultName()));
    else if (chosen != recorded)
        m_assemblyHint->setText(QStringLiteral("the cell's loci are %1: genes placed with the "
                                               "bundled %2 table instead")
                                    .arg(recorded, chosen));
    else
        m_assemblyHint->setText(QStringLiteral("as recorded in the study"));
    const QString name = m_name->text().trimmed();
    const bool replaces = m_tracks.value(m_cell->currentText()).contains(name);
    m_nameHint->setText(replaces ? QStringLiteral("replaces the cell's track of this name")
                                 : QString());
    if (!m_studyError.isEmpty())
        setStageText(m_studyError);
    else if (m_tracks.isEmpty())
        setStageText(QStringLiteral("%1 has no cell type to add a track to.")
                         .arg(QFileInfo(m_studyPath).fileName()));
}

} // namespace ac
