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
# Keep every finding as a fixture (tests/data/bad/fuzz_<what>.yaml and its
# .expected, after fixing the loader). Exit status: non-zero if a target
# found a problem.
set -uo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-fuzz}
runs=${2:-1000000}
seconds=${3:-}
seeds=(scenarios tests/data/bad fuzz/seeds)
declare -A extra_seeds=([overlay_fuzzer]="fuzz/overlay_seeds tests/data/bad_overlays")
pids=()
for target in scenario_loader_fuzzer overlay_fuzzer; do
  binary="$build/fuzz/$target"
  [ -x "$binary" ] || { echo "long_run: no $binary (build the 'fuzz' preset first)" >&2; exit 2; }
  # shellcheck disable=SC2206  # the extra seed folders are space-separated on purpose
  target_seeds=("${seeds[@]}" ${extra_seeds[$target]:-})
  echo "long_run: $target, $runs executions, log $build/fuzz/$target-long.log"
  (
    TIMEFORMAT="long_run: $target CPU time: user %U s, system %S s, wall %R s"
    time FLOWSIM_FUZZ_MAX_SECONDS="$seconds" nice -n 19 bash fuzz/run_fuzzer.sh "runs=$runs" \
      "$binary" "$build/fuzz/$target-long" fuzz/scenario.dict "${target_seeds[@]}"
  ) > "$build/fuzz/$target-long.log" 2>&1 &
  pids+=($!)
done
status=0
for pid in "${pids[@]}"; do wait "$pid" || status=1; done
for target in scenario_loader_fuzzer overlay_fuzzer; do
  echo "== $target"
  grep -E 'stat::number_of_executed_units|stat::average_exec_per_sec|run_fuzzer:|long_run:' \
    "$build/fuzz/$target-long.log" || tail -n 3 "$build/fuzz/$target-long.log"
done
exit "$status"
