#!/usr/bin/env bash
# The report test in a real browser (ctest label "browser"): writes one
# report of each kind from small, fast scenarios, then opens each in
# headless Chromium through puppeteer-core (browser_check.cjs), which fails
# on console errors, a chart without data marks or tooltips, and keeps a
# screenshot of each report in OUT/screenshots/.
# Usage: browser_test.sh FLOWSIM SOURCE_DIR OUT_DIR
set -euo pipefail
flowsim=$(realpath "$1") source=$(cd "$2" && pwd) out=$3
source "$source/tests/browser_setup.sh"
small=$source/scenarios/validation/c1_erlang_c_small.yaml
# A&E, pathways with delays and costs: the default scenario, few replications.
"$flowsim" run "$source/scenarios/llr_2016_baseline.yaml" --reps 3 --quiet --report --out "$out/run" >/dev/null
"$flowsim" compare "$source/scenarios/llr_2016_baseline.yaml" --with "$source/scenarios/interventions/home_first.yaml" \
  --reps 3 --quiet --report --out "$out/compare" >/dev/null
# Two grid parameters (a heat map) and a target.
cat > "$out/sweep.yaml" <<YAML
sweep: ward beds and arrivals
scenario: $small
replications: 3
seed: 1
parameters:
  - set: units.ward.capacity
    values: [3, 4, 5]
  - set: arrivals.admissions.rate_per_day
    values: [0.15, 0.2, 0.25]
YAML
"$flowsim" sweep "$out/sweep.yaml" --quiet --report --target 'unit.ward.p_wait <= 0.3' --out "$out/sweep" >/dev/null
"$flowsim" size "$small" --unit ward --target 'p_wait <= 0.2' --reps 5 --report --out "$out/size" >/dev/null
sed -e 's/horizon_days: *[0-9]*/horizon_days: 2100/' "$source/scenarios/validation/c4_t0.yaml" > "$out/c4_short.yaml"
"$flowsim" frontier "$out/c4_short.yaml" --units community,acute --grid 5:9:2 --target 'p_diverted <= 0.1' --reps 8 \
  --report --out "$out/frontier" >/dev/null
# A ward escalating at bed meetings: the escalation chart and table, and the
# levels in the STRESS-DES record.
"$flowsim" run "$source/tests/data/escalating_ward.yaml" --quiet --report --out "$out/escalation" >/dev/null
# flowsim fit on the shipped synthetic extract: survival curves and Q-Q plots.
"$flowsim" fit "$source/scenarios/data/synthetic_episodes.csv" --report --out "$out/fit" >/dev/null
node "$source/tests/report/browser_check.cjs" "$chromium" "$out/screenshots" \
  run="$out/run/report.html" compare="$out/compare/report.html" sweep="$out/sweep/report.html" \
  size="$out/size/report.html" frontier="$out/frontier/report.html" escalation="$out/escalation/report.html#escalation-ward" \
  fit="$out/fit/report.html#survival_0,qq_0,survival_1,qq_1"
