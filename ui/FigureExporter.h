#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

class QMenu;
class QTabWidget;
class QTextStream;
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
 * for a DPI and a file name; results and errors end in a message box or statusMessage().
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
    /// a file (and a DPI for PNG).
    void exportGene(const QString& format);
    /// Asks for a DPI (PNG) and a base file name, then exportTabFigures().
    void exportTabDialog(const QString& format);
    /// Asks for a gene list, a format and a folder; writes one figure per listed gene.
    void exportBatch();
    /// See MainWindow::exportTabFigures().
    bool exportTabFigures(const QString& format, const QString& base, int dpi, QStringList* written,
                          QString* error) const;

Q_SIGNALS:
    void statusMessage(const QString& text, int timeoutMs);

private:
    /// Asks for a PNG resolution; false when cancelled. Other formats get 300 at once.
    bool askDpi(const QString& format, int* dpi);
    /// Writes the figures of the genes listed in `in` (read from file `list`) into `dir`;
    /// returns the count written.
    int writeBatch(QTextStream& in, const QString& list, const QString& format, const QString& dir,
                   QStringList* problems);

    QWidget* m_parent;
    ExportedViews m_views;
    StudySession* m_session;
};

} // namespace ac
