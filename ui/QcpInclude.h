#pragma once

// qcustomplot.h uses the Qt keywords (signals, slots, emit, foreach) that the project disables
// with QT_NO_KEYWORDS; map them to the macro spellings for this header only.
#ifdef QT_NO_KEYWORDS
#define signals Q_SIGNALS
#define slots Q_SLOTS
#define emit Q_EMIT
#define foreach Q_FOREACH
#include <qcustomplot.h>
#undef signals
#undef slots
#undef emit
#undef foreach
#else
#include <qcustomplot.h>
#endif
