// Unpacked studies (issue 12): an index whose cell types and runs are part files beside it.
// A change writes only what it changes; editors of different cell types and runs commit
// without waiting for each other; pack and unpack keep everything; missing parts are named.
#include "FileDigest.h"
#include "TrainFixture.h"
#include "store/StudyEditor.h"
#include "store/StudyFile.h"
#include "store/StudyLock.h"
#include "store/StudyPacker.h"
#include "store/StudyParts.h"
#include "store/WriterProcess.h"

#include <H5Cpp.h>
#include <QDir>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

using namespace ac;
using ac::testing::fileDigest;
using ac::testing::makeLearnableCell;

namespace
{

RunRecord makeRun(const QString& id, const QString& cell, int epochs)
{
    RunRecord r;
    r.id = id;
    r.cell = cell;
    r.model.kind = ModelKind::AttentiveChrome;
    r.created = QDateTime(QDate(2026, 12, 3), QTime(12, 0), Qt::UTC);
    r.status = QStringLiteral("running");
    r.bestEpoch = epochs;
    for (int e = 1; e <= epochs; ++e) {
        EpochMetrics m;
        m.epoch = e;
        m.validAuroc = 0.5 + 0.01 * e;
        r.epochs.push_back(m);
    }
    return r;
}

Weights makeWeights(float value)
{
    return {{"w", {2, 2}, {value, value, value, value}}};
}

TrackData makeTrack(const QString& name, int genes, float value)
{
    TrackData t;
    t.name = name;
    t.source = QStringLiteral("test");
    t.values.assign(std::size_t(genes) * 100, value);
    return t;
}

/// The part files of `study` (names relative to its parts folder).
QStringList partFiles(const QString& study)
{
    return QDir(QFileInfo(study).absolutePath() + QLatin1Char('/') + StudyParts::folderName(study))
        .entryList(QDir::Files, QDir::Name);
}

} // namespace

