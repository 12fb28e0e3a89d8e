#!/usr/bin/env bash
# Times a 1,000-point sweep: the M/M/3 ward of
# scenarios/validation/c1_erlang_c_small.yaml (100 years, about 7,300
# patients a replication), a grid of 10 bed counts crossed with a Latin
# hypercube of 100 samples of the arrival rate and the length-of-stay scale,
# 5 replications a point (5,000 replications), on THREADS threads.
# Usage: benchmarks/sweep_1000.sh [THREADS=all cores] [FLOWSIM=build/tools/flowsim]
# Extra processes: MPIRUN="mpirun -np 2" benchmarks/sweep_1000.sh 1
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
threads="${1:-$(nproc)}"
flowsim="${2:-$root/build/tools/flowsim}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cat >"$work/sweep_1000.yaml" <<YAML
sweep: 1000-point benchmark
scenario: $root/scenarios/validation/c1_erlang_c_small.yaml
replications: 5
seed: 1
samples: 100
parameters:
  - set: units.ward.capacity
    values: [3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
  - set: arrivals.admissions.rate_per_day
    range: [0.1, 0.28]
  - scale: units.ward.los
    range: [0.8, 1.2]
YAML
start=$(date +%s%N)
${MPIRUN:-} "$flowsim" sweep "$work/sweep_1000.yaml" --threads "$threads" --quiet --out "$work/out"
end=$(date +%s%N)
echo "1,000-point sweep (5,000 replications) on $threads thread(s): $(awk "BEGIN { printf \"%.2f\", ($end - $start) / 1e9 }") s wall, $(wc -l <"$work/out/sweep_results.csv") result rows"
