#!/usr/bin/env bash
# Writes synthetic_episodes.csv: a SYNTHETIC episode extract (NOT real
# patient data) made by simulating synthetic_episodes_system.yaml for two
# years from 2019-04-01 with flowsim and converting its event log with
# `flowsim fit --from-event-log ... --dates-only`. Usage, from the repository
# root after building: bash scenarios/data/make_synthetic_episodes.sh [FLOWSIM]
set -euo pipefail
flowsim=${1:-build/tools/flowsim}
here=scenarios/data
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$flowsim" run "$here/synthetic_episodes_system.yaml" --out "$work/run" --event-log --quiet
"$flowsim" fit --from-event-log "$work/run/events.csv" --dates-only --start-date 2019-04-01 \
  --window-start 2019-04-01 --extract-date 2021-03-30 --out "$work/fit" > /dev/null
{
  echo "# SYNTHETIC episode extract, NOT real patient data: written by $here/make_synthetic_episodes.sh,"
  echo "# which simulates $here/synthetic_episodes_system.yaml (2019-04-01 to 2021-03-30) with flowsim"
  echo "# and converts the event log (flowsim fit --from-event-log --dates-only). Extract date 2021-03-30."
  cat "$work/fit/episodes.csv"
} > "$here/synthetic_episodes.csv"
echo "wrote $here/synthetic_episodes.csv ($(($(wc -l < "$here/synthetic_episodes.csv") - 4)) episodes)"