class TestStudyParts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_study = m_dir->filePath(QStringLiteral("s.h5"));
        QString error;
        QVERIFY(StudyEditor::apply(
            m_study,
            [](StudyEditor& e, QString* err) {
                return e.writeCell(makeLearnableCell(QStringLiteral("A"), 6, 3, 3), err) &&
                       e.writeCell(makeLearnableCell(QStringLiteral("B"), 6, 3, 3, 9), err) &&
                       e.writeRun(makeRun(QStringLiteral("rA"), QStringLiteral("A"), 1),
                                  makeWeights(1), makeWeights(1), err);
            },
            &error));
    }

    void newStudyIsAnIndexWithParts()
    {
        QString error;
        const auto study = StudyFile::open(m_study, &error);
        QVERIFY2(study, qPrintable(error));
        QVERIFY(!study->isPacked());
        QCOMPARE(study->formatVersion(), 3);
        QCOMPARE(study->cellNames(), (QStringList{"A", "B"}));
        QCOMPARE(study->runIds(), QStringList{"rA"});
        QCOMPARE(partFiles(m_study).size(), 3);
        CellData a;
        QVERIFY2(study->readCell(QStringLiteral("A"), &a, &error), qPrintable(error));
        QCOMPARE(a.values, makeLearnableCell(QStringLiteral("A"), 6, 3, 3).values);
        // The index is small and holds links only: h5py / h5dump follow them.
        QVERIFY(QFileInfo(m_study).size() < 16 * 1024);
        H5::H5File index(m_study.toStdString(), H5F_ACC_RDONLY);
        H5L_info_t info;
        QVERIFY(H5Lget_info(index.getId(), "cells/A", &info, H5P_DEFAULT) >= 0);
        QCOMPARE(int(info.type), int(H5L_TYPE_EXTERNAL));
    }

    void aChangeWritesOnlyWhatItChanges()
    {
        const QStringList before = partFiles(m_study);
        const QString partOfB = before.filter(QStringLiteral("cell-B-")).value(0);
        const QByteArray digestOfB = fileDigest(QFileInfo(m_study).absolutePath() + "/" +
                                                StudyParts::folderName(m_study) + "/" + partOfB);
        QString error;
        QVERIFY2(StudyEditor::apply(
                     m_study,
                     [](StudyEditor& e, QString* err) {
                         return e.writeTrack(QStringLiteral("A"),
                                             makeTrack(QStringLiteral("H3K27ac"), 12, 2.5f), err);
                     },
                     &error),
                 qPrintable(error));
        const QStringList after = partFiles(m_study);
        // A's part was replaced (the old one waits out the grace period); B's and rA's are the
        // same files, unchanged.
        QCOMPARE(after.size(), before.size() + 1);
        QVERIFY(after.contains(partOfB));
        QCOMPARE(fileDigest(QFileInfo(m_study).absolutePath() + "/" +
                            StudyParts::folderName(m_study) + "/" + partOfB),
                 digestOfB);
        const auto study = StudyFile::open(m_study, &error);
        QVERIFY2(study, qPrintable(error));
        TrackData track;
        QVERIFY2(study->readTrack(QStringLiteral("A"), QStringLiteral("H3K27ac"), &track, &error),
                 qPrintable(error));
        QCOMPARE(track.values.at(17), 2.5f);
    }

    void editorsOfDifferentRunsDoNotConflict()
    {
        QString error;
        auto first = StudyEditor::begin(m_study, &error);
        auto second = StudyEditor::begin(m_study, &error);
        QVERIFY2(first && second, qPrintable(error));
        QVERIFY(first->writeRun(makeRun(QStringLiteral("r1"), QStringLiteral("A"), 2),
                                makeWeights(2), makeWeights(2), &error));
        QVERIFY(second->writeRun(makeRun(QStringLiteral("r2"), QStringLiteral("B"), 3),
                                 makeWeights(3), makeWeights(3), &error));
        QVERIFY(
            second->writeTrack(QStringLiteral("B"), makeTrack(QStringLiteral("t"), 12, 1), &error));
        bool conflict = true;
        QVERIFY2(first->commit(&error, &conflict), qPrintable(error));
        QVERIFY2(second->commit(&error, &conflict), qPrintable(error));
        QVERIFY(!conflict);
        const auto study = StudyFile::open(m_study, &error);
        QVERIFY2(study, qPrintable(error));
        QCOMPARE(study->runIds(), (QStringList{"rA", "r1", "r2"}));
        QCOMPARE(study->trackNames(QStringLiteral("B")), QStringList{"t"});
        RunRecord r2;
        QVERIFY(study->readRun(QStringLiteral("r2"), &r2, &error));
        QCOMPARE(int(r2.epochs.size()), 3);
    }

    void editorsOfTheSameRunConflict()
    {
        const QStringList before = partFiles(m_study);
        QString error;
        auto first = StudyEditor::begin(m_study, &error);
        auto second = StudyEditor::begin(m_study, &error);
        QVERIFY2(first && second, qPrintable(error));
        QVERIFY(first->setRunNote(QStringLiteral("rA"), QStringLiteral("first"), &error));
        QVERIFY(second->setRunNote(QStringLiteral("rA"), QStringLiteral("second"), &error));
        QVERIFY2(first->commit(&error), qPrintable(error));
        bool conflict = false;
        QVERIFY(!second->commit(&error, &conflict));
        QVERIFY(conflict);
        QVERIFY2(error.contains(QStringLiteral("run \"rA\"")), qPrintable(error));
        // The first's new part of rA is added; the refused change left no part behind.
        QCOMPARE(partFiles(m_study).size(), before.size() + 1);
        RunRecord r;
        const auto study = StudyFile::open(m_study, &error);
        QVERIFY(study->readRun(QStringLiteral("rA"), &r, &error));
        QCOMPARE(r.note, QStringLiteral("first"));
    }

    void readersKeepReadingWhileEditorsChange()
    {
        QString error;
        const auto reader = StudyFile::open(m_study, &error);
        QVERIFY2(reader, qPrintable(error));
        RunRecord run;
        CellData cell;
        QVERIFY(reader->readRun(QStringLiteral("rA"), &run, &error));
        QVERIFY(reader->readCell(QStringLiteral("A"), &cell, &error));
        const QString folder =
            QFileInfo(m_study).absolutePath() + "/" + StudyParts::folderName(m_study);
        const QString partOfRun = partFiles(m_study).filter(QStringLiteral("run-rA-")).value(0);
        const QByteArray runBytes = fileDigest(folder + "/" + partOfRun);
        // Reads of parts the reader has open (the run's cell, for the choice) do not open them
        // for writing; the change goes to a copy of the cell's part.
        QVERIFY2(StudyEditor::apply(
                     m_study,
                     [](StudyEditor& e, QString* err) {
                         return e.setActiveRun(QStringLiteral("A"), QStringLiteral("rA"), err) &&
                                e.writeCell(makeLearnableCell(QStringLiteral("A"), 6, 3, 3, 5),
                                            err);
                     },
                     &error),
                 qPrintable(error));
        QCOMPARE(fileDigest(folder + "/" + partOfRun), runBytes);
        CellData again;
        QVERIFY2(reader->readCell(QStringLiteral("A"), &again, &error), qPrintable(error));
        QCOMPARE(again.values, cell.values); // the reader still sees the study it opened
        const auto fresh = StudyFile::open(m_study, &error);
        QVERIFY(fresh->readCell(QStringLiteral("A"), &again, &error));
        QCOMPARE(again.values, makeLearnableCell(QStringLiteral("A"), 6, 3, 3, 5).values);
        RunRecord stale;
        QVERIFY(fresh->readRun(QStringLiteral("rA"), &stale, &error));
        QVERIFY(stale.stale); // trained on the data the import replaced
    }

    void abandonedEditLeavesNoPart()
    {
        const QStringList parts = partFiles(m_study);
        const QByteArray index = fileDigest(m_study);
        {
            QString error;
            auto editor = StudyEditor::begin(m_study, &error);
            QVERIFY(editor->writeCell(makeLearnableCell(QStringLiteral("C"), 3, 3, 3), &error));
            QVERIFY(editor->removeRun(QStringLiteral("rA"), &error));
        }
        QCOMPARE(partFiles(m_study), parts);
        QCOMPARE(fileDigest(m_study), index);
    }

    void removedPartsAreCollectedAfterTheGracePeriod()
    {
        QString error;
        QVERIFY(StudyEditor::apply(
            m_study,
            [](StudyEditor& e, QString* err) { return e.removeRun(QStringLiteral("rA"), err); },
            &error));
        const QString folder =
            QFileInfo(m_study).absolutePath() + "/" + StudyParts::folderName(m_study);
        const QString oldRun = partFiles(m_study).filter(QStringLiteral("run-rA-")).value(0);
        QVERIFY(!oldRun.isEmpty()); // kept: a reader may still open it
        // The index lists it as retired; backdated past the grace period, the next change
        // removes it.
        {
            H5::H5File index(m_study.toStdString(), H5F_ACC_RDWR);
            H5::DataSet retired = index.openDataSet("retired");
            const H5::StrType type = retired.getStrType();
            std::vector<char> text(type.getSize(), '\0');
            retired.read(text.data(), type);
            const QString line = QString::fromUtf8(text.data());
            QVERIFY2(line.endsWith(StudyParts::folderName(m_study) + "/" + oldRun),
                     qPrintable(line));
            const qint64 since = line.section(QLatin1Char(' '), 0, 0).toLongLong();
            QVERIFY(qAbs(since - QDateTime::currentSecsSinceEpoch()) < 60);
            const QByteArray old = QString::number(since - StudyParts::kGraceSeconds - 1).toUtf8() +
                                   ' ' + line.section(QLatin1Char(' '), 1).toUtf8();
            QCOMPARE(old.size(), line.toUtf8().size()); // same width: a 10-digit time
            retired.write(old.constData(), type);
        }
        // A part of a writer that was killed (no such process) goes at once; one of a live
        // writer (this process) stays.
        const QString tag = WriterProcess::currentTag();
        const QString dead = "run-x-0000000000000000." +
                             QString(tag).replace(QRegularExpression("^[0-9]+"), "4194000") + ".h5";
        const QString live = "run-y-0000000000000000." + tag + ".h5";
        for (const QString& name : {dead, live}) {
            QFile f(folder + "/" + name);
            QVERIFY(f.open(QIODevice::WriteOnly));
        }
        QVERIFY(StudyEditor::apply(
            m_study,
            [](StudyEditor& e, QString* err) {
                return e.writeTrack(QStringLiteral("B"), makeTrack(QStringLiteral("t"), 12, 1),
                                    err);
            },
            &error));
        const QStringList after = partFiles(m_study);
        QVERIFY(!after.contains(oldRun));
        QVERIFY(!after.contains(dead));
        QVERIFY(after.contains(live));
        QCOMPARE(after.filter(QStringLiteral("cell-B-")).size(), 2); // B: retired + new
    }

    void missingPartIsNamed()
    {
        const QString folder =
            QFileInfo(m_study).absolutePath() + "/" + StudyParts::folderName(m_study);
        const QString partOfB = partFiles(m_study).filter(QStringLiteral("cell-B-")).value(0);
        QVERIFY(QFile::remove(folder + "/" + partOfB));
        QString error;
        QVERIFY(!StudyFile::open(m_study, &error));
        QVERIFY2(error.contains(QStringLiteral("/cells/B is stored in ")) &&
                     error.contains(partOfB) && error.contains(QStringLiteral("missing")),
                 qPrintable(error));
        QVERIFY(!StudyEditor::begin(m_study, &error));
        QVERIFY2(error.contains(partOfB), qPrintable(error));
    }

    void damagedPartIsNamed()
    {
        const QString folder =
            QFileInfo(m_study).absolutePath() + "/" + StudyParts::folderName(m_study);
        const QString partOfB = partFiles(m_study).filter(QStringLiteral("cell-B-")).value(0);
        QVERIFY(
            QFile::resize(folder + "/" + partOfB, QFileInfo(folder + "/" + partOfB).size() / 2));
        QString error;
        const auto study = StudyFile::open(m_study, &error);
        QVERIFY2(study, qPrintable(error));
        CellData b;
        QVERIFY(!study->readCell(QStringLiteral("B"), &b, &error));
        QVERIFY2(error.startsWith(m_study + QStringLiteral(": the study file's part ") + folder +
                                  "/" + partOfB + QStringLiteral(" is damaged or truncated")),
                 qPrintable(error));
        CellData a; // the other parts read as before
        QVERIFY2(study->readCell(QStringLiteral("A"), &a, &error), qPrintable(error));
    }

    void indexEntryThatIsNoLinkIsNamed()
    {
        const QString path = m_dir->filePath(QStringLiteral("forged.h5"));
        {
            H5::H5File file(path.toStdString(), H5F_ACC_TRUNC);
            const H5::StrType text(H5::PredType::C_S1, 22);
            file.createAttribute("format", text, H5::DataSpace(H5S_SCALAR))
                .write(text, std::string("attentivechrome-study"));
            const std::int64_t three = 3;
            file.createAttribute("format_version", H5::PredType::NATIVE_INT64,
                                 H5::DataSpace(H5S_SCALAR))
                .write(H5::PredType::NATIVE_INT64, &three);
            file.createGroup("cells").createGroup("E003"); // a group, not a link to a part
        }
        QString error;
        QVERIFY(!StudyFile::open(path, &error));
        QVERIFY2(error.startsWith(path) &&
                     error.contains(
                         QStringLiteral("/cells/E003 is not a link to a part file; the index is "
                                        "damaged")),
                 qPrintable(error));
        QVERIFY(!StudyEditor::begin(path, &error)); // never written over
    }

    void lockedStudyIsNamed()
    {
        StudyLock held(m_study);
        QString error;
        QVERIFY(held.acquire(&error, 1000));
        StudyLock second(m_study);
        QVERIFY(!second.acquire(&error, 200));
        QVERIFY2(error.startsWith(m_study + QStringLiteral(": the study is locked by")),
                 qPrintable(error));
    }

    void packAndUnpackKeepEverything()
    {
        QString error;
        QVERIFY(StudyEditor::apply(
            m_study,
            [](StudyEditor& e, QString* err) {
                RunResults res;
                res.geneCount = 12;
                res.p.assign(12, 0.25f);
                res.beta.assign(12 * 5, 0.2f);
                return e.writeTrack(QStringLiteral("A"), makeTrack(QStringLiteral("t"), 12, 4),
                                    err) &&
                       e.writeResults(QStringLiteral("rA"), res, err) &&
                       e.setRunName(QStringLiteral("rA"), QStringLiteral("first try"), err) &&
                       e.setActiveRun(QStringLiteral("A"), QStringLiteral("rA"), err);
            },
            &error));
        const QString packed = m_dir->filePath(QStringLiteral("sent.h5"));
        QVERIFY2(StudyPacker::pack(m_study, packed, &error), qPrintable(error));
        QVERIFY(!StudyPacker::pack(m_study, m_study, &error));
        QVERIFY(error.contains(QStringLiteral("onto itself")));
        {
            const auto one = StudyFile::open(packed, &error);
            QVERIFY2(one, qPrintable(error));
            QVERIFY(one->isPacked());
            QCOMPARE(one->formatVersion(), 2);
            compareWithOriginal(*one);
        }
        // Sent to a colleague: the file alone, in another folder.
        QTemporaryDir elsewhere;
        const QString moved = elsewhere.filePath(QStringLiteral("moved.h5"));
        QVERIFY(QFile::copy(packed, moved));
        QVERIFY2(StudyPacker::unpack(moved, &error), qPrintable(error));
        QVERIFY(!StudyPacker::unpack(moved, &error));
        QVERIFY(error.contains(QStringLiteral("unpacked already")));
        const auto unpacked = StudyFile::open(moved, &error);
        QVERIFY2(unpacked, qPrintable(error));
        QVERIFY(!unpacked->isPacked());
        compareWithOriginal(*unpacked);
        QCOMPARE(partFiles(moved).size(), 3);
    }

    void packedStudiesStayPackedWhenChanged()
    {
        const QString packed = m_dir->filePath(QStringLiteral("one.h5"));
        QString error;
        QVERIFY(StudyPacker::pack(m_study, packed, &error));
        QVERIFY(StudyEditor::apply(
            packed,
            [](StudyEditor& e, QString* err) {
                return e.writeTrack(QStringLiteral("B"), makeTrack(QStringLiteral("t"), 12, 1),
                                    err);
            },
            &error));
        const auto study = StudyFile::open(packed, &error);
        QVERIFY(study->isPacked());
        QCOMPARE(study->trackNames(QStringLiteral("B")), QStringList{"t"});
        QVERIFY(!QFileInfo::exists(packed + QStringLiteral(".parts")));
    }

