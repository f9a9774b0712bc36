#!/usr/bin/env bash
# A simkernel sweep as a Slurm job array: each array task runs one shard of the grid
# (`--shard I/N`, I = $SLURM_ARRAY_TASK_ID, N = $SLURM_ARRAY_TASK_COUNT) on the cores Slurm gave
# it, and a last job merges the shards into exactly the result of the unsharded sweep.
#
#   jid=$(sbatch --parsable docs/slurm-sweep.sh)                 # 8 shards (see --array below)
#   sbatch --dependency=afterok:"$jid" docs/slurm-sweep.sh merge  # then results/all.csv
#
# More shards: `sbatch --array=0-31 docs/slurm-sweep.sh` (indices must run 0..N-1). A task that
# is preempted or requeued resumes: a shard skips the runs already in its files. Run from the
# repository root on a shared file system; everything is set by environment variables:
#   SCENARIO  the scenario            (default examples/experiments/fork-cost.sks)
#   GRID      the -D options          (default the fork-cost grid)
#   SEEDS     replicates              (default 1..20)
#   OUT       the results directory   (default results)
#   SIMKERNEL the command             (default: java -jar cli/target/simkernel.jar)
# Outside Slurm it runs too, for a try: SLURM_ARRAY_TASK_ID=0 SLURM_ARRAY_TASK_COUNT=2 bash $0
#
#SBATCH --job-name=simkernel-sweep
#SBATCH --array=0-7
#SBATCH --cpus-per-task=4
#SBATCH --mem-per-cpu=3G
#SBATCH --time=02:00:00
#SBATCH --requeue
#SBATCH --output=slurm-%x-%A_%a.out
set -euo pipefail

SCENARIO="${SCENARIO:-examples/experiments/fork-cost.sks}"
GRID="${GRID:--D mib=0,16,64,128,256,512,1024 -D fork=classic,ondemand}"
SEEDS="${SEEDS:-1..20}"
OUT="${OUT:-results}"
SIMKERNEL="${SIMKERNEL:-java -Xss4m -jar cli/target/simkernel.jar}"
mkdir -p "$OUT"

if [ "${1:-}" = "merge" ]; then
  # shards that never ran leave no file: merging fewer than all would be a silent partial result
  expected="${SHARDS:-$(ls "$OUT"/shard-*-of-*.csv | sed 's/.*-of-\([0-9]*\)\.csv/\1/' | sort -u)}"
  found=$(ls "$OUT"/shard-*-of-"$expected".csv | wc -l)
  if [ "$found" -ne "$expected" ]; then
    echo "slurm-sweep: $found of $expected shard files in $OUT; not merging" >&2
    exit 1
  fi
  # shellcheck disable=SC2086 # SIMKERNEL is a command line
  exec $SIMKERNEL merge "$OUT"/shard-*-of-"$expected".csv -o "$OUT/all.csv"
fi

i="${SLURM_ARRAY_TASK_ID:?run as a Slurm array task (sbatch), or set SLURM_ARRAY_TASK_ID}"
n="${SLURM_ARRAY_TASK_COUNT:?run as a Slurm array task (sbatch), or set SLURM_ARRAY_TASK_COUNT}"
# shellcheck disable=SC2086 # SIMKERNEL and GRID are lists of words
exec $SIMKERNEL sweep "$SCENARIO" $GRID --seeds "$SEEDS" --shard "$i/$n" \
  -j "${SLURM_CPUS_PER_TASK:-$(nproc)}" --no-progress -o "$OUT/shard-$i-of-$n.csv"
