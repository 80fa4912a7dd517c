#pragma once

#include "FigureSize.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <vector>

class QMenu;
class QTabWidget;
class QWidget;

namespace ac
{

class CompareView;
class EvaluationView;
class GeneView;
class StudySession;
class TrainingView;
class ValidationTab;

/// The window's views an export draws from (not owned).
struct ExportedViews {
    QTabWidget* tabs = nullptr;
    GeneView* gene = nullptr;
    CompareView* compare = nullptr;
    TrainingView* training = nullptr;
    EvaluationView* evaluation = nullptr;
    ValidationTab* validation = nullptr;
};

/**
 * The window's four export paths: the shown gene panel (PNG/SVG/PDF, or its numbers as TSV),
 * the current tab's figures, and a batch of genes from a list file. The dialog-driven ones ask
 * for a figure size (FigureSizeDialog: width, height, font size, DPI; the same physical size for
 * every format, remembered for the next export) and a file name whose default carries the cell
 * and the run; tab figures are titled with the cell and the run. Results and errors end in a
 * message box or statusMessage().
 *
 * GUI thread only. Owns nothing: the views and the session belong to the window and must
 * outlive this object.
 */
class FigureExporter : public QObject
{
    Q_OBJECT
public:
    FigureExporter(QWidget* dialogParent, const ExportedViews& views, StudySession* session);

    /// Adds the export actions (gene panel, current tab's figures, batch) to `menu`.
    void addActions(QMenu* menu);

    /// Exports the shown gene panel in `format` ("png", "svg", "pdf" or "tsv") after asking for
    /// a size (not for TSV) and a file.
    void exportGene(const QString& format);
    /// Asks for a size and a base file name, then exportTabFigures().
    void exportTabDialog(const QString& format);
    /// Asks for a gene list, a format, a size and a folder; writes one figure per listed gene.
    void exportBatch();
    /// Writes the current tab's figures to `base`-<figure>.`format`, titled with the cell and
    /// the run. `size`: its width (0: each figure as on screen), font size and DPI apply to every
    /// figure, each keeping its proportions. See MainWindow::exportTabFigures().
    bool exportTabFigures(const QString& format, const QString& base, const FigureSize& size,
                          QStringList* written, QString* error) const;
    /// "<what>_<cell>_<run>" for default file names, unsafe characters replaced.
    QString defaultStem(const QString& what) const;

Q_SIGNALS:
    void statusMessage(const QString& text, int timeoutMs);

private:
    /// Asks for the size of a figure shown at `shownPixels`; false when cancelled.
    bool askSize(const QString& format, QSize shownPixels, bool askHeight, FigureSize* size);
    /// "cell E123 · run r1" (what is known of it).
    QString cellAndRun() const;
    /// Writes the figures of `genes` (indices into the current cell) into `dir`; returns the
    /// count written.
    int writeBatch(const std::vector<int>& genes, const QString& format, const FigureSize& size,
                   const QString& dir, QStringList* problems);

    QWidget* m_parent;
    ExportedViews m_views;
    StudySession* m_session;
    FigureSize m_last; ///< the previous export's choice; width 0 before the first
};

} // namespace ac
