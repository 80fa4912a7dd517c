// attentivechrome-gui: the desktop application, started by its launcher `attentivechrome`
// (app/launcher) from <prefix>/libexec/attentivechrome.
#include "MainWindow.h"
#include "QuitOnFirstPaint.h"
#include "domain/RuntimeEnvironment.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>

#include <vector>

namespace
{

/// `argv` without "--session FILE" / "--session=FILE" (moved to `session`), null-terminated.
/// QApplication takes "--session" for X11 session management and would remove ours before the
/// parser saw it.
std::vector<char*> withoutSessionOption(int argc, char** argv, QStringList* session)
{
    std::vector<char*> kept;
    for (int i = 0; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if (i > 0 && arg == "--session") {
            *session << QString::fromLocal8Bit(arg);
            if (i + 1 < argc)
                *session << QString::fromLocal8Bit(argv[++i]);
        } else if (i > 0 && arg.startsWith("--session=")) {
            *session << QString::fromLocal8Bit(arg);
        } else {
            kept.push_back(argv[i]);
        }
    }
    kept.push_back(nullptr);
    return kept;
}

} // namespace

int main(int argc, char** argv)
{
    ac::ensureRuntimeEnvironment(argv);
    QStringList sessionArguments;
    std::vector<char*> qtArgv = withoutSessionOption(argc, argv, &sessionArguments);
    int qtArgc = int(qtArgv.size()) - 1;
    QApplication app(qtArgc, qtArgv.data());
    QApplication::setOrganizationName(QStringLiteral("AttentiveChromeStudio"));
    QApplication::setApplicationName(QStringLiteral("AttentiveChrome Studio"));
    QApplication::setApplicationVersion(QStringLiteral(PROJECT_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Browse genes, histone-mark signals and AttentiveChrome attention."));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption demo(QStringLiteral("demo"), QStringLiteral("Open the bundled demo study."));
    QCommandLineOption study(QStringLiteral("study"), QStringLiteral("Open the study FILE."),
                             QStringLiteral("FILE"));
    QCommandLineOption session(
        QStringLiteral("session"),
        QStringLiteral("Open the session FILE (study, cell type, run, gene, gene list, tab)."),
        QStringLiteral("FILE"));
    // For `attentivechrome-cli bench start`, not for users.
    QCommandLineOption quitAfterPaint(QStringLiteral("quit-after-first-paint"),
                                      QStringLiteral("Quit once the window has been painted."));
    quitAfterPaint.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(demo);
    parser.addOption(study);
    parser.addOption(session);
    parser.addOption(quitAfterPaint);
    // The desktop entry's "Exec=attentivechrome %f": a study file opened from the file manager.
    parser.addPositionalArgument(QStringLiteral("file"),
                                 QStringLiteral("Open the study FILE (as --study)."),
                                 QStringLiteral("[file]"));
    parser.process(QCoreApplication::arguments() + sessionArguments);
    const QString file =
        parser.isSet(study) ? parser.value(study) : parser.positionalArguments().value(0);

    ac::QuitOnFirstPaint quitOnFirstPaint;
    if (parser.isSet(quitAfterPaint))
        app.installEventFilter(&quitOnFirstPaint);
    ac::MainWindow window;
    window.show();
    if (parser.isSet(session)) {
        window.openSessionFile(parser.value(session));
    } else if (!file.isEmpty()) {
        window.openStudy(file);
    } else if (!parser.isSet(demo) && !window.restoreSession() && !window.lastError().isEmpty()) {
        // The last study cannot be read: say why, draw nothing, keep the session (issue 14).
        QMessageBox::critical(&window, QStringLiteral("Open study"), window.lastError());
    } else if (parser.isSet(demo) || window.studyPath().isEmpty()) {
        // First start (or --demo): the bundled demo, copied so the bundle stays untouched.
        const QString path = ac::MainWindow::prepareDemoStudy();
        if (!path.isEmpty())
            window.openStudy(path);
        else if (parser.isSet(demo))
            QMessageBox::warning(&window, window.windowTitle(),
                                 QStringLiteral("No bundled demo study was found."));
    }
    return QApplication::exec();
}
