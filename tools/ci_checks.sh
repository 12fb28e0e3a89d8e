#!/usr/bin/env bash
# The hardening checks that follow the release build and tests in the
# README's test command (and so in CI, .ci/run); docs/hardening.md explains
# them. Each runs in its own build directory, from CMakePresets.json:
#   1. asan-ubsan: every test built with AddressSanitizer and
#      UndefinedBehaviorSanitizer (-fno-sanitize-recover: any report fails
#      the test), the validation cases at a quarter of their replications;
#   2. fuzz: the libFuzzer targets (clang 14), label 'fuzz': each replays
#      every seed and kept finding, then fuzzes for FLOWSIM_FUZZ_SECONDS
#      (default 30 here: a smoke run that keeps CI under 30 minutes; the
#      long run, fuzz/long_run.sh, is where fuzzing finds things).
# FLOWSIM_CI_SKIP_SANITIZERS=1 or FLOWSIM_CI_SKIP_FUZZ=1 skip a part (for a
# quick local check; CI skips nothing).
set -euo pipefail
cd "$(dirname "$0")/.."
jobs="$(nproc)"
fuzz_seconds="${FLOWSIM_FUZZ_SECONDS:-30}"
started=$SECONDS

if [ "${FLOWSIM_CI_SKIP_SANITIZERS:-0}" != 1 ]; then
  echo "== ci_checks: tests under AddressSanitizer + UndefinedBehaviorSanitizer"
  cmake --preset asan-ubsan
  cmake --build --preset asan-ubsan -j"$jobs"
  ctest --preset asan-ubsan -j"$jobs"
  echo "== ci_checks: sanitizer tests passed after $((SECONDS - started)) s"
fi

if [ "${FLOWSIM_CI_SKIP_FUZZ:-0}" != 1 ]; then
  echo "== ci_checks: fuzzing, ${fuzz_seconds} s per target"
  cmake --preset fuzz -DFLOWSIM_FUZZ_SECONDS="$fuzz_seconds"
  cmake --build --preset fuzz -j"$jobs"
  ctest --preset fuzz -j"$jobs"
  echo "== ci_checks: fuzzing passed after $((SECONDS - started)) s"
fi
