#pragma once

#include "interpret/Validator.h"

#include <QStringList>
#include <QWidget>

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QScrollArea;

namespace ac
{

class JobController;
struct JobResult;
class ValidationView;

/**
 * The "Validation" tab: validates the selected run against a track of its cell (Validator in a
 * JobController worker thread, with progress and Cancel) and shows the report in a
 * ValidationView whose per-gene overlay follows the gene selected in the main window. When the
 * cell has no track it says so and how to add one. Integrated gradients integrate from the chosen
 * baseline (zero, the gene's bins shuffled, the training mean); every validation also finds the
 * class-optimal ON and OFF inputs (issue 15).
 *
 * With a gene list (setGeneList(), the study dock's), the genes validated are the split's or
 * only the listed ones among them, as chosen beside the split (issue 15).
 *
 * Every finished validation is stored with its run (ValidationArchive, in the worker thread);
 * when the context (study, cell, run) or the chosen track, split or genes change, the stored
 * report for them is shown again (issue 14, item 2), else the view is cleared.
 *
 * GUI thread only. Owns its controller and view. Changing the context cancels a running
 * validation.
 */
class ValidationTab : public QWidget
{
    Q_OBJECT
public:
    explicit ValidationTab(QWidget* parent = nullptr);
    ~ValidationTab() override;

    /// The study, cell, run (may be empty) and the cell's track names (may be empty).
    void setContext(const QString& studyPath, const QString& cell, const QString& runId,
                    const QStringList& trackNames);
    /// The request start() sends for the current context and choices.
    ValidationRequest request() const;
    /// Starts the validation; false when there is no run or track or one is running.
    bool start();
    void cancel();
    bool isRunning() const;
    /// Follows the main window's gene (index into the cell's genes).
    void setGene(int cellGene);
    /// The study dock's gene list: its name and the REMC ids of its genes in the cell; empty
    /// `geneIds` remove the choice (every gene of the split is validated).
    void setGeneList(const QString& name, const QStringList& geneIds);
    /// Chooses the listed genes only (true, when a list is set) or the whole split.
    void setListedGenesOnly(bool listed);

    ValidationView* view() const { return m_view; }
    QLabel* messageLabel() const { return m_message; }

Q_SIGNALS:
    /// A validation ended; `error` is empty when it succeeded.
    void validationFinished(bool ok, const QString& error);

private:
    void onFinished(const JobResult& result);
    void updateControls();
    void followGene();
    /// Shows the stored report of the run for the chosen track and split, or clears the view.
    void showStored();

    JobController* m_controller = nullptr;
    ValidationView* m_view = nullptr; // inside m_scroll
    QScrollArea* m_scroll = nullptr;
    QLabel* m_message = nullptr;
    QComboBox* m_trackBox = nullptr;
    QComboBox* m_splitBox = nullptr;
    QComboBox* m_listBox = nullptr; ///< the split's genes, or only the gene list's
    QComboBox* m_methodsBox = nullptr;
    QComboBox* m_baselineBox = nullptr; ///< integrated gradients' baseline (IgBaselineKind)
    QPushButton* m_runButton = nullptr;
    QPushButton* m_cancelButton = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_progressText = nullptr;
    QString m_study;
    QString m_cell;
    QString m_runId;
    int m_gene = -1;
    QString m_listName;
    QStringList m_listedGenes; ///< sorted REMC ids of the gene list; empty without one
};

} // namespace ac
