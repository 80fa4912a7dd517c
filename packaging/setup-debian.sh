#!/usr/bin/env bash
# Installs the Debian 12 packages AttentiveChrome Studio needs to build, test and run.
# The one list of packages for the project: the README commands and .ci/run call this script.
# Installs only what is missing; uses sudo when not root.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config clang-format-14 python3
  qt6-base-dev qt6-svg-dev libqt6svg6 qt6-qpa-plugins
  libqcustomplot-dev libqcustomplot2.1-qt6
  libtorch-dev libopenblas0-pthread
  libhdf5-dev hdf5-tools
  libbigwig-dev zlib1g-dev libssl-dev libgl-dev
  xvfb xauth
  # man pages at build time; the install-tree test (packaging/check-install-tree.sh)
  help2man desktop-file-utils appstream shared-mime-info libglib2.0-bin man-db
)
# Tools one script needs beyond these (e.g. build-deb.sh: lintian) are given as arguments.
packages+=("$@")

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  sudo_cmd=(sudo)
fi

echo "Installing missing packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -q
"${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
