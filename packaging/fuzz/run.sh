#!/usr/bin/env bash
# Builds the libFuzzer targets (clang-14, ASan + UBSan, build-fuzz), writes their seed corpora with
# the project's own writers (fuzz_make_seeds) and runs each target for SECONDS, one after the
# other. Prints per target the executions, coverage (cov: edges, ft: features) and crashes; exits
# 1 when any target crashed.
#
# Usage: packaging/fuzz/run.sh SECONDS [TARGET...]
#   TARGET: remc_csv binned_csv bedgraph gzip_lines bigwig study weights gene_list session
#           (default: all)
#
# Corpora grow across runs in build-fuzz/corpus-<target> (not in git); crashing inputs go to
# build-fuzz/crashes-<target>/ and reproduce with build-fuzz/packaging/fuzz/fuzz_<target> <file>.
# Extra libFuzzer options can be given in FUZZ_OPTIONS (e.g. FUZZ_OPTIONS=-max_len=65536).
set -euo pipefail
cd "$(dirname "$0")/../.."

all=(remc_csv binned_csv bedgraph gzip_lines bigwig study weights gene_list session)
if [ $# -lt 1 ] || ! [[ $1 =~ ^[0-9]+$ ]]; then
  echo "usage: $0 SECONDS [TARGET...]   (targets: ${all[*]})" >&2
  exit 2
fi
seconds=$1
shift
targets=("${all[@]}")
[ $# -gt 0 ] && targets=("$@")
for t in "${targets[@]}"; do
  if ! [[ " ${all[*]} " == *" $t "* ]]; then
    echo "$0: unknown target '$t' (targets: ${all[*]})" >&2
    exit 2
  fi
done

# libomp-14-dev: the project's configure step finds OpenMP for clang (LibTorch code, not fuzzed).
bash packaging/setup-debian.sh clang-14 libclang-rt-14-dev libomp-14-dev
launcher=()
if command -v ccache >/dev/null; then
  launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
build=build-fuzz
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_C_COMPILER=clang-14 \
  -DCMAKE_CXX_COMPILER=clang++-14 -DAC_FUZZ=ON -DBUILD_TESTING=OFF "${launcher[@]}" >/dev/null
cmake --build "$build" --target fuzz_all -j"${AC_JOBS:-2}"

bin=$build/packaging/fuzz
seeds=$build/fuzz-seeds
rm -rf "$seeds"
"$bin/fuzz_make_seeds" "$seeds"

# UBSan findings stop the input like ASan's (by default UBSan prints and goes on); huge
# allocations asked for by damaged files fail as they would without ASan (std::bad_alloc).
# Leaks inside HDF5 and libBigWig on damaged files are theirs (packaging/sanitizer-leaks.supp).
export ASAN_OPTIONS="allocator_may_return_null=1:detect_leaks=1"
export LSAN_OPTIONS="suppressions=$PWD/packaging/sanitizer-leaks.supp:print_suppressions=0"
export UBSAN_OPTIONS="halt_on_error=1:abort_on_error=1:print_stacktrace=1"

# One line per distinct finding in the reports of the crashing inputs (each run again alone):
# count, kind, the frame it happened in, the first frame of the project's code on the way there.
classify() {
  awk '
    function flush() {
      if (kind != "") print kind " in " (where == "" ? "?" : where) " via " (ours == "" ? "-" : ours)
      kind = "" }
    /ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)/ {
      flush(); kind = $0; sub(/.*(Sanitizer|libFuzzer): /, "", kind)
      sub(/ on .*| after .*| \(.*/, "", kind); where = ""; ours = ""; next }
    / runtime error: / {
      flush(); kind = $0; sub(/.*runtime error: /, "UB: ", kind); kind = substr(kind, 1, 80)
      where = $1; ours = $1; next }
    kind != "" && /^ +#[0-9]+ 0x/ {
      frame = $0; sub(/^ +#[0-9]+ 0x[0-9a-f]+ +/, "", frame); sub(/ \(BuildId.*/, "", frame)
      sub(/^in /, "", frame)
      if (frame ~ /__asan|__lsan|__sanitizer|__interceptor|fuzzer::|__mem|__str|libc\.so|^(malloc|calloc|realloc|free|operator new|operator delete)/) next
      if (where == "") { where = frame; sub(/ \/.*/, "", where); sub(/\(\/.*\//, "(", where); sub(/\+0x[0-9a-f]+\)/, ")", where) }
      if (ours == "" && frame ~ /\/(core|packaging\/fuzz)\/[^ ]*\.(cpp|h):/) { ours = frame; sub(/.* \/.*\/(core|packaging)\//, "", ours) }
      next }
    kind != "" && /^SUMMARY/ { flush() }
    END { flush() }' "$1" | sort | uniq -c | sort -rn
}

summary=()
crashed=0
for t in "${targets[@]}"; do
  corpus=$build/corpus-$t
  crashes=$build/crashes-$t
  log=$build/fuzz-$t.log
  rm -rf "$crashes"
  mkdir -p "$corpus" "$crashes"
  echo "== fuzz_$t: $seconds s (log $log)"
  # Fork mode: a crash is saved and fuzzing goes on, so one run finds every kind of crash.
  # shellcheck disable=SC2086 # FUZZ_OPTIONS is a list of options
  nice -n 19 "$bin/fuzz_$t" "$corpus" "$seeds/$t" -fork=1 -ignore_crashes=1 -ignore_ooms=1 \
    -ignore_timeouts=1 -max_total_time="$seconds" -timeout=30 -rss_limit_mb=3072 \
    -artifact_prefix="$crashes/" ${FUZZ_OPTIONS:-} >"$log" 2>&1 || true
  stats=$(grep -E '^#[0-9]+: cov: ' "$log" | tail -1)
  execs=$(sed -E 's/^#([0-9]+):.*/\1/' <<<"$stats")
  coverage=$(sed -E 's/.*cov: ([0-9]+) ft: ([0-9]+).*/cov \1, ft \2/' <<<"$stats")
  found=$(find "$crashes" -type f | wc -l)
  line="fuzz_$t: ${execs:-?} executions, ${coverage:-no coverage line}, corpus $(find "$corpus" -type f | wc -l) files, $found crashing inputs"
  echo "$line"
  summary+=("$line")
  if [ "$found" -gt 0 ]; then
    crashed=1
    echo "   crashing inputs in $crashes/; findings (count, kind, where, first project frame):"
    for f in $(find "$crashes" -type f | head -50); do
      "$bin/fuzz_$t" -timeout=30 -rss_limit_mb=3072 "$f" 2>&1 || true
    done >"$log.repro" 2>&1
    classify "$log.repro" | sed 's/^/   /'
  fi
  # The scratch inputs left by the inputs that crashed (FuzzSupport.h: inputFile()).
  rm -f /dev/shm/ac-fuzz-*
done

echo "== summary ($seconds s per target)"
printf '%s\n' "${summary[@]}"
exit "$crashed"
