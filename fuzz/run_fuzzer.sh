#!/usr/bin/env bash
# Runs one libFuzzer target for ctest (fuzz/CMakeLists.txt).
#   run_fuzzer.sh replay  FUZZER WORKDIR DICT SEED_DIR...   every seed once
#   run_fuzzer.sh SECONDS FUZZER WORKDIR DICT SEED_DIR...   fuzz for SECONDS
#   run_fuzzer.sh runs=N  FUZZER WORKDIR DICT SEED_DIR...   fuzz for N executions
#                                                          (fuzz/long_run.sh; with
#                                                          FLOWSIM_FUZZ_MAX_SECONDS set,
#                                                          at most that many seconds)
# New corpus entries go to WORKDIR/corpus (never into the source tree); a
# crash, hang (over 30 s) or out-of-memory (over 2 GiB) input is saved as
# WORKDIR/findings/<kind>-<hash>, and the test fails naming it. Keep each
# finding as a regression fixture: tests/data/bad/fuzz_<what>.yaml with its
# .expected diagnostics, after fixing the loader.
set -euo pipefail
mode=$1 fuzzer=$2 work=$3 dict=$4
shift 4
mkdir -p "$work/corpus" "$work/findings"
# FLOWSIM_FUZZ_TIMEOUT: seconds an input may take before it counts as a
# hang (default 30; raise it on a loaded machine, where a niced fuzzer gets a
# fraction of a core).
common=(-timeout="${FLOWSIM_FUZZ_TIMEOUT:-30}" -rss_limit_mb=2048 -malloc_limit_mb=2048 -dict="$dict"
        -artifact_prefix="$work/findings/" -print_final_stats=1)
if [ "$mode" = replay ]; then
  exec "$fuzzer" "${common[@]}" -runs=0 "$@"
fi
if [[ "$mode" == runs=* ]]; then
  limit=(-runs="${mode#runs=}")
  # FLOWSIM_FUZZ_MAX_SECONDS: also stop after this much wall time.
  if [ -n "${FLOWSIM_FUZZ_MAX_SECONDS:-}" ]; then limit+=(-max_total_time="$FLOWSIM_FUZZ_MAX_SECONDS"); fi
else
  limit=(-max_total_time="$mode")
fi
status=0
"$fuzzer" "${common[@]}" "${limit[@]}" "$work/corpus" "$@" || status=$?
if [ "$status" -ne 0 ]; then
  echo "run_fuzzer: $fuzzer found a problem; inputs saved in $work/findings/:" >&2
  ls -l "$work/findings/" >&2
fi
exit "$status"
