#pragma once

#include "SavedSession.h"

#include <QString>

namespace ac
{

/**
 * A session file (File → Save session… / Open session…, `attentivechrome --session FILE`;
 * issue 15, item 6): the window's view of a study as JSON, the part of a SavedSession a
 * colleague can reopen (not the window geometry):
 *
 * `{"format": "attentivechrome-session", "version": 1, "study": "study.h5", "cell": "E123",
 *   "run": "...", "gene": "000003", "geneList": "genes.txt", "tab": 0, "gradient": "Viridis",
 *   "alphaScale": "uniform:5", "attribution": "none", "igBaseline": "zero",
 *   "zoom": [-2000, 2000]}`
 *
 * `gene` is the REMC id, `tab` the index of the window's tab (0 Gene … 5 Heatmap), `igBaseline`
 * the baseline of the gene view's integrated gradients (zero, shuffled, mean), `zoom` the gene
 * view's range in bp from the TSS (left out when not zoomed). Paths are
 * written relative to the session file's folder when they lie in it or below it, so a project
 * folder holding the session, its study and its gene lists can be moved or shared; paths outside
 * it stay absolute. On reading, relative paths are taken from the session file's folder.
 *
 * Stateless; safe from any thread (the checks read the study). Failures return false with
 * `error` naming the session file and the field ("s.json: field 'cell': ..."), or the line of a
 * JSON syntax error ("s.json:3: ..."); nothing is changed then.
 */
class SessionFile
{
public:
    static constexpr int kVersion = 1;

    /// Writes `session` (its study, cell, run, gene, gene list, tab, colour and attribution
    /// settings) to `path` atomically (a temporary file renamed over it).
    static bool write(const QString& path, const SavedSession& session, QString* error);
    /// Reads `path` into `session` (absolute paths); fields missing from the file keep the values
    /// of `session`, except study, which is required.
    static bool read(const QString& path, SavedSession* session, QString* error);
    /**
     * Checks `session` (as read() gave it from `path`) against what it names before a window
     * shows it: the study opens and has the cell, the run belongs to the cell, the cell has the
     * gene, the gene list reads, the tab is one of `tabCount`, the colour map and attribution
     * are known.
     */
    static bool check(const QString& path, const SavedSession& session, int tabCount,
                      QString* error);
};

} // namespace ac
