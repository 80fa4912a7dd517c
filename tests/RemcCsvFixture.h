#pragma once

#include <QByteArray>

namespace ac::testing
{

/// The 100 rows of one gene in a REMC classification CSV (GeneID `id` zero-padded to six
/// digits, bins 1..100, five small counts, the label): valid input for the importers.
inline QByteArray remcGeneRows(int id, int label)
{
    QByteArray out;
    const QByteArray gid = QByteArray::number(id).rightJustified(6, '0');
    for (int b = 1; b <= 100; ++b)
        out += gid + ',' + QByteArray::number(b) + ',' + QByteArray::number(b % 4) + ",1," +
               QByteArray::number(b % 6) + ",3,0," + QByteArray::number(label) + '\n';
    return out;
}

} // namespace ac::testing
