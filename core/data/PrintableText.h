#pragma once

#include <QByteArray>
#include <QString>

namespace ac
{

/**
 * `text` (UTF-8) as an error message may quote it: control characters become escapes (`\r`,
 * `\n`, `\t`, `\x1b`, ...) and bytes that are not UTF-8 become `\xNN`, so that a stray carriage
 * return or escape sequence in an input file cannot garble the terminal or the message
 * (issue 13, finding 12). Printable text, including non-ASCII letters, is kept as it is.
 * Stateless, safe from any thread.
 */
QString printableText(const QByteArray& text);
/// The same for text already decoded.
QString printableText(const QString& text);

} // namespace ac
