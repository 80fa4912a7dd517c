#include "data/PrintableText.h"

#include <QList>

namespace ac
{

namespace
{

QString escaped(uint code)
{
    switch (code) {
    case '\r':
        return QStringLiteral("\\r");
    case '\n':
        return QStringLiteral("\\n");
    case '\t':
        return QStringLiteral("\\t");
    default:
        return QStringLiteral("\\x%1").arg(code, 2, 16, QLatin1Char('0'));
    }
}

bool isControl(char32_t c)
{
    return c < 0x20 || (c >= 0x7f && c < 0xa0) || c == 0x2028 || c == 0x2029;
}

} // namespace

QString printableText(const QString& text)
{
    QString out;
    out.reserve(text.size());
    for (const uint c : text.toUcs4()) {
        const auto code = static_cast<char32_t>(c);
        out += isControl(code) ? escaped(c) : QString::fromUcs4(&code, 1);
    }
    return out;
}

QString printableText(const QByteArray& text)
{
    const QString decoded = QString::fromUtf8(text);
    if (decoded.toUtf8() == text)
        return printableText(decoded);
    // Not UTF-8: ASCII as text, every other byte as \xNN.
    QString out;
    for (const char byte : text) {
        const auto b = static_cast<unsigned char>(byte);
        out += b >= 0x80 ? escaped(b) : printableText(QString(QLatin1Char(byte)));
    }
    return out;
}

} // namespace ac
