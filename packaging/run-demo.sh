#!/usr/bin/env bash
# Installs what is missing, builds in Release and starts the GUI on the bundled demo study.
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/setup-debian.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release
cmake --build build -j2
exec build/bin/attentivechrome --demo "$@"
