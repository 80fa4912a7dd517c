// attentivechrome-cli pack: a study (of either form) as one self-contained file, to send.
#include "CliCommand.h"
#include "CliSupport.h"

#include "store/StudyFile.h"
#include "store/StudyPacker.h"

#include <QFileInfo>

namespace ac::cli
{

int runPack(const QStringList& args)
{
    const QString cmd = QStringLiteral("pack");
    QCommandLineParser p;
    p.addOption(
        {QStringLiteral("study"), QStringLiteral("The study to pack."), QStringLiteral("FILE")});
    p.addOption({QStringLiteral("out"),
                 QStringLiteral("The one-file study to write (replaced if it exists)."),
                 QStringLiteral("FILE")});
    int code = 0;
    if (!parseArguments(p, cmd,
                        QStringLiteral("Write a study as one self-contained HDF5 file (format "
                                       "version 2) that a colleague can open: every cell type, "
                                       "track, run, result and validation. The study is not "
                                       "changed."),
                        args, &code))
        return code;
    QString error;
    if (!requireOptions(p, {"study", "out"}, &error))
        return fail(cmd, error);
    const QString out = p.value(QStringLiteral("out"));
    if (!StudyPacker::pack(p.value(QStringLiteral("study")), out, &error))
        return fail(cmd, error);
    printLine(QStringLiteral("packed %1 into %2 (%3 MB)")
                  .arg(p.value(QStringLiteral("study")), out)
                  .arg(double(QFileInfo(out).size()) / 1e6, 0, 'f', 1));
    return 0;
}

int runUnpack(const QStringList& args)
{
    const QString cmd = QStringLiteral("unpack");
    QCommandLineParser p;
    p.addOption({QStringLiteral("study"), QStringLiteral("The one-file study to unpack."),
                 QStringLiteral("FILE")});
    int code = 0;
    if (!parseArguments(p, cmd,
                        QStringLiteral("Turn a one-file study (format version 1 or 2, e.g. one "
                                       "made by pack or by an earlier release) into an unpacked "
                                       "study in place: the file becomes an index, with its "
                                       "cell types and runs in the folder <study>.parts beside "
                                       "it. Changes then cost what they write, and several "
                                       "trainings can save at once."),
                        args, &code))
        return code;
    QString error;
    if (!requireOptions(p, {"study"}, &error))
        return fail(cmd, error);
    const QString study = p.value(QStringLiteral("study"));
    if (!StudyPacker::unpack(study, &error))
        return fail(cmd, error);
    const std::unique_ptr<StudyFile> opened = StudyFile::open(study, &error);
    if (!opened)
        return fail(cmd, error);
    printLine(QStringLiteral("unpacked %1: %2 cell type(s) and %3 run(s) in %1.parts")
                  .arg(study)
                  .arg(opened->cellNames().size())
                  .arg(opened->runIds().size()));
    return 0;
}

} // namespace ac::cli
