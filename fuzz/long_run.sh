#!/usr/bin/env bash
# The long fuzz run (docs/hardening.md, "Long fuzz run"): every libFuzzer
# target for RUNS executions (default 1,000,000), the targets side by side,
# each at the lowest CPU priority so that it can run in the background of a
# shared machine. Needs the fuzz build (cmake --preset fuzz && cmake --build
# --preset fuzz). Usage, from the source tree:
#   bash fuzz/long_run.sh [BUILD_DIR (default build-fuzz)] [RUNS] [SECONDS]
# With SECONDS, each target also stops after that much wall time (whichever
# comes first), for a run that must end at a set hour.
# Each target's corpus and findings go to BUILD_DIR/fuzz/<target>-long/ and
# its log to BUILD_DIR/fuzz/<target>-long.log; the last lines of each log
# give the executions done (stat::number_of_executed_units), any finding,
# and the CPU time the target used (to give executions a CPU-second).
# On a shared machine, where the niced fuzzers get a fraction of a core, set
# FLOWSIM_FUZZ_TIMEOUT (seconds before an input counts as a hang, default 30)
# so that slowness is not reported as a hang.
# FLOWSIM_FUZZ_TARGETS (default: both) names the targets to run, space-
# separated. FLOWSIM_FUZZ_WORKERS (default 1) runs each target as that many
# processes on one shared corpus, each doing RUNS / WORKERS executions (and
# picking up the others' new inputs as it goes), so that the RUNS are shared
# out over the cores: worker W logs to <target>-long-W.log.
# Keep every finding as a fixture (tests/data/bad/fuzz_<what>.yaml and its
# .expected, after fixing the loader). Exit status: non-zero if a target
# found a problem.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 2
build=${1:-build-fuzz}
runs=${2:-1000000}
seconds=${3:-}
seeds=(scenarios tests/data/bad fuzz/seeds)
declare -A extra_seeds=([overlay_fuzzer]="fuzz/overlay_seeds tests/data/bad_overlays")
read -r -a targets <<< "${FLOWSIM_FUZZ_TARGETS:-scenario_loader_fuzzer overlay_fuzzer}"
workers=${FLOWSIM_FUZZ_WORKERS:-1}
[[ "$workers" =~ ^[1-9][0-9]*$ ]] || { echo "long_run: FLOWSIM_FUZZ_WORKERS must be a whole number >= 1" >&2; exit 2; }
logs=()
pids=()
for target in "${targets[@]}"; do
  binary="$build/fuzz/$target"
  [ -x "$binary" ] || { echo "long_run: no $binary (build the 'fuzz' preset first)" >&2; exit 2; }
  # shellcheck disable=SC2206  # the extra seed folders are space-separated on purpose
  target_seeds=("${seeds[@]}" ${extra_seeds[$target]:-})
  for worker in $(seq 1 "$workers"); do
    log="$build/fuzz/$target-long.log"
    [ "$workers" -gt 1 ] && log="$build/fuzz/$target-long-$worker.log"
    echo "long_run: $target, $((runs / workers)) executions, log $log"
    (
      TIMEFORMAT="long_run: $target CPU time: user %U s, system %S s, wall %R s"
      time FLOWSIM_FUZZ_MAX_SECONDS="$seconds" nice -n 19 bash fuzz/run_fuzzer.sh "runs=$((runs / workers))" \
        "$binary" "$build/fuzz/$target-long" fuzz/scenario.dict "${target_seeds[@]}"
    ) > "$log" 2>&1 &
    pids+=($!)
    logs+=("$log")
  done
done
status=0
for pid in "${pids[@]}"; do wait "$pid" || status=1; done
for log in "${logs[@]}"; do
  echo "== $log"
  grep -E 'stat::number_of_executed_units|stat::average_exec_per_sec|run_fuzzer:|long_run:' "$log" ||
    tail -n 3 "$log"
done
exit "$status"
