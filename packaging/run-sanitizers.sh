#!/usr/bin/env bash
# The whole test suite built with AddressSanitizer and UndefinedBehaviorSanitizer (gcc, the
# project's CMake option AC_SANITIZE) in build-asan; any sanitizer report fails its test.
#
# Usage: packaging/run-sanitizers.sh [ctest arguments, e.g. -R 'trackimport|studyfile']
# AC_JOBS sets the build's parallel jobs (default 2).
#
# Only the project's code is instrumented (LibTorch, Qt, HDF5, libBigWig, OpenMP are Debian's).
# Leak checking stays on; packaging/sanitizer-leaks.supp silences leaks whose allocation stack
# lies wholly in those third-party libraries (their caches and thread pools live until exit).
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/setup-debian.sh

launcher=()
if command -v ccache >/dev/null; then
  launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Release -DAC_SANITIZE=ON "${launcher[@]}"
cmake --build build-asan -j"${AC_JOBS:-2}"
echo "run-sanitizers: build took ${SECONDS} s"

# halt_on_error: the first report ends the test with a failure (UBSan would otherwise only
# print and go on). The tests start attentivechrome-cli; it inherits these settings.
export ASAN_OPTIONS="halt_on_error=1:abort_on_error=1:detect_leaks=1"
export LSAN_OPTIONS="suppressions=$PWD/packaging/sanitizer-leaks.supp:print_suppressions=0"
export UBSAN_OPTIONS="halt_on_error=1:abort_on_error=1:print_stacktrace=1"
# Qt Test's watchdog ends a test function after 5 minutes; sanitized GUI tests beside a busy
# neighbour (cluster_slurm) took longer, so give them 30 (the CTest timeout grows the same way).
export QTEST_FUNCTION_TIMEOUT=1800000
start=$SECONDS
status=0
ctest --test-dir build-asan --output-on-failure -j2 "$@" || status=$?
echo "run-sanitizers: tests took $((SECONDS - start)) s"
exit "$status"