private:
    void compareWithOriginal(const StudyFile& copy)
    {
        QString error;
        const auto original = StudyFile::open(m_study, &error);
        QVERIFY2(original, qPrintable(error));
        QCOMPARE(copy.cellNames(), original->cellNames());
        QCOMPARE(copy.runIds(), original->runIds());
        CellData a, b;
        QVERIFY(copy.readCell(QStringLiteral("A"), &a, &error));
        QVERIFY(original->readCell(QStringLiteral("A"), &b, &error));
        QCOMPARE(a.values, b.values);
        QCOMPARE(copy.cellDigest(QStringLiteral("A")), original->cellDigest(QStringLiteral("A")));
        TrackData t;
        QVERIFY(copy.readTrack(QStringLiteral("A"), QStringLiteral("t"), &t, &error));
        QCOMPARE(t.values.at(3), 4.0f);
        RunRecord r;
        QVERIFY(copy.readRun(QStringLiteral("rA"), &r, &error));
        QCOMPARE(r.name, QStringLiteral("first try"));
        QCOMPARE(copy.activeRunChoice(QStringLiteral("A")), QStringLiteral("rA"));
        RunResults res;
        QVERIFY(copy.readResults(QStringLiteral("rA"), &res, &error));
        QCOMPARE(res.p.at(5), 0.25f);
        Weights w;
        QVERIFY(copy.readWeights(QStringLiteral("rA"), QStringLiteral("best"), &w, &error));
        QCOMPARE(w.at(0).values.at(0), 1.0f);
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_study;
};

QTEST_GUILESS_MAIN(TestStudyParts)
#include "tst_studyparts.moc"
