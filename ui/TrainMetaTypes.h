#pragma once

// Training values queued between the GUI and the training thread; declared once, before any
// header that uses them in a signal.
#include "train/Trainer.h"

#include <QMetaType>

Q_DECLARE_METATYPE(ac::TrainRequest)
Q_DECLARE_METATYPE(ac::TrainProgress)
