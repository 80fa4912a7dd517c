#include "store/WeightsFile.h"

#include "domain/ReplaceFile.h"
#include "store/Hdf5Io.h"

#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <stdexcept>

namespace ac
{

namespace
{
constexpr char kGroup[] = "weights";
}

bool readWeightsFile(const QString& path, Weights* out, QString* error)
{
    H5::Exception::dontPrint();
    if (!QFileInfo::exists(path)) {
        *error = QStringLiteral("%1: no such file").arg(path);
        return false;
    }
    try {
        if (!H5::H5File::isHdf5(h5::utf8(path))) {
            *error = QStringLiteral("%1: not an HDF5 file").arg(path);
            return false;
        }
        H5::H5File file(h5::utf8(path), H5F_ACC_RDONLY);
        if (!h5::exists(file, kGroup)) {
            *error = QStringLiteral("%1: no group /%2 (one dataset per parameter is expected "
                                    "there)")
                         .arg(path, QLatin1String(kGroup));
            return false;
        }
        Weights w = h5::readWeightsGroup(file.openGroup(kGroup));
        if (w.empty()) {
            *error = QStringLiteral("%1: /%2 holds no parameters").arg(path, QLatin1String(kGroup));
            return false;
        }
        *out = std::move(w);
        return true;
    } catch (const H5::Exception& e) {
        *error = QStringLiteral("%1: /%2: %3").arg(path, QLatin1String(kGroup), h5::describe(e));
    } catch (const std::exception& e) {
        *error = QStringLiteral("%1: /%2: %3")
                     .arg(path, QLatin1String(kGroup), QString::fromUtf8(e.what()));
    }
    return false;
}

bool writeWeightsFile(const QString& path, const Weights& weights, QString* error)
{
    H5::Exception::dontPrint();
    const QString temp =
        QStringLiteral("%1.%2.tmp").arg(path).arg(QRandomGenerator::system()->generate64(), 0, 16);
    try {
        {
            H5::H5File file(h5::utf8(temp), H5F_ACC_EXCL, H5::FileCreatPropList::DEFAULT,
                            h5::checksummedFormat());
            H5::Group root = file.openGroup("/");
            H5::Group g = h5::openOrCreateGroup(root, kGroup);
            h5::writeWeightsGroup(g, weights);
        }
        return replaceFile(temp, path, error);
    } catch (const H5::Exception& e) {
        *error = QStringLiteral("%1: %2").arg(path, h5::describe(e));
    } catch (const std::exception& e) {
        *error = QStringLiteral("%1: %2").arg(path, QString::fromUtf8(e.what()));
    }
    QFile::remove(temp);
    return false;
}

} // namespace ac
