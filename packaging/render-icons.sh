#!/usr/bin/env bash
# Renders the hicolor PNG icons (resources/icons/attentivechrome-<size>.png, committed) from
# resources/attentivechrome.svg. Run it after changing the SVG; needs rsvg-convert
# (Debian librsvg2-bin, installed when missing). The build itself needs no SVG renderer.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v rsvg-convert >/dev/null; then
  sudo_cmd=()
  [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends librsvg2-bin
fi
# The sizes packaging/CMakeLists.txt installs (AC_ICON_SIZES).
for size in 16 24 32 48 64 128 256 512; do
  rsvg-convert -w "$size" -h "$size" resources/attentivechrome.svg \
    -o "resources/icons/attentivechrome-$size.png"
done
