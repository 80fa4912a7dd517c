#!/usr/bin/env bash
# The cluster workflow without Snakemake: plain Slurm jobs chained by dependencies.
#
#   slurm-array.sh submit --remc ROOT --study FILE [--cells "E003 E116"] \
#       [--variants "attentivechrome lstm"] [--seeds "1 2"] [--epochs 30] [--threads 4] \
#       [--mem-mb 4000] [--time 720] [--cli attentivechrome-cli] [--sbatch "--partition=x"]
#
# submits one import job (the cells into FILE), then one job array with a task per
# cell × variant × seed (`train --run-id`, so a requeued or resubmitted task continues its run),
# then, when every task succeeded, a summary job writing <FILE without .h5>-summary.tsv (the paper's table; seeds averaged).
# Prints the three Slurm job ids. Cells default to every folder of ROOT with classification/.
# `slurm-array.sh train LIST` is what an array task runs (line $SLURM_ARRAY_TASK_ID of LIST).
set -euo pipefail

train_task() { # LIST: lines "cli<TAB>study<TAB>cell<TAB>variant<TAB>seed<TAB>epochs<TAB>threads"
  local line cli study cell variant seed epochs threads
  line=$(sed -n "${SLURM_ARRAY_TASK_ID:?not in a Slurm array task}p" "$1")
  IFS=$'\t' read -r cli study cell variant seed epochs threads <<< "$line"
  exec "$cli" train --study "$study" --cell "$cell" --model "$variant" --seed "$seed" \
    --epochs "$epochs" --threads "$threads" --run-id "$cell-$variant-s$seed"
}

submit() {
  local root="" study="" cells="" variants="attentivechrome lstm-alpha lstm deepchrome cnn-alpha-beta"
  local seeds=1 epochs=30 threads=4 mem=4000 time=720 cli=attentivechrome-cli extra=""
  while [ $# -gt 0 ]; do
    case "$1" in
      --remc) root=$2 ;; --study) study=$2 ;; --cells) cells=$2 ;; --variants) variants=$2 ;;
      --seeds) seeds=$2 ;; --epochs) epochs=$2 ;; --threads) threads=$2 ;; --mem-mb) mem=$2 ;;
      --time) time=$2 ;; --cli) cli=$2 ;; --sbatch) extra=$2 ;;
      *) echo "slurm-array.sh: unknown option $1" >&2; exit 2 ;;
    esac
    shift 2
  done
  [ -d "$root" ] || { echo "slurm-array.sh: --remc $root: no such folder" >&2; exit 2; }
  [ -n "$study" ] || { echo "slurm-array.sh: --study is required" >&2; exit 2; }
  root=$(realpath "$root")
  study=$(realpath -m "$study")
  if [ -z "$cells" ]; then
    cells=$(find "$root" -mindepth 2 -maxdepth 2 -type d -name classification -printf '%h\n' |
      xargs -r -n1 basename | sort | tr '\n' ' ')
  fi
  local c
  for c in $cells; do
    [ "$(printf '%s\n' $cells | grep -cx "$c")" -eq 1 ] ||
      { echo "slurm-array.sh: cell $c is listed twice" >&2; exit 2; }
    [ -d "$root/$c/classification" ] ||
      { echo "slurm-array.sh: $root/$c/classification: no such folder" >&2; exit 2; }
  done
  local list="${study%.h5}-array.tsv" runs="${study%.h5}-runs.txt" v s
  : > "$list"
  : > "$runs"
  for c in $cells; do for v in $variants; do for s in $seeds; do
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$cli" "$study" "$c" "$v" "$s" "$epochs" "$threads" >> "$list"
    echo "$c-$v-s$s" >> "$runs"
  done; done; done
  local n logs="${study%.h5}-logs" import array summary
  n=$(wc -l < "$list")
  mkdir -p "$logs"
  # shellcheck disable=SC2086 # $extra holds several sbatch flags
  import=$(sbatch --parsable $extra -J ac-import -c 1 --mem 4000 -t 60 -o "$logs/import-%j.log" \
    --wrap "$(printf '%q ' "$cli" import "$root" --study "$study" --cell "$(echo $cells | tr ' ' ',')")")
  # shellcheck disable=SC2086
  array=$(sbatch --parsable $extra -J ac-train --dependency="afterok:$import" --array="1-$n" \
    -c "$threads" --mem "$mem" -t "$time" -o "$logs/train-%A_%a.log" "$0" train "$list")
  # shellcheck disable=SC2086
  summary=$(sbatch --parsable $extra -J ac-summary --dependency="afterok:$array" -c 1 \
    --mem 2000 -t 30 -o "$logs/summary-%j.log" \
    --wrap "$(printf '%q ' "$cli" evaluate --study "$study" --summary --runs "@$runs")> $(printf '%q' "${study%.h5}-summary.tsv")")
  echo "import job $import, training array $array (tasks 1-$n), summary job $summary"
}

case "${1:-}" in
  submit) shift; submit "$@" ;;
  train) train_task "$2" ;;
  *) sed -n '2,13p' "$0" >&2; exit 2 ;;
esac
