#!/usr/bin/env bash
# flowsim serve in a real browser (ctest label "browser"): starts the server
# on a free loopback port with a fresh workspace, then drives the page in
# headless Chromium through puppeteer-core (browser_check.cjs) as a planner
# would; screenshots are kept in OUT/screenshots/. The server is stopped
# with SIGINT, as Ctrl-C would, and must exit 0.
# Usage: browser_test.sh FLOWSIM SOURCE_DIR OUT_DIR
set -euo pipefail
flowsim=$(realpath "$1") source=$(cd "$2" && pwd) out=$3
source "$source/tests/browser_setup.sh"
cd "$source"
"$flowsim" serve --port 0 --workspace "$out/workspace" --threads 2 > "$out/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  grep -q "open http" "$out/serve.log" 2>/dev/null && break
  sleep 0.1
done
url=$(grep -o "http://[^ ]*" "$out/serve.log" | head -1)
[ -n "$url" ] || { cat "$out/serve.log" >&2; exit 1; }
node "$source/tests/server/browser_check.cjs" "$chromium" "$url" "$out/screenshots"
kill -INT $server
wait $server
trap - EXIT
grep -q "flowsim serve: stopped" "$out/serve.log"
