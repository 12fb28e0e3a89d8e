#!/usr/bin/env bash
# The hardening checks that follow the release build and tests in the
# README's test command (and so in CI, .ci/run); docs/hardening.md explains
# them. Each runs in its own build directory, from CMakePresets.json:
#   1. asan-ubsan: every test built with AddressSanitizer and
#      UndefinedBehaviorSanitizer (-fno-sanitize-recover: any report fails
#      the test), the validation cases at a quarter of their replications;
#   2. fuzz, only with FLOWSIM_CI_FUZZ=1: the libFuzzer targets (clang 14),
#      label 'fuzz': each replays every seed and kept finding, then fuzzes
#      for FLOWSIM_FUZZ_SECONDS (default 30). Left out of CI to keep it under
#      30 minutes on 2 cores (the fuzz build alone took 3 min); the scheduled
#      job .ci/fuzz runs it, then the long run.
# FLOWSIM_CI_SKIP_SANITIZERS=1 skips the first part (for a quick local check).
set -euo pipefail
cd "$(dirname "$0")/.."
jobs="$(nproc)"
# One compile more than there are cores: the link steps and the last large
# files of a build leave a core idle otherwise.
build_jobs=$((jobs + 1))
fuzz_seconds="${FLOWSIM_FUZZ_SECONDS:-30}"
started=$SECONDS

if [ "${FLOWSIM_CI_SKIP_SANITIZERS:-0}" != 1 ]; then
  echo "== ci_checks: tests under AddressSanitizer + UndefinedBehaviorSanitizer"
  cmake --preset asan-ubsan
  cmake --build --preset asan-ubsan -j"$build_jobs"
  ctest --preset asan-ubsan -j"$jobs"
  echo "== ci_checks: sanitizer tests passed after $((SECONDS - started)) s"
fi

if [ "${FLOWSIM_CI_FUZZ:-0}" = 1 ]; then
  echo "== ci_checks: fuzzing, ${fuzz_seconds} s per target"
  cmake --preset fuzz -DFLOWSIM_FUZZ_SECONDS="$fuzz_seconds"
  cmake --build --preset fuzz -j"$build_jobs"
  ctest --preset fuzz -j"$jobs"
  echo "== ci_checks: fuzzing passed after $((SECONDS - started)) s"
fi
