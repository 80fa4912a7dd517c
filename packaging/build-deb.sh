#!/usr/bin/env bash
# Builds the Debian packages in build-deb/ and checks them (packaging/check-deb.sh):
#   attentivechrome-cli_<version>-1_<arch>.deb  the command-line program (headless nodes)
#   attentivechrome_<version>-1_<arch>.deb      the desktop application (depends on the first)
# Installs what is missing (the project's packages, and lintian for the check), configures a
# Release build with the prefix /usr and makes the packages with CPack (packaging/CMakeLists.txt).
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/setup-debian.sh dpkg-dev file lintian
launcher=()
if command -v ccache >/dev/null; then
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
cmake -S . -B build-deb -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr \
  -DBUILD_TESTING=OFF "${launcher[@]}"
cmake --build build-deb -j2
rm -f build-deb/*.deb
(cd build-deb && cpack -G DEB)
bash packaging/check-deb.sh build-deb
