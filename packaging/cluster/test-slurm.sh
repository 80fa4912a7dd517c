#!/usr/bin/env bash
# Runs the cluster workflow for real on this machine: installs Slurm, munge and snakemake when
# missing, starts a one-node Slurm (local-slurm.sh), runs the workflow through profiles/slurm on
# 3 simulated cell types × 2 variants, checks the summary table, the study's 6 runs and that a
# rerun has nothing to do, dry-runs a 56-cell configuration, and stops the daemons it started.
#
#   sudo packaging/cluster/test-slurm.sh [CLI]     (default CLI: build/bin/attentivechrome-cli)
#
# Needs root (slurmd). Exit 0 when every check passes; the output shows the jobs Slurm ran.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
cli=$(realpath -m "${1:-$top/build/bin/attentivechrome-cli}")

if [ "$(id -u)" -ne 0 ]; then
  echo "test-slurm.sh: needs root (it starts slurmctld and slurmd)" >&2
  exit 77
fi
bash "$top/packaging/setup-debian.sh" snakemake slurm-wlm munge
if [ ! -x "$cli" ]; then
  echo "test-slurm.sh: $cli: no such program; build it first" >&2
  exit 1
fi

work=$(mktemp -d /tmp/ac-slurm-test.XXXXXX)
cleanup() {
  bash "$here/local-slurm.sh" stop "$work/slurm"
  rm -rf "$work"
}
trap cleanup EXIT
eval "$(bash "$here/local-slurm.sh" start "$work/slurm")"
export USER=${USER:-$(id -un)}
fail() {
  echo "test-slurm.sh: FAILED: $*" >&2
  exit 1
}

cd "$work"
"$cli" simulate --cells 3 --genes 400 --seed 2 --remc-out remc
cat > config.yaml <<CONFIG
remc_root: remc
variants: [attentivechrome, lstm]
seeds: [1]
epochs: 2
threads: 1
cli: $cli
track: {file: "remc/{cell}/H3K27ac.csv", format: csv, name: H3K27ac, methods: saliency}
resources:
  import: {mem_mb: 1000, runtime: 10}
  train: {mem_mb: 2000, runtime: 30}
  evaluate: {mem_mb: 1000, runtime: 10}
  validate: {mem_mb: 2000, runtime: 10}
CONFIG

echo "== snakemake --profile profiles/slurm: 3 cells × 2 variants"
snakemake -s "$here/Snakefile" --configfile config.yaml --profile "$here/profiles/slurm" \
  > workflow.log 2>&1 || { tail -40 workflow.log; fail "the workflow failed"; }
submitted=$(grep -c "has been submitted with SLURM jobid" workflow.log || true)
echo "jobs submitted through sbatch: $submitted"
echo "== jobs as Slurm saw them (scontrol)"
scontrol show job -o | sed -E 's/^JobId=([0-9]+) JobName=([^ ]+) .*JobState=([A-Z_]+) .*/\1\t\2\t\3/' |
  sort -n | tee jobs.tsv
[ "$submitted" -eq 25 ] || fail "expected 25 jobs submitted (3 imports, 3 track imports, 6 trainings, 6 evaluations, 6 validations, 1 summary), saw $submitted"
[ "$(grep -c -v -P '\tCOMPLETED$' jobs.tsv)" -eq 0 ] || fail "a Slurm job did not complete"

echo "== results/summary.tsv"
cat results/summary.tsv
head -1 results/summary.tsv | grep -qP '^cell\tattentivechrome\tlstm$' || fail "summary header"
[ "$(grep -cP '^SimCell[123]\t0\.[0-9]{4}\t0\.[0-9]{4}$' results/summary.tsv)" -eq 3 ] ||
  fail "summary: expected a test AUROC per cell and variant"
grep -qP '^attentivechrome\t3\t' results/summary.tsv || fail "summary: attentivechrome row"
grep -qP '^lstm\t3\t' results/summary.tsv || fail "summary: lstm row"

echo "== the study the GUI opens"
"$cli" info results/study.h5 | tee info.txt | grep "  run " | tee runs.txt
grep -q "(unpacked: an index and the folder study.h5.parts)" info.txt ||
  fail "the workflow's study should be unpacked"
[ "$(grep -c ': complete, 2 epochs' runs.txt)" -eq 6 ] || fail "the study should hold 6 complete runs"
for run in $(cat results/runs.txt); do
  [ -s "results/validate/$run/agreement.tsv" ] || fail "no validation table for $run"
done

echo "== a rerun"
snakemake -s "$here/Snakefile" --configfile config.yaml --profile "$here/profiles/slurm" \
  > rerun.log 2>&1 || fail "the rerun failed"
grep -q "Nothing to be done" rerun.log || fail "the rerun did work again"
echo "nothing to be done"

echo "== plain Slurm without snakemake (slurm-array.sh): 3 cells × deepchrome"
mkdir array
bash "$here/slurm-array.sh" submit --remc remc --study array/study.h5 --variants deepchrome \
  --epochs 1 --threads 1 --mem-mb 1000 --time 10 --cli "$cli"
for _ in $(seq 300); do
  [ -z "$(squeue -h)" ] && break
  sleep 1
done
[ -z "$(squeue -h)" ] || fail "slurm-array.sh: jobs still queued after 5 minutes"
cat array/study-summary.tsv || fail "slurm-array.sh: no summary"
[ "$(grep -cP '^SimCell[123]\t0\.[0-9]{4}$' array/study-summary.tsv)" -eq 3 ] ||
  fail "slurm-array.sh: expected a test AUROC per cell"

echo "== dry run: 56 cell types × 5 variants × 2 seeds"
for i in $(seq -w 1 56); do mkdir -p "remc56/Cell$i/classification"; done
cat > config56.yaml <<CONFIG
remc_root: remc56
seeds: [1, 2]
cli: $cli
CONFIG
snakemake -s "$here/Snakefile" --configfile config56.yaml --profile "$here/profiles/slurm" -n \
  > dryrun.log 2>&1 || { tail -20 dryrun.log; fail "the dry run failed"; }
sed -n '/^Job stats:/,/^total/p' dryrun.log
grep -qP '^train\s+560\s' dryrun.log || fail "dry run: expected 560 training jobs"

echo "== a cell listed twice stops the workflow before anything runs"
printf 'cells: [Cell01, Cell02, Cell01]\n' >> config56.yaml
if snakemake -s "$here/Snakefile" --configfile config56.yaml --profile "$here/profiles/slurm" -n \
  > twice.log 2>&1; then fail "a cell listed twice was accepted"; fi
grep -m1 -o "config56.yaml: cells: 'Cell01' is listed twice" twice.log ||
  { tail -5 twice.log; fail "no message naming the config and the cell"; }
echo "test-slurm.sh: passed"
